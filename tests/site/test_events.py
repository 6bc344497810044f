"""Events (issue 18) on tests/sites/events/, built as of 2026-06-01 12:00 UTC
(BUILD_DATE): the events page (upcoming, then past), event pages, the home,
the calendars (read with `icalendar` and, independently, with `vobject`),
Event JSON-LD, feeds, sitemaps, search filters, the Nu Html Checker and axe.

The fixture: a forum in Cairo in July (daylight saving time, UTC+3) on site
and online, in ar, en and fr; an all-day workshop in Tunis (the default
zone); an online training; a cancelled ministerial meeting in Riyadh; a
rescheduled ceremony, past; a report in the events category without a Start.
"""

import datetime
import json
import shutil
import subprocess

import feedparser
import icalendar
import pytest
import vobject

from conftest import text
from newsroom.tools.browser import open_page, read_headers, serve
from validators import AXE, AXE_OPTIONS, AXE_RUN, VNU, axe_report, vnu_report

BUILT_AT = "2026-06-01T12:00:00+00:00"
UTC = datetime.UTC
FORUM = "/{lang}/events/2026/03/arab-digital-forum/"
WORKSHOP = "/en/events/2026/02/cybersecurity-workshop/"
UPCOMING = [  # soonest first
    "Online training on open data",
    "Arab Digital Forum",
    "Cybersecurity workshop",
    "Ministerial meeting",
]
PAST = ["ICT awards ceremony", "What the forum decided"]  # newest first
# Each event's instants in UTC: (start, end); a day's end is exclusive.
INSTANTS = {
    "ict-awards@aicto.org": (datetime.datetime(2025, 12, 1, 17, 0, tzinfo=UTC), None),
    "online-training@aicto.org": (
        datetime.datetime(2026, 6, 10, 14, 0, tzinfo=UTC),  # Tunis, UTC+1
        datetime.datetime(2026, 6, 10, 16, 0, tzinfo=UTC),
    ),
    "arab-digital-forum@aicto.org": (
        datetime.datetime(2026, 7, 14, 7, 0, tzinfo=UTC),  # Cairo in July: UTC+3
        datetime.datetime(2026, 7, 14, 10, 30, tzinfo=UTC),
    ),
    "cybersecurity-workshop@aicto.org": (datetime.date(2026, 9, 20), datetime.date(2026, 9, 23)),
    "ministerial-meeting@aicto.org": (datetime.datetime(2026, 10, 1, 6, 0, tzinfo=UTC), None),
}


@pytest.fixture(scope="module")
def events(fixture_sites):
    return fixture_sites("events", BUILD_DATE=BUILT_AT)


@pytest.fixture(scope="module")
def events_url(events):
    """The events fixture served on localhost with its `_headers`."""
    with serve(events.root, headers=read_headers(events.root / "_headers")) as url:
        yield url


def titles(nodes):
    return [text(node) for node in nodes]


# The events page


def test_upcoming_events_come_first_soonest_first_then_past_newest_first(events):
    page = events.soup("/en/events/")
    upcoming = page.select_one('[aria-labelledby="upcoming-title"]')
    past = page.select_one('[aria-labelledby="past-title"]')

    assert titles(upcoming.select(".card__title")) == UPCOMING
    assert titles(past.select(".card__title")) == PAST
    assert text(page.select_one("#upcoming-title")) == "Upcoming events"


def test_a_card_says_when_in_the_events_zone_with_its_offset_and_where(events):
    cards = {
        text(c.select_one(".card__title")): c for c in events.soup("/en/events/").select(".card")
    }

    forum = cards["Arab Digital Forum"]
    assert (
        text(forum.select_one(".event-when time")) == "Tuesday, July 14, 2026, 10:00 AM – 1:30 PM"
    )
    assert forum.select_one(".event-when time")["datetime"] == "2026-07-14T10:00:00+03:00"
    assert text(forum.select_one(".event-when__zone")) == "(Egypt Time, GMT+03:00)"
    assert text(forum.select_one(".event-where")) == "Conference centre, Cairo, Egypt · Online"
    training = cards["Online training on open data"]
    assert text(training.select_one(".event-when__zone")) == "(Tunisia Time, GMT+01:00)"
    assert text(training.select_one(".event-where")) == "Online"
    workshop = cards["Cybersecurity workshop"]
    assert (
        text(workshop.select_one("time"))
        == "Sunday, September 20, 2026 – Tuesday, September 22, 2026"
    )
    assert workshop.select_one(".event-when__zone") is None  # a day has no hour to place


def test_a_cancelled_or_rescheduled_event_shows_its_status_first(events):
    cards = {
        text(c.select_one(".card__title")): c for c in events.soup("/en/events/").select(".card")
    }

    assert text(cards["Ministerial meeting"].select_one(".event-when > strong")) == "Cancelled"
    assert text(cards["ICT awards ceremony"].select_one(".event-status")) == "Rescheduled"
    assert cards["Arab Digital Forum"].select_one(".event-status") is None  # scheduled


def test_arabic_and_french_pages_speak_their_language_with_latin_digits(events):
    arabic = events.soup(FORUM.format(lang="ar")).select_one(".event-details")
    french = events.soup(FORUM.format(lang="fr")).select_one(".event-details")

    assert text(arabic.select_one("time")) == "الثلاثاء، 14 يوليو 2026، 10:00 ص – 1:30 م"
    assert text(arabic.select_one(".event-when__zone")) == "(توقيت مصر، غرينتش+03:00)"
    assert text(arabic.select_one("h2")) == "الموعد والمكان"
    assert text(french.select_one("time")) == "mardi 14 juillet 2026, 10:00 – 13:30"
    assert "En ligne" in text(french.select_one(".event-where"))


def test_past_events_are_paginated_and_only_the_first_page_has_the_upcoming(fixture_sites):
    site = fixture_sites("events", BUILD_DATE=BUILT_AT, DEFAULT_PAGINATION=1)

    first, second = site.soup("/en/events/"), site.soup("/en/events/page/2/")

    assert titles(first.select('[aria-labelledby="past-title"] .card__title')) == PAST[:1]
    assert titles(second.select('[aria-labelledby="past-title"] .card__title')) == PAST[1:]
    assert len(first.select('[aria-labelledby="upcoming-title"] .card')) == len(UPCOMING)
    assert second.select_one("#upcoming-title") is None
    assert second.select_one('a[rel="prev"]')["href"] == "/en/events/"


def test_as_time_goes_by_an_event_moves_to_the_past(fixture_sites):
    later = fixture_sites("events", BUILD_DATE="2026-07-14T10:31:00+00:00")  # the forum is over

    page = later.soup("/en/events/")

    upcoming = titles(page.select('[aria-labelledby="upcoming-title"] .card__title'))
    past = titles(page.select('[aria-labelledby="past-title"] .card__title'))
    assert upcoming == ["Cybersecurity workshop", "Ministerial meeting"]
    assert past[:2] == ["Arab Digital Forum", "Online training on open data"]


def test_the_real_events_page_shows_its_empty_state(site):
    page = site.soup("/en/events/")

    assert text(page.select_one('[aria-labelledby="upcoming-title"] .empty')) == (
        "No events are planned at the moment."
    )
    assert page.select_one("#past-title") is None
    calendar = icalendar.Calendar.from_ical((site.root / "en/events/calendar.ics").read_bytes())
    assert calendar.walk("VEVENT") == []
    assert "Events" in titles(site.soup("/en/").select(".site-nav a"))


# An event's page, the home page


def test_an_event_page_says_when_and_where_above_the_body_with_its_calendar(events):
    story = events.soup(FORUM.format(lang="en")).select_one("article.story")
    details = story.select_one(".event-details")
    links = {text(a): a["href"] for a in details.select(".event-actions a")}
    parts = [" ".join(part.get("class", [])) for part in story.find_all(recursive=False)]

    assert parts.index("event-details") < parts.index("story__body")
    assert links == {
        "Add to calendar": "/en/events/arab-digital-forum.ics",
        "Join online": "https://example.org/live/forum",
        "Register": "https://example.org/register/forum",
    }
    assert events.exists(links["Add to calendar"])


def test_the_home_page_shows_the_next_upcoming_events(events):
    section = events.soup("/en/").select_one('[aria-labelledby="section-events"]')

    assert titles(section.select(".card__title")) == UPCOMING[:3]  # HOME_EVENTS_MAX
    assert section.select_one("h2 a")["href"] == "/en/events/"


def test_the_calendar_links_subscribe_and_download(events):
    links = events.soup("/ar/events/").select(".calendar-links a")

    assert [a["href"] for a in links] == [
        "webcal://127.0.0.1:8000/ar/events/calendar.ics",
        "/ar/events/calendar.ics",
    ]
    assert text(links[0]) == "اشترك في تقويم الفعاليات"


# The calendars


def read_calendar(events, path):
    return icalendar.Calendar.from_ical((events.root / path.lstrip("/")).read_bytes())


def test_each_language_calendar_holds_its_events_with_their_zones(events):
    calendar = read_calendar(events, "/en/events/calendar.ics")
    found = {str(event["UID"]): event for event in calendar.walk("VEVENT")}

    assert list(found) == list(INSTANTS)  # by start; the report is no event
    assert {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")} == {
        "Africa/Tunis",
        "Africa/Cairo",
        "Asia/Riyadh",
    }
    assert str(calendar["X-WR-CALNAME"]) == "Events · AICTO Newsroom"
    forum = found["arab-digital-forum@aicto.org"]
    assert str(forum["URL"]) == "http://127.0.0.1:8000/en/events/2026/03/arab-digital-forum/"
    assert str(forum["LOCATION"]) == "Conference centre, Cairo, Egypt"
    assert str(forum["SUMMARY"]) == "Arab Digital Forum"
    assert str(found["ministerial-meeting@aicto.org"]["STATUS"]) == "CANCELLED"
    assert str(forum["STATUS"]) == "CONFIRMED"
    assert forum["SEQUENCE"] == 0  # its time and status never changed in git's history


@pytest.mark.parametrize("lang", ["en", "ar", "fr"])
def test_the_instants_are_right_in_utc_for_icalendar(events, lang):
    calendar = read_calendar(events, f"/{lang}/events/calendar.ics")

    for event in calendar.walk("VEVENT"):
        start, end = INSTANTS[str(event["UID"])]
        assert _utc(event.decoded("DTSTART")) == start
        assert (_utc(event.decoded("DTEND")) if "DTEND" in event else None) == end


def test_the_instants_are_right_in_utc_for_vobject(events):
    """vobject reads the VTIMEZONE blocks themselves: the Cairo one must
    carry its summer offset for July."""
    data = (events.root / "en/events/calendar.ics").read_text(encoding="utf-8")
    calendar = vobject.readOne(data)

    seen = {}
    for event in calendar.vevent_list:
        start = event.dtstart.value
        end = event.dtend.value if hasattr(event, "dtend") else None
        seen[event.uid.value] = (_utc(start), _utc(end) if end else None)
    assert seen == INSTANTS


def test_one_event_keeps_its_uid_in_every_language_and_has_a_calendar_of_its_own(events):
    uids = {
        lang: [
            str(e["UID"])
            for e in read_calendar(events, f"/{lang}/events/arab-digital-forum.ics").walk("VEVENT")
        ]
        for lang in ("ar", "en", "fr")
    }

    assert uids == {lang: ["arab-digital-forum@aicto.org"] for lang in uids}
    arabic = read_calendar(events, "/ar/events/calendar.ics")
    site_name = "المركز الإعلامي للمنظمة العربية لتكنولوجيات الاتصال والمعلومات"
    assert str(arabic["X-WR-CALNAME"]) == f"فعاليات · {site_name}"
    summaries = [str(e["SUMMARY"]) for e in arabic.walk("VEVENT")]
    assert "المنتدى الرقمي العربي" in summaries


def _utc(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(UTC)
    return value  # a day


# Structured data, feeds, sitemaps, search


def event_json(events, path):
    blocks = [
        json.loads(s.string) for s in events.soup(path).select('script[type="application/ld+json"]')
    ]
    return next(block for block in blocks if block["@type"] == "Event")


def test_an_event_page_carries_schema_org_event(events):
    data = event_json(events, FORUM.format(lang="en"))

    assert data["name"] == "Arab Digital Forum"
    assert data["startDate"] == "2026-07-14T10:00:00+03:00"
    assert data["endDate"] == "2026-07-14T13:30:00+03:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["location"] == [
        {
            "@type": "Place",
            "name": "Conference centre, Cairo, Egypt",
            "address": "Conference centre, Cairo, Egypt",
        },
        {"@type": "VirtualLocation", "url": "https://example.org/live/forum"},
    ]
    assert data["organizer"]["name"] == "Arab ICT Organization"
    assert data["description"] == "A forum on the digital economy in the Arab region."
    assert data["image"][0].startswith("http://127.0.0.1:8000/generated/cards/en/")
    assert data["offers"] == {"@type": "Offer", "url": "https://example.org/register/forum"}


@pytest.mark.parametrize(
    ("path", "status", "mode", "start"),
    [
        (
            "/en/events/2026/01/online-training/",
            "EventScheduled",
            "Online",
            "2026-06-10T15:00:00+01:00",
        ),
        (
            "/en/events/2026/01/ministerial-meeting/",
            "EventCancelled",
            "Offline",
            "2026-10-01T09:00:00+03:00",
        ),
        (WORKSHOP, "EventScheduled", "Offline", "2026-09-20"),
        (
            "/en/events/2025/10/ict-awards/",
            "EventRescheduled",
            "Offline",
            "2025-12-01T18:00:00+01:00",
        ),
    ],
)
def test_each_event_has_its_status_attendance_and_start(events, path, status, mode, start):
    data = event_json(events, path)

    assert data["eventStatus"] == f"https://schema.org/{status}"
    assert data["eventAttendanceMode"] == f"https://schema.org/{mode}EventAttendanceMode"
    assert data["startDate"] == start


def test_feeds_and_sitemaps_list_events_like_any_story(events):
    everything = feedparser.parse((events.root / "en/feeds/all.atom.xml").read_bytes())
    category = feedparser.parse((events.root / "en/feeds/events.atom.xml").read_bytes())
    sitemap = (events.root / "en/sitemap.xml").read_text(encoding="utf-8")

    assert not everything.bozo and not category.bozo
    assert "Arab Digital Forum" in [entry.title for entry in everything.entries]
    assert {entry.title for entry in category.entries} == set(UPCOMING + PAST)
    assert "http://127.0.0.1:8000/en/events/2026/03/arab-digital-forum/" in sitemap
    assert "http://127.0.0.1:8000/en/events/" in sitemap


FILTERS = """async () => {
    const pagefind = await import("/pagefind/pagefind.js");
    return await pagefind.filters();
}"""


def test_search_can_tell_upcoming_events_from_past_ones(browser, events, events_url):
    """Pagefind's own filters, read in the page: 4 upcoming events and 1 past
    one in English (the report has no time: it is no event)."""
    forum = events.soup(FORUM.format(lang="en")).select_one(".event-details")
    assert forum["data-pagefind-filter"] == "Events:Upcoming"

    with open_page(browser, f"{events_url}/en/search/", 1280) as page:
        filters = page.evaluate(FILTERS)

    assert filters["Events"] == {"Upcoming": 4, "Past": 1}


# The field's validators


def event_pages(events):
    return [
        events.file(path)
        for path in (
            "/en/events/",
            "/ar/events/",
            "/fr/events/",
            "/en/",
            FORUM.format(lang="en"),
            FORUM.format(lang="ar"),
            FORUM.format(lang="fr"),
            WORKSHOP,
            "/en/events/2026/01/ministerial-meeting/",
        )
    ]


def test_event_pages_are_valid_html(events):
    java = shutil.which("java")
    assert java, "Java is missing: run `make test`"
    assert VNU.is_file(), f"{VNU} is missing: run `make test`"
    pages = event_pages(events)

    result = subprocess.run(
        [java, "-jar", str(VNU), "--stdout", "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )

    messages = json.loads(result.stdout)["messages"]
    assert messages == [], vnu_report({"events": messages})
    assert result.returncode == 0


@pytest.mark.parametrize(
    "path", ["/en/events/", "/ar/events/", FORUM.format(lang="ar"), FORUM.format(lang="en")]
)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_event_pages_pass_axe(browser, events_url, path, scheme):
    with open_page(browser, events_url + path, 375, scheme, bypass_csp=True) as page:
        page.add_script_tag(path=AXE)
        violations = page.evaluate(AXE_RUN, AXE_OPTIONS)

    assert violations == [], axe_report(path, 375, scheme, violations)
