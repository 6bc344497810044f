"""Events: stories of the events category that say when and where.

A story in EVENTS_CATEGORY may carry `Start` (required once any other event
field is there), `End`, `Timezone`, `Location`, `Online`, `Event_status` and
`Registration`. Times are the event's own, in its time zone (`Timezone`, an
IANA name; EVENT_TIMEZONE by default); `Date` stays the publication date.
A start without a time is an all-day event, and its end then is a day too
(the last day, inclusive).

The rules table (rules.py) checks each field with the functions here, and
the language runs read events back with `event_of`, so a value means one
thing everywhere. Upcoming or past is decided against one instant per build
(`is_upcoming`), which the build hands every run.
"""

import datetime
import difflib
import re
from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from .values import canonical

FIELDS = ("start", "end", "timezone", "location", "online", "event_status", "registration")
STATUSES = ("scheduled", "cancelled", "postponed", "rescheduled", "moved-online")
MOMENT_RE = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})(?:[T ](?P<time>\d{2}:\d{2})(?::(?P<seconds>\d{2}))?)?$"
)
MOMENT_FORMS = "YYYY-MM-DD HH:MM, or YYYY-MM-DD for an all-day event"
# The language runs keep `Timezone` under this name: Pelican would take a
# `timezone` attribute for the zone of the story's publication date.
ZONE_IN_RUN = "event_timezone"


@dataclass(frozen=True)
class Event:
    start: datetime.date  # an aware datetime, or a date for an all-day event
    end: datetime.date | None  # the same kind as `start`; a date is the last day
    zone: str  # IANA name
    location: str = ""
    online: str = ""
    status: str = "scheduled"
    registration: str = ""

    @property
    def all_day(self):
        return not isinstance(self.start, datetime.datetime)

    @property
    def finish(self):
        """The instant it is over: the end, else the start (the next midnight
        in its zone for a day)."""
        last = self.end or self.start
        if self.all_day:
            midnight = datetime.datetime.combine(last, datetime.time(), ZoneInfo(self.zone))
            return midnight + datetime.timedelta(days=1)
        return last

    def is_upcoming(self, now):
        """Not over yet at `now` (an aware datetime): under way counts as upcoming."""
        return self.finish > now

    @property
    def begins(self):
        """When it starts, as an aware instant (midnight in its zone for a day)."""
        if self.all_day:
            return datetime.datetime.combine(self.start, datetime.time(), ZoneInfo(self.zone))
        return self.start

    def describe(self):
        """As an author writes it:
        "2026-07-14 10:00 – 2026-07-14 13:30, Africa/Cairo, scheduled"."""
        when = " – ".join(_written(moment) for moment in (self.start, self.end) if moment)
        return f"{when}, {self.zone}, {self.status}"

    @property
    def revision(self):
        """What a calendar's SEQUENCE counts changes of: time, zone, status."""
        return (_iso(self.start), _iso(self.end), self.zone, self.status)


def _written(moment):
    return f"{moment:%Y-%m-%d %H:%M}" if isinstance(moment, datetime.datetime) else f"{moment}"


def _iso(value):
    return value.isoformat() if value else ""


def parse_moment(text, zone):
    """An aware datetime (or a date alone) from `text`; ValueError with what to do."""
    match = MOMENT_RE.match(text.strip())
    if not match:
        raise ValueError(f'"{text}" is not a date and time; write it as {MOMENT_FORMS}')
    try:
        day = datetime.date.fromisoformat(match["date"])
    except ValueError:
        raise ValueError(
            f'"{text}" is a day no calendar has; check the day and the month'
        ) from None
    if not match["time"]:
        return day
    hours, minutes = (int(part) for part in match["time"].split(":"))
    if hours > 23 or minutes > 59 or int(match["seconds"] or 0) > 59:
        raise ValueError(f'"{text}" is not a time of day; write HH:MM, from 00:00 to 23:59')
    return datetime.datetime.combine(day, datetime.time(hours, minutes), ZoneInfo(zone))


@cache
def _zones():
    """{lower-case name: IANA name} of every time zone this system knows."""
    return {name.casefold(): name for name in available_timezones()}


def zone_named(text):
    """The IANA time zone `text` names, in any case; None if it names none."""
    return _zones().get(text.strip().casefold())


def nearest_zone(text):
    """The known zone most like `text` ("Africa/Kairo", "cairo"), or None."""
    wanted = text.strip().casefold()
    names = _zones()
    by_city = {name.rsplit("/", 1)[-1]: real for name, real in names.items() if "/" in name}
    city = wanted.replace(" ", "_").rsplit("/", 1)[-1]
    if city in by_city:
        return by_city[city]
    close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.6)
    return names[close[0]] if close else None


def status_named(text):
    return canonical(text, STATUSES)


def event_of(meta, default_zone):
    """The Event of a story's front matter ({field: text}), or None when it
    has no Start. The values are those the rules table accepted."""
    start = (meta.get("start") or "").strip()
    if not start:
        return None
    zone = zone_named(meta.get("timezone") or meta.get(ZONE_IN_RUN) or "") or default_zone
    end = (meta.get("end") or "").strip()
    return Event(
        start=parse_moment(start, zone),
        end=parse_moment(end, zone) if end else None,
        zone=zone,
        location=" ".join((meta.get("location") or "").split()),
        online=(meta.get("online") or "").strip(),
        status=status_named(meta.get("event_status") or "scheduled") or "scheduled",
        registration=(meta.get("registration") or "").strip(),
    )


def upcoming(items, settings, now):
    """The (slug, lang) of the scan's published events not over at `now`."""
    found = []
    for item in items:
        if item.kind == "article" and "start" in item.meta:
            meta = {key: field.value for key, field in item.meta.items()}
            if event_of(meta, settings["EVENT_TIMEZONE"]).is_upcoming(now):
                found.append((item.slug, item.lang))
    return sorted(found)
