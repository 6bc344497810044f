"""An event's calendar SEQUENCE is counted from the content's git history (issue 18).

build/event_history.py counts the versions of each event's file whose time,
zone or status differ from the one before, the working copy included, and
translations share the highest count. Here a copy of tests/sites/events/ is
made a real git repository, committed to step by step and built for real
each time; the counts are read back from the built calendars with icalendar:
the event's own (/<lang>/events/<slug>.ics) and the language's
(/<lang>/events/calendar.ics). Outside git, every event is at 0.
"""

import shutil
import subprocess

import icalendar
from pelican.settings import read_settings

from conftest import SETTINGS, SITES, build_site
from newsroom.build.event_history import sequences
from newsroom.model.scan import scan

FIXTURE = SITES / "events"
SLUG = "arab-digital-forum"
UID = f"{SLUG}@aicto.org"
ENGLISH = f"articles/2026/{SLUG}.en.md"
BUILD_DATE = "2026-06-01T12:00:00+00:00"  # before the forum: it is upcoming
AUTHOR = ("-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false")


def git(folder, *args):
    return subprocess.run(
        ["git", "-C", str(folder), *AUTHOR, *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout


def commit(content, message):
    git(content, "add", "--all")
    git(content, "commit", "--quiet", "--message", message)


def edit(content, old, new, langs=("en",)):
    """Replace `old` (which must be there) with `new` in the forum's `langs`
    versions. Its time or status changes in every language at once: the
    check refuses translations of an event that disagree."""
    for lang in langs:
        path = content / ENGLISH.replace(".en.", f".{lang}.")
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (lang, old)
        path.write_text(text.replace(old, new), encoding="utf-8")


EVERY = ("ar", "en", "fr")


def copy(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    return content


def build(content):
    output = content.parent / "output"
    build_site(output, content, BUILD_DATE=BUILD_DATE)
    return output


def vevents(output, lang, name):
    """{UID: VEVENT} of /<lang>/events/<name>.ics."""
    ics = (output / lang / "events" / f"{name}.ics").read_bytes()
    return {str(event["UID"]): event for event in icalendar.Calendar.from_ical(ics).walk("VEVENT")}


def forum(output, lang):
    """The forum's VEVENT in its own calendar and in the language's calendar,
    which must agree on SEQUENCE and STATUS; returns (SEQUENCE, STATUS)."""
    own = vevents(output, lang, SLUG)
    assert list(own) == [UID]  # one event, the same UID in every language
    listed = vevents(output, lang, "calendar")[UID]
    seen = {(int(event["SEQUENCE"]), str(event["STATUS"])) for event in (own[UID], listed)}
    assert len(seen) == 1, seen
    return seen.pop()


def test_sequence_counts_committed_and_uncommitted_changes(tmp_path):
    content = copy(tmp_path)
    git(content, "init", "--quiet")
    commit(content, "The events")

    output = build(content)
    assert forum(output, "en") == (0, "CONFIRMED")
    assert forum(output, "ar") == (0, "CONFIRMED")
    assert forum(output, "fr") == (0, "CONFIRMED")

    # A new time, committed: 1, in every language.
    edit(content, "Start: 2026-07-14 10:00", "Start: 2026-07-14 09:30", EVERY)
    commit(content, "The forum starts earlier")
    output = build(content)
    assert forum(output, "en") == (1, "CONFIRMED")
    assert forum(output, "ar") == (1, "CONFIRMED")
    assert forum(output, "fr") == (1, "CONFIRMED")
    own = vevents(output, "en", SLUG)[UID]
    assert own.decoded("DTSTART").isoformat() == "2026-07-14T09:30:00+03:00"

    # The text alone, committed: the calendar's version stays.
    edit(content, "ministries and companies.", "ministries, companies and universities.")
    commit(content, "A word more")
    output = build(content)
    assert forum(output, "en") == (1, "CONFIRMED")
    assert forum(output, "ar") == (1, "CONFIRMED")

    # A new status, not committed yet: the working copy counts.
    edit(content, "End:", "Event_status: cancelled\nEnd:", EVERY)
    assert len(git(content, "status", "--porcelain").splitlines()) == 3
    output = build(content)
    assert forum(output, "en") == (2, "CANCELLED")
    assert forum(output, "ar") == (2, "CANCELLED")


def test_the_translations_of_an_event_share_its_time(tmp_path):
    """One UID, one SEQUENCE: a translation whose time differs is refused."""
    content = copy(tmp_path)
    edit(content, "Start: 2026-07-14 10:00", "Start: 2026-07-14 09:30", ("ar",))
    settings = read_settings(str(SETTINGS), override={"PATH": str(content)})

    problems = [str(problem) for problem in scan(settings).problems]

    arabic = content / ENGLISH.replace(".en.", ".ar.")
    assert problems == [
        f"{arabic}:6: start: differs from the en version (2026-07-14 10:00 – "
        "2026-07-14 13:30, Africa/Cairo, scheduled); the translations of an event share "
        "its Start, End, Timezone and Event_status"
    ]


def test_versions_that_only_write_the_same_values_differently_do_not_count(tmp_path):
    """The count is of what the values mean: another case, a T for the space."""
    content = copy(tmp_path)
    git(content, "init", "--quiet")
    commit(content, "The events")
    edit(content, "Timezone: Africa/Cairo", "Timezone: africa/cairo")
    edit(content, "Start: 2026-07-14 10:00", "Start: 2026-07-14T10:00")
    commit(content, "Written differently")
    edit(content, "Online:", "Event_status: Scheduled\nOnline:")

    output = build(content)

    assert forum(output, "en") == (0, "CONFIRMED")


def test_outside_git_every_event_is_at_zero(tmp_path):
    content = copy(tmp_path)
    outside = subprocess.run(
        ["git", "-C", str(content), "rev-parse", "--show-toplevel"], capture_output=True
    )
    assert outside.returncode != 0, "the copy must not be inside a git repository"
    edit(content, "End:", "Event_status: cancelled\nEnd:", EVERY)

    output = build(content)

    assert forum(output, "en") == (0, "CANCELLED")
    assert forum(output, "ar") == (0, "CANCELLED")
    for lang in ("ar", "en", "fr"):
        listed = vevents(output, lang, "calendar")
        assert listed and {int(event["SEQUENCE"]) for event in listed.values()} == {0}
    settings = read_settings(str(SETTINGS), override={"PATH": str(content)})
    found = sequences(scan(settings), settings)
    assert found == dict.fromkeys(
        ["arab-digital-forum", "cybersecurity-workshop", "ict-awards"]
        + ["ministerial-meeting", "online-training"],
        0,
    )
