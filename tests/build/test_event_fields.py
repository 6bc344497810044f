"""Bad event fields stop the build with one line each (issue 18).

Each case writes one story into a copy of tests/sites/events/ (built once)
and builds it with the CLI: the build refuses with the line
`<file>:<line>: <field>: <message>`, the line being the field's own, and
leaves output/ byte for byte. Values in another case are accepted, `invoke
check` says the same as the build, and a draft's bad field is a warning.
The messages are model/rules.py's and model/events.py's.
"""

import json

import icalendar
import pytest

from conftest import SITES, Site, build_copy, build_refuses, fresh_copy, invoke, snapshot

FIXTURE = SITES / "events"
BAD = "articles/2026/zz-bad-event.en.md"
HEAD = "Title: A bad event\nDate: 2026-01-05\nCategory: events\n"  # lines 1 to 3
START = "Start: 2026-07-14 10:00\n"
PLACE = "Location: Conference centre, Cairo\n"
BODY = "\nThe body.\n"

MOMENT_FORMS = "write it as YYYY-MM-DD HH:MM, or YYYY-MM-DD for an all-day event"
NO_DAY = "is a day no calendar has; check the day and the month"
NO_TIME = "is not a time of day; write HH:MM, from 00:00 to 23:59"
WRITTEN_DIFFERENTLY = (
    "end: Start and End are written differently; write both with a time or both without"
)
NO_ZONE = "is not a time zone; write its IANA name, e.g. Africa/Cairo"
STATUSES = "scheduled, cancelled, postponed, rescheduled, moved-online"
NOT_SECURE = "is not a secure web address; write it in full, starting with https://"
NOT_AN_EVENT = (
    'only a story of the events category is an event; set "Category: events" or remove the line'
)

# name: (the fields after HEAD, what the line says after "<file>:")
REFUSED = {
    "start-not-a-date": (
        "Start: 2026/07/14\n" + PLACE,
        f'4: start: "2026/07/14" is not a date and time; {MOMENT_FORMS}',
    ),
    "start-on-a-day-that-does-not-exist": (
        "Start: 2026-02-30 10:00\n" + PLACE,
        f'4: start: "2026-02-30 10:00" {NO_DAY}',
    ),
    "start-at-a-time-out-of-range": (
        PLACE + "Start: 2026-07-14 25:00\n",
        f'5: start: "2026-07-14 25:00" {NO_TIME}',
    ),
    "end-on-a-month-that-does-not-exist": (
        START + "End: 2026-13-01 10:00\n" + PLACE,
        f'5: end: "2026-13-01 10:00" {NO_DAY}',
    ),
    "end-before-start": (
        START + PLACE + "End: 2026-07-14 09:30\n",
        '6: end: "2026-07-14 09:30" is before Start; an event ends after it starts',
    ),
    "all-day-end-before-start": (
        "Start: 2026-07-14\nEnd: 2026-07-13\n" + PLACE,
        '5: end: "2026-07-13" is before Start; an event ends after it starts',
    ),
    "start-with-a-time-end-without": (
        START + "End: 2026-07-15\n" + PLACE,
        f"5: {WRITTEN_DIFFERENTLY}",
    ),
    "start-without-a-time-end-with": (
        PLACE + "Start: 2026-07-14\nEnd: 2026-07-15 10:00\n",
        f"6: {WRITTEN_DIFFERENTLY}",
    ),
    "timezone-misspelt": (
        START + "Timezone: Africa/Kairo\n" + PLACE,
        f'5: timezone: "Africa/Kairo" {NO_ZONE} (did you mean "Africa/Cairo"?)',
    ),
    "timezone-a-city-alone": (
        START + PLACE + "Timezone: Cairo\n",
        f'6: timezone: "Cairo" {NO_ZONE} (did you mean "Africa/Cairo"?)',
    ),
    "event-status-unknown": (
        START + PLACE + "Event_status: canceled\n",
        f'6: event_status: "canceled" is not an event status; use one of: {STATUSES}'
        ' (did you mean "cancelled"?)',
    ),
    "moved-online-without-online": (
        START + "Event_status: moved-online\n" + PLACE,
        '5: event_status: an event moved online needs its address: add "Online: https://…"',
    ),
    "no-location-and-no-online": (
        "Summary: Somewhere, some day.\n" + START,
        '5: start: an event needs a place: add "Location: …" (venue, address), '
        '"Online: https://…", or both',
    ),
    "location-on-two-lines": (
        START + "Location: Conference centre,\n    Cairo, Egypt\n",
        "5: location: one line only; put the rest in the text",
    ),
    "no-start": (
        PLACE + "Online: https://example.org/live\n",
        '1: start: missing; an event needs "Start: YYYY-MM-DD HH:MM" (its own time)',
    ),
    "empty-start": (  # one line, on its own line, not two
        PLACE + "Start:\n",
        '5: start: missing; an event needs "Start: YYYY-MM-DD HH:MM" (its own time)',
    ),
}
# Online and Registration: an address in full, and https only.
REFUSED |= {
    f"{name}-{value.split(':')[0]}": (
        START + PLACE + f"{name.capitalize()}: {value}\n",
        f'6: {name}: "{value}" {NOT_SECURE}',
    )
    for name in ("online", "registration")
    for value in ("http://example.org/x", "example.org")
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The fixture site's content and its built output, made once."""
    return build_copy(FIXTURE, tmp_path_factory.mktemp("event-fields"))


@pytest.fixture
def site(built, tmp_path):
    return fresh_copy(built, tmp_path)


def build(content, output):
    return invoke("build", "--content", str(content), "--output", str(output))


@pytest.mark.parametrize("case", REFUSED, ids=str)
def test_a_bad_event_field_is_refused_with_its_line(site, case):
    content, output = site
    fields, expected = REFUSED[case]
    line = build_refuses(content, output, BAD, HEAD + fields + BODY)
    assert line == f"{content / BAD}:{expected}"


def test_an_event_cannot_take_the_calendars_name(site):
    content, output = site
    relative = "articles/2026/calendar.en.md"
    line = build_refuses(content, output, relative, HEAD + START + PLACE + BODY)
    expected = 'slug: "calendar" is the name of the events calendar; rename the file'
    assert line == f"{content / relative}:1: {expected}"


def test_event_fields_on_a_news_story_are_refused_one_line_each(site):
    content, output = site
    bad = content / BAD
    text = "Title: News\nDate: 2026-01-05\nCategory: news\n" + START + PLACE + "Registration:"
    bad.write_text(text + " https://example.org/r\n" + BODY, encoding="utf-8")
    before = snapshot(output)

    result = build(content, output)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if str(bad) in line] == [
        f"{bad}:4: start: {NOT_AN_EVENT}",
        f"{bad}:5: location: {NOT_AN_EVENT}",
        f"{bad}:6: registration: {NOT_AN_EVENT}",
    ]
    assert snapshot(output) == before


def test_invoke_check_says_what_the_build_says(site):
    content, _ = site
    fields, expected = REFUSED["timezone-misspelt"]
    (content / BAD).write_text(HEAD + fields + BODY, encoding="utf-8")

    result = invoke("check", "--content", str(content))

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [f"{content / BAD}:{expected}"]


def test_values_in_another_case_are_accepted(site):
    """`africa/cairo` is Africa/Cairo, `Moved-Online` is moved-online."""
    content, output = site
    good = "articles/2026/zz-good-event.en.md"
    (content / good).write_text(
        HEAD.replace("A bad event", "A good event")
        + START
        + "Timezone: africa/cairo\nEvent_status: Moved-Online\n"
        + "Online: https://example.org/live/good\n"
        + BODY,
        encoding="utf-8",
    )

    result = build(content, output)

    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr.lower(), result.stderr
    page = Site(output).soup("/en/events/2026/01/zz-good-event/")
    data = [json.loads(script.string) for script in page.select("script[type*=ld]")]
    (event,) = [item for item in data if item.get("@type") == "Event"]
    assert event["eventStatus"] == "https://schema.org/EventMovedOnline"
    assert event["startDate"] == "2026-07-14T10:00:00+03:00"
    ics = (output / "en/events/zz-good-event.ics").read_bytes()
    (event,) = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Africa/Cairo"
    assert event.decoded("DTSTART").isoformat() == "2026-07-14T10:00:00+03:00"
    assert str(event["CONFERENCE"]) == "https://example.org/live/good"


def test_a_draft_with_a_bad_event_field_does_not_stop_the_build(site):
    content, output = site
    draft = content / "articles/2026/zz-draft-event.en.md"
    draft.write_text(HEAD + "Status: draft\n" + "Start: 2026/07/14\n" + PLACE + BODY, "utf-8")
    published = content / "articles/2026/zz-new.en.md"
    published.write_text("Title: New\nDate: 2026-01-06\nCategory: news\n" + BODY, "utf-8")

    result = build(content, output)

    assert result.returncode == 0, result.stderr
    warned = [line for line in result.stderr.splitlines() if str(draft) in line]
    assert warned == [
        f'{draft}:5: start: "2026/07/14" is not a date and time; {MOMENT_FORMS} '
        "(a draft: it stays out of the build until this is fixed)"
    ]
    built = Site(output)
    assert built.exists("/en/news/2026/01/zz-new/")  # the build went on
    assert not built.exists("/en/drafts/zz-draft-event/")  # left out until it is fixed
    calendar = icalendar.Calendar.from_ical((output / "en/events/calendar.ics").read_bytes())
    assert "zz-draft-event@aicto.org" not in [str(e["UID"]) for e in calendar.walk("VEVENT")]
