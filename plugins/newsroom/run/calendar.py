"""The events' calendars (RFC 5545, with the `icalendar` library).

- EVENTS_CALENDAR_SAVE_AS (/<lang>/events/calendar.ics): every event of the
  language, to subscribe to (webcal:) or download;
- EVENT_CALENDAR_SAVE_AS (/<lang>/events/<slug>.ics): one event alone, the
  event page's "Add to calendar".

Each event keeps one UID in every build and every language (its slug, which
its translations share, at the organisation's domain). SEQUENCE counts the
changes of its time, zone or status in the content's history, which the
build reads from git (NEWSROOM_EVENT_SEQUENCES, build/event_history.py).
DTSTAMP is the story's last modification, so that two builds of the same
content give the same bytes. Each time zone in use has its VTIMEZONE, cut to
the years of the events.
"""

import datetime
from pathlib import Path
from urllib.parse import urlsplit

import icalendar

PRODID = "-//AICTO//Newsroom//EN"
STATUS = {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}  # else CONFIRMED


def write_all(output_path, stories, name, settings):
    """Write the language's calendar (called `name`) and each event's own."""
    events = [story for story in stories if story.event]
    events.sort(key=lambda story: (story.event.begins, story.slug))
    _write(output_path, settings["EVENTS_CALENDAR_SAVE_AS"], events, name, settings)
    for story in events:
        path = settings["EVENT_CALENDAR_SAVE_AS"].format(slug=story.slug)
        _write(output_path, path, [story], story.title_text, settings)


def calendar_url(settings, slug=None):
    """The site-relative URL of the language's calendar, or of one event's."""
    if slug is None:
        return settings["EVENTS_CALENDAR_URL"]
    return settings["EVENT_CALENDAR_URL"].format(slug=slug)


def _write(output_path, save_as, stories, name, settings):
    path = Path(output_path) / save_as
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(calendar(stories, name, settings).to_ical())


def calendar(stories, name, settings):
    """An icalendar.Calendar of `stories` (each with an `event`)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)  # RFC 7986
    cal.add("x-wr-calname", name)  # what most calendar programs show
    for story in stories:
        cal.add_component(_vevent(story, settings))
    if stories:
        years = [story.event.begins.year for story in stories]
        cal.add_missing_timezones(
            first_date=datetime.date(min(years) - 1, 1, 1),
            last_date=datetime.date(max(years) + 2, 1, 1),
        )
        _one_rdate_a_line(cal)
    return cal


def _one_rdate_a_line(cal):
    """A VTIMEZONE's transitions as one RDATE property each, not a list on one
    line: both are RFC 5545, but some readers (vobject, through dateutil)
    keep only the first date of a list, and so miss a summer time."""
    for zone in cal.walk("VTIMEZONE"):
        for part in zone.subcomponents:
            dates = part.get("RDATE")
            if dates is not None and not isinstance(dates, list) and len(dates.dts) > 1:
                part["RDATE"] = [icalendar.vDDDLists([one.dt]) for one in dates.dts]


def _vevent(story, settings):
    event = story.event
    url = f"{settings['SITEURL']}/{story.url}"
    vevent = icalendar.Event()
    vevent.add("uid", uid(story.slug, settings))
    stamp = getattr(story, "modified", None) or story.date
    vevent.add("dtstamp", _utc(stamp))
    vevent.add("last-modified", _utc(stamp))
    vevent.add("sequence", settings.get("NEWSROOM_EVENT_SEQUENCES", {}).get(story.slug, 0))
    vevent.add("summary", story.title_text)
    vevent.add("dtstart", event.start)
    if event.end:
        # A day's DTEND is the day after (RFC 5545: exclusive); ours is the last day.
        end = event.end + datetime.timedelta(days=1) if event.all_day else event.end
        vevent.add("dtend", end)
    elif event.all_day:
        vevent.add("dtend", event.start + datetime.timedelta(days=1))
    vevent.add("status", STATUS.get(event.status, "CONFIRMED"))
    if event.location or event.online:
        vevent.add("location", event.location or event.online)
    if event.online:
        vevent.add("conference", event.online, parameters={"value": "URI"})
    lines = [getattr(story, "summary_text", "") or "", url]
    if event.online:
        lines.append(event.online)
    if event.registration:
        lines.append(event.registration)
    vevent.add("description", "\n\n".join(line for line in lines if line))
    vevent.add("url", url)
    return vevent


def uid(slug, settings):
    """The event's UID: the same in every language and every build."""
    return f"{slug}@{urlsplit(settings['ORGANIZATION_URL']).hostname}"


def _utc(moment):
    aware = moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)
    return aware.astimezone(datetime.UTC)
