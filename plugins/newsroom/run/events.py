"""Events in one language's run: the events page, the calendars, the words.

A story of EVENTS_CATEGORY with a `Start` is an event (model/events.py).
`collect` (signal article_generator_finalized) gives each story its `event`
and takes the category out of Pelican's hands: its page lists the upcoming
events first (soonest first) and then the past ones (newest first,
paginated), which Pelican's category page cannot. EventsGenerator writes
that page at the category's own address (always, empty or not), the
category's feed as Pelican would, and the calendars (calendar.py).

Upcoming or past is decided against one instant, the build's
(NEWSROOM_NOW), so every language agrees.
"""

import datetime

from babel.dates import format_date, format_time, get_timezone_gmt, get_timezone_location
from pelican.urlwrappers import Category

from ..model.events import event_of
from ..model.i18n import translations, with_digits
from . import calendar
from .entries import EntriesGenerator


def collect(generator):
    """Signal article_generator_finalized: events found, the category set aside."""
    settings, context = generator.settings, generator.context
    for story in generator.articles + generator.drafts:
        story.event = event_of(story.metadata, settings["EVENT_TIMEZONE"])
    key = settings["EVENTS_CATEGORY"]
    found = next(((c, s) for c, s in generator.categories if c.slug == key), None)
    if found:
        generator.categories.remove(found)  # the context's list too: the same list
    category, stories = found or (Category(key, settings), [])
    now = build_instant(settings)
    upcoming = [story for story in stories if story.event and story.event.is_upcoming(now)]
    upcoming.sort(key=lambda story: (story.event.begins, story.slug))
    past = [story for story in stories if story not in upcoming]
    past.sort(key=lambda story: (_when(story), story.slug), reverse=True)
    for story in stories:
        story.upcoming = story in upcoming
    context["events_category"] = category
    context["events_stories"] = stories  # in publication order, as Pelican keeps them
    context["upcoming_events"] = upcoming
    context["past_events"] = past


def build_instant(settings):
    """The build's instant (aware), which decides what is upcoming."""
    given = settings.get("NEWSROOM_NOW")
    if given:
        return datetime.datetime.fromisoformat(given)
    return datetime.datetime.now(datetime.UTC)


def _when(story):
    """Where a story stands in the past list: its event's start, else its date."""
    if story.event:
        return story.event.begins
    date = story.date
    return date if date.tzinfo else date.replace(tzinfo=datetime.UTC)


class EventsGenerator(EntriesGenerator):
    """/<lang>/events/ (paginated), the events feed and the calendars."""

    def generate_context(self):
        pass  # the stories are Pelican's; `collect` sorted them

    def generate_output(self, writer):
        context, settings = self.context, self.settings
        category = context["events_category"]
        past = context["past_events"]
        self.write(
            writer,
            category.save_as,
            category.url,
            "events",
            category=category,
            upcoming=context["upcoming_events"],
            articles=past,
            dates=past,
            template_name="category",
            page_name=category.page_name,
        )
        feed = settings.get("CATEGORY_FEED_ATOM")
        if feed:
            path = str(feed).format(slug=category.slug)
            writer.write_feed(context["events_stories"], context, path, feed_title=category.name)
        name = f"{_label(settings, category.slug)} · {context['SITENAME']}"
        calendar.write_all(self.output_path, context["events_stories"], name, settings)


def _label(settings, key):
    catalog = translations(settings["THEME"], settings["DEFAULT_LANG"])
    return catalog.gettext(settings["CATEGORIES"][key])


def template_filters(settings, catalog):
    """The Jinja filters of event pages, in the run's language."""
    language = settings["LANGUAGE"]
    locale, digits = language["locale"], language.get("digits")
    labels = {
        "cancelled": catalog.gettext("Cancelled"),
        "postponed": catalog.gettext("Postponed"),
        "rescheduled": catalog.gettext("Rescheduled"),
        "moved-online": catalog.gettext("Moved online"),
    }
    words = Words(
        locale, catalog.gettext("%(day)s, %(time)s"), catalog.gettext("%(zone)s, %(offset)s")
    )
    return {
        "event_when": lambda event: with_digits(words.when(event), digits),
        "event_zone": lambda event: with_digits(words.zone(event), digits),
        "event_status": lambda event: labels.get(event.status, ""),
    }


class Words:
    """When an event is, in one language: "Tuesday, July 14, 2026, 10:00 AM –
    1:30 PM", and its zone, "Egypt Time, GMT+03:00" (Babel's CLDR data; the
    catalog gives the joins, an Arabic comma in Arabic)."""

    def __init__(self, locale, day_and_time, zone_and_offset):
        self.locale, self.day_and_time, self.zone_and_offset = locale, day_and_time, zone_and_offset

    def when(self, event):
        start, end = event.start, event.end
        if event.all_day:
            first = self._day(start)
            return first if not end or end == start else f"{first} – {self._day(end)}"
        text = self._moment(start, start)
        if not end:
            return text
        if end.date() == start.date():
            return f"{text} – {self._time(end, start)}"
        return f"{text} – {self._moment(end, start)}"

    def zone(self, event):
        """The zone and its offset at the start; "" for an all-day event."""
        if event.all_day:
            return ""
        where = get_timezone_location(event.start.tzinfo, locale=self.locale)
        offset = get_timezone_gmt(event.start, locale=self.locale)
        return self.zone_and_offset % {"zone": where, "offset": offset}

    def _day(self, day):
        return format_date(day, "full", locale=self.locale)

    def _time(self, moment, start):
        return format_time(moment, "short", tzinfo=start.tzinfo, locale=self.locale)

    def _moment(self, moment, start):
        return self.day_and_time % {"day": self._day(moment), "time": self._time(moment, start)}
