"""The rules of every kind of content file, in one table.

`KINDS` says, for each kind of file (story, page, partner, magazine issue,
media contact, press-kit item, newsletter edition, redirects file), which
fields it has, which of them it needs and what each one takes. The list is
closed: a field the kind does not have is an error (with the nearest field
suggested), and so is a key given twice.
Keys that steer Pelican itself (slug, url, save_as, template, lang, anything
ending in _html) are in no kind's list: content never sets them. The scan
(scan.py) applies the table to every file's front matter, in the table's
order: the missing fields first, then each field's rule, then the checks
that look at several fields at once.
What files say about each other is references.py's and old_urls.check's.

A rule is a function `rule(file, name, field)` that calls `file.report`
for each problem (an empty value reaches it too: some fields may be left
empty, others not); a check is `check(file)`. Both run before any Pelican run,
so a problem stops the build with one line and leaves output/ untouched.
"""

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import editions, event_rules, old_urls
from .body import check_body
from .filetypes import PUBLISHED, is_image, suffix
from .kit import KitFileError, inspect
from .problems import Problem
from .values import (
    DATE_FORMATS,
    EMAIL_RE,
    ORDER_RE,
    PHONE_RE,
    URL_RE,
    YEAR_RE,
    canonical,
    issue_number,
    not_one_of,
    parse_date,
)

ISSUE_SLUG = "issue-{number}"
SUMMARY_MAX = 200  # characters: a standfirst, a meta description, a feed summary
STATUSES = ("published", "draft", "hidden")
TRANSLATE_MARK = "[translate]"  # what `invoke translate` leaves for the translator


@dataclass
class File:
    """One content file as its rules see it; `report` records a Problem."""

    path: Path
    shown: str  # the path as messages name it
    kind: str
    slug: str
    lang: str
    source: object  # frontmatter.Source: the fields and the body
    settings: dict
    problems: list = field(default_factory=list)
    images: set = field(default_factory=set)  # what the body shows, from content/

    @property
    def meta(self):
        return self.source.fields

    @property
    def status(self):
        """published, draft or hidden, whatever its case; None if it is none of them."""
        return canonical(_value(self, "status", "published"), STATUSES)

    def report(self, name, message, line=1):
        self.problems.append(Problem(self.shown, line, name, message))


@dataclass(frozen=True)
class Kind:
    """A kind of content file and the rules of its front matter."""

    name: str  # as messages call it
    required: dict  # field -> how to add it, in the order missing fields are reported
    fields: dict  # field -> its rule (None: any text), in the order rules run; no other
    page: bool = True  # has a page of its own (else it is shown on another: the press room)
    checks: tuple = ()  # checks of several fields at once, run last


# Rules of one field -----------------------------------------------------------


def date(*precisions):
    """A date: YYYY-MM-DD (a time may follow), or only as precise as `precisions` allow."""

    def rule(file, name, field):
        if not field.value:
            return
        try:
            parse_date(field.value, precisions)
        except ValueError:
            formats = " or ".join(DATE_FORMATS[p] for p in precisions)
            message = f'"{field.value}" is not a date; write it as {formats}'
            file.report(name, f"{message} (a time may follow: HH:MM)", field.line)

    return rule


def category(file, name, field):
    categories = file.settings["CATEGORIES"]
    if field.value and canonical(field.value, categories) is None:
        file.report(name, not_one_of(field.value, "a category", categories), field.line)


def status(file, name, field):
    if canonical(field.value, STATUSES) is None:
        file.report(name, not_one_of(field.value, "a status", STATUSES), field.line)


def summary(file, name, field):
    if len(field.value) > SUMMARY_MAX:
        message = f"{len(field.value)} characters; keep it to {SUMMARY_MAX} (one or two sentences)"
        file.report(name, message, field.line)


def one_of(setting, what):
    """A key of the setting `setting` (PARTNER_KINDS, PRESS_KIT_KINDS)."""

    def rule(file, name, field):
        kinds = file.settings[setting]
        if canonical(field.value, kinds) is None:
            file.report(name, not_one_of(field.value, f"a kind of {what}", kinds), field.line)

    return rule


def language(file, name, field):
    """A language of the site (`Translation_of`: the original's)."""
    languages = file.settings["LANGUAGES"]
    if field.value and canonical(field.value, languages) is None:
        message = not_one_of(field.value, "a language of the site", languages)
        file.report(name, message, field.line)


def year(file, name, field):
    if not YEAR_RE.match(field.value):
        file.report(name, f'"{field.value}" is not a year; write it as YYYY', field.line)


def web_address(file, name, field):
    if not URL_RE.match(field.value):
        message = f'"{field.value}" is not a web address; write it in full, starting with https://'
        file.report(name, message, field.line)


def issue(file, name, field):
    """The issue's number, which its file name repeats."""
    number = issue_number(field.value)
    if not field.value:
        return
    if number is None:
        message = (
            f'"{field.value}" is not a positive whole number; write the issue\'s number, e.g. 1'
        )
        file.report(name, message, field.line)
    elif file.slug != ISSUE_SLUG.format(number=number):
        expected = ISSUE_SLUG.format(number=number)
        message = f"issue {number} belongs in a file named {expected}.<lang>.md"
        file.report(name, message, field.line)


def magazine(file, name, field):
    if issue_number(field.value) is None:
        message = (
            f'"{field.value}" is not an issue number; '
            "write the number of the Smart Magazine issue, e.g. 1"
        )
        file.report(name, message, field.line)


def order(file, name, field):
    if not ORDER_RE.match(field.value):
        message = f'"{field.value}" is not a whole number; write 1 for the first, 2 for the next…'
        file.report(name, message, field.line)


def email(file, name, field):
    if field.value and not EMAIL_RE.match(field.value):
        message = f'"{field.value}" is not an email address; write it as name@example.org'
        file.report(name, message, field.line)


def phone(file, name, field):
    digits = re.sub(r"\D", "", field.value)
    if field.value and not (PHONE_RE.match(field.value) and len(digits) >= 6):
        message = (
            f'"{field.value}" is not a phone number; write it with digits and spaces, '
            "in international form: + and the country code first"
        )
        file.report(name, message, field.line)


def content_path(types, what, example):
    """A file under content/, named by its path from there, of one of `types`
    (suffixes); nothing outside content/ is ever published. Whether the file
    exists is checked with the others (references.py)."""

    def rule(file, name, field):
        if field.value:
            _content_path(file, name, field, types, what, example)

    return rule


def _content_path(file, name, field, types, what, example):
    """True when `field` names a path inside content/ of one of `types`; else reported."""
    value, content = field.value, Path(file.settings["PATH"])
    inside = (
        not PurePosixPath(value).is_absolute()
        and "\\" not in value
        and ".." not in PurePosixPath(value).parts
        and not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value)
        and (content / value).resolve().is_relative_to(content.resolve())
    )
    if not inside:
        message = f'"{value}" is outside content/; put the file in content/{example} '
        file.report(name, message + "and give its path from there", field.line)
        return False
    if suffix(value) not in types:
        kinds = ", ".join(sorted(ending.lstrip(".") for ending in types))
        file.report(name, f'"{value}" is not {what}; use a file of one of: {kinds}', field.line)
        return False
    return True


IMAGE_TYPES = frozenset(ending for ending in PUBLISHED if is_image(f"x{ending}"))
image_path = content_path(IMAGE_TYPES, "an image", "images/")


def pdf(file, name, field):
    """A magazine issue's PDF: a full https:// address, or a PDF under content/."""
    if field.value and not URL_RE.match(field.value):
        _content_path(file, name, field, {".pdf"}, "a PDF", "magazine/")


def kit_file(file, name, field):
    """A press-kit file: inside content/, of a type the site publishes, and
    readable as the image it claims to be."""
    if not field.value:
        return
    if not _content_path(file, name, field, PUBLISHED, "a file the site publishes", "press/kit/"):
        return
    if (Path(file.settings["PATH"]) / field.value).is_file():
        try:
            inspect(file.settings["PATH"], field.value)
        except KitFileError as error:
            file.report(name, f'"{field.value}" {error}', field.line)


# Checks of several fields -----------------------------------------------------


def finished(file):
    """A published file holds no translator's marker: it would reach readers."""
    if file.status != "published":
        return
    for name, value in file.meta.items():
        if TRANSLATE_MARK in value.value:
            message = (
                f"still says {TRANSLATE_MARK}: finish the translation, "
                "or keep Status: draft until it is done"
            )
            file.report(name, message, value.line)


def image_described(file):
    """A featured image has alt text."""
    if "image" in file.meta and not _value(file, "image_alt").strip():
        message = 'missing; add a line "Image_alt: …" describing the image'
        file.report("image_alt", message, file.meta["image"].line)


def page_slug_free(file):
    """A page's slug is not a section of the site (/<lang>/<section>/)."""
    from .layout import reserved_slugs

    if file.slug in reserved_slugs(file.settings):
        message = f'"{file.slug}" is taken by a section of the site (/{file.lang}/{file.slug}/)'
        file.report("slug", f"{message}; rename the file")


def reachable(file):
    """A media contact has an email address or a phone number."""
    if not _value(file, "email") and not _value(file, "phone"):
        message = (
            'missing; add a line "Email: …" or "Phone: …", so that journalists can reach '
            "this contact"
        )
        file.report("email", message)


def kit_image_described(file):
    """A press-kit image has alt text."""
    path = _value(file, "file")
    image = path and ".." not in PurePosixPath(path).parts and is_image(path)
    if image and not _value(file, "alt").strip():
        message = 'missing; add a line "Alt: …" describing the image, for readers who cannot see it'
        file.report("alt", message, file.meta["file"].line)


def body(file):
    """The body's images exist and have alt text; no embeds (body.py)."""
    check_body(file.source, file.path, Path(file.settings["PATH"]), file.report, file.images)


def _value(file, name, default=""):
    return file.meta[name].value if name in file.meta else default


# The table --------------------------------------------------------------------


def _add(name, example):
    return f'add a line "{name}: {example}" at the top of the file'


TITLE = {"title": _add("Title", "…")}
DAY = date("day")
COMMON = {"status": status, "summary": summary}
MOVED = {"old_urls": old_urls.addresses}  # stories and pages may have had other addresses
KINDS = {
    "article": Kind(
        "story",
        required={
            **TITLE,
            "date": _add("Date", "YYYY-MM-DD"),
            "category": 'add a line "Category: …" naming one of: {categories}',
        },
        fields={
            "title": None,
            "date": DAY,
            "modified": DAY,
            "category": category,
            "tags": None,
            "author": None,
            "image": image_path,
            "image_alt": None,
            "image_caption": None,
            "partners": None,
            "magazine": magazine,
            "translation_of": language,
            "start": event_rules.event_moment,
            "end": event_rules.event_moment,
            "timezone": event_rules.time_zone,
            "location": event_rules.one_line,
            "online": event_rules.secure_address,
            "event_status": event_rules.event_status,
            "registration": event_rules.secure_address,
            **COMMON,
            **MOVED,
        },
        checks=(finished, image_described, event_rules.an_event, body),
    ),
    "page": Kind(
        "page",
        required=TITLE,
        fields={
            "title": None,
            "date": DAY,
            "modified": DAY,
            "image": image_path,
            "image_alt": None,
            "translation_of": language,
            **COMMON,
            **MOVED,
        },
        checks=(page_slug_free, finished, image_described, body),
    ),
    "partner": Kind(
        "partner",
        required={"name": _add("Name", "…")},
        fields={
            "name": None,
            "kind": one_of("PARTNER_KINDS", "partner"),
            "logo": image_path,
            "website": web_address,
            "country": None,
            "since": year,
            **COMMON,
        },
        checks=(finished, body),
    ),
    "issue": Kind(
        "magazine issue",
        required={"issue": _add("Issue", "<number>"), "date": _add("Date", "YYYY-MM-DD")},
        fields={
            "issue": issue,
            "date": date("day", "month", "year"),
            "modified": date("day", "month", "year"),
            "title": None,
            "cover": image_path,
            "pdf": pdf,
            "contributors": None,
            **COMMON,
        },
        checks=(finished, body),
    ),
    "contact": Kind(
        "media contact",
        required={"name": _add("Name", "…")},
        fields={
            "name": None,
            "role": None,
            "email": email,
            "phone": phone,
            "order": order,
            "status": status,
        },
        page=False,
        checks=(finished, reachable, body),
    ),
    "kit": Kind(
        "press kit item",
        required={
            **TITLE,
            "file": 'add a line "File: …" with the path of the file from content/, '
            "e.g. press/kit/logo.png",
            "licence": 'add a line "Licence: …" saying how journalists may use the file',
        },
        fields={
            "title": None,
            "file": kit_file,
            "kind": one_of("PRESS_KIT_KINDS", "press kit item"),
            "alt": None,
            "licence": None,
            "licence_url": web_address,
            "credit": None,
            "order": order,
            "status": status,
        },
        page=False,
        checks=(finished, kit_image_described, body),
    ),
    "edition": Kind(
        "newsletter edition",
        required={"edition": _add("Edition", "<number>"), "date": _add("Date", "YYYY-MM-DD")},
        fields={
            "edition": editions.edition_number,
            "date": DAY,
            "subject": None,
            "stories": None,
            "sent": DAY,
            "status": status,
        },
        checks=(finished, body),
    ),
    "redirects": Kind(
        "redirects file",
        required={
            "redirects": 'add a line "Redirects: <old address> -> <list>", a line each, '
            "with lists such as home, archives, category <key> or tag <name>",
        },
        fields={"title": None, "redirects": old_urls.redirect_lines, "status": status},
        page=False,
        checks=(body,),
    ),
}


def check(file):
    """Every rule of the table for `file`'s kind; problems go to `file.problems`."""
    kind = KINDS[file.kind]
    for name, line, first in file.source.repeated:
        message = f"given twice (first on line {first}); keep one of the two lines"
        file.report(name, message, line)
    for name, how in kind.required.items():
        if name not in file.meta or not file.meta[name].value:
            categories = ", ".join(file.settings["CATEGORIES"])
            file.report(name, "missing; " + how.format(categories=categories))
    for name, value in file.meta.items():
        if name not in kind.fields:
            file.report(name, unknown_field(name, kind), value.line)
    for name, rule in kind.fields.items():
        if rule is not None and name in file.meta:
            rule(file, name, file.meta[name])
    for kind_check in kind.checks:
        kind_check(file)


# Keys that steer Pelican itself: where and how it writes a page. No kind has them.
STEERING = {
    "slug": "the file's name gives the slug (<slug>.<lang>.md)",
    "lang": "the file's name gives the language (<slug>.<lang>.md)",
    "url": "the site's settings give every address",
    "save_as": "the site's settings say where every page is written",
    "template": "the theme chooses the template",
    "translation": "translations are files side by side, with one slug",
}


def unknown_field(name, kind):
    if name in STEERING or name.endswith("_html") or name.startswith("_"):
        why = STEERING.get(name, "the site makes it from the rest of the file")
        return f'"{name}" cannot be set in a content file: {why}; remove the line'
    message = f'"{name}" is not a field of a {kind.name}'
    nearest = difflib.get_close_matches(name, kind.fields, n=1, cutoff=0.7)
    if nearest:
        return f'{message}; did you mean "{nearest[0]}"?'
    return f"{message}; use: {', '.join(kind.fields)}"
