"""The rules of an event's fields (model/events.py), in the table of rules.py.

A story of EVENTS_CATEGORY may say when and where it happens: each field
has its rule here, and `an_event` checks them together (a Start, an End not
before it, a place, and only in that category).
"""

from . import events
from .values import URL_RE, canonical, not_one_of


def _value(file, name, default=""):
    return file.meta[name].value if name in file.meta else default


def event_moment(file, name, field):
    """`Start`, `End`: a date and time in the event's zone, or a day alone."""
    if not field.value:
        return  # an empty End is no End; an empty Start, `an_event` says is missing
    try:
        events.parse_moment(field.value, "UTC")
    except ValueError as error:
        file.report(name, str(error), field.line)


def time_zone(file, name, field):
    if events.zone_named(field.value) is None:
        message = f'"{field.value}" is not a time zone; write its IANA name, e.g. Africa/Cairo'
        nearest = events.nearest_zone(field.value)
        file.report(
            name, f'{message} (did you mean "{nearest}"?)' if nearest else message, field.line
        )


def event_status(file, name, field):
    if events.status_named(field.value) is None:
        message = not_one_of(field.value, "an event status", events.STATUSES)
        file.report(name, message, field.line)


def secure_address(file, name, field):
    if not field.value.startswith("https://") or not URL_RE.match(field.value):
        message = (
            f'"{field.value}" is not a secure web address; write it in full, starting with https://'
        )
        file.report(name, message, field.line)


def one_line(file, name, field):
    if "\n" in field.value:
        file.report(name, "one line only; put the rest in the text", field.line)


def an_event(file):
    """Event fields belong to a story of the events category, which then has
    a Start, an End not before it (both with a time or both without), and a
    place: Location, Online or both."""
    given = [name for name in events.FIELDS if name in file.meta]
    if not given:
        return
    key = file.settings["EVENTS_CATEGORY"]
    if canonical(_value(file, "category"), file.settings["CATEGORIES"]) != key:
        for name in given:
            message = (
                f"only a story of the {key} category is an event; "
                f'set "Category: {key}" or remove the line'
            )
            file.report(name, message, file.meta[name].line)
        return
    if not _value(file, "start"):
        line = file.meta["start"].line if "start" in file.meta else 1
        message = 'missing; an event needs "Start: YYYY-MM-DD HH:MM" (its own time)'
        file.report("start", message, line)
        return
    own = file.settings["EVENT_CALENDAR_URL"].replace("{slug}", file.slug)
    if own == file.settings["EVENTS_CALENDAR_URL"]:
        message = f'"{file.slug}" is the name of the events calendar; rename the file'
        file.report("slug", message)
    zone = events.zone_named(_value(file, "timezone")) or file.settings["EVENT_TIMEZONE"]
    try:
        start = events.parse_moment(_value(file, "start"), zone)
        end = events.parse_moment(_value(file, "end"), zone) if _value(file, "end") else None
    except ValueError:
        return  # its own rule reported it
    line = file.meta["end"].line if "end" in file.meta else 1
    if end is not None and type(end) is not type(start):
        which = "both with a time or both without"
        file.report("end", f"Start and End are written differently; write {which}", line)
    elif end is not None and end < start:
        file.report(
            "end", f'"{_value(file, "end")}" is before Start; an event ends after it starts', line
        )
    status = events.status_named(_value(file, "event_status", "scheduled"))
    if status == "moved-online" and not _value(file, "online"):
        message = 'an event moved online needs its address: add "Online: https://…"'
        file.report("event_status", message, file.meta["event_status"].line)
    elif not _value(file, "location") and not _value(file, "online"):
        message = (
            'an event needs a place: add "Location: …" (venue, address), '
            '"Online: https://…", or both'
        )
        file.report("start", message, file.meta["start"].line)
