"""Authoring tools: `invoke new` and `invoke translate` (status.py: `invoke status`).

The commands read and write content files only; they never build. Each
takes the settings (pelicanconf.py, with PATH pointing at the content
folder) and returns the text to print, or raises AuthoringError with one line
for the author. tasks.py holds the thin Invoke wrappers. The drafts page that
`invoke new` points to is run/drafts.py's.
"""

import datetime
import re
import unicodedata
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.settings import read_settings
from pelican.utils import slugify

from ..model.frontmatter import BinaryFile, read_source
from ..model.layout import FILENAME_RE, SLUG_RE
from ..model.problems import shown_path
from ..model.references import unknown_partner
from ..model.rules import TRANSLATE_MARK
from ..model.values import parse_date, split_list

# TRANSLATE_MARK goes in front of every text still to translate: the front
# matter's texts and the comment holding the original. `invoke status` lists
# a file that still holds it; the content check refuses to publish one.
# Front-matter fields that are text in the story's language. Title, Image_alt
# and Image_caption keep the original behind TRANSLATE_MARK (the check wants a
# title, and alt text for an image); Summary and Tags are left empty, since a
# marked summary may pass the length limit and a marked tag would be a tag.
MARKED_FIELDS = ("title", "image_alt", "image_caption")
EMPTIED_FIELDS = ("summary", "tags")
# Never copied to a translation: `invoke translate` writes its own, or Pelican
# would read the file as another language's; old addresses belong to the
# version that had them (two files cannot claim one).
DROPPED_FIELDS = ("status", "translation_of", "lang", "translation", "slug", "old_urls")
FORMATS = "YYYY-MM-DD, or YYYY-MM-DD HH:MM"


class AuthoringError(Exception):
    """A mistake on the command line or in the content, in one line for the author."""


def load_settings(settings_file, content=None):
    """Pelican settings from `settings_file`, with PATH set to `content` if given."""
    if content and not Path(content).is_dir():
        raise AuthoringError(f"--content: {content} is not a folder; give the content folder")
    overrides = {"PATH": str(Path(content).resolve())} if content else {}
    return read_settings(str(settings_file), override=overrides)


# invoke new


def new(settings, title, lang=None, category=None, partners=None, slug=None, date=None, *, preview):
    """Create content/articles/<yyyy>/<slug>.<lang>.md, a draft; return what to print."""
    title = " ".join((title or "").split())
    if not title:
        raise AuthoringError('the title is empty; give it in quotes: invoke new "Title" …')
    _check_choice("--lang", lang, settings["LANGUAGES"], "a language of the site")
    _check_choice("--category", category, settings["CATEGORIES"], "a category")
    date_text, when = _date(date, settings["TIMEZONE"])
    slug = _slug(title, slug, settings["SLUG_REGEX_SUBSTITUTIONS"])
    partners = _partners(partners, settings)
    taken = article_versions(settings, slug)
    if lang in taken:
        raise AuthoringError(
            f'the slug "{slug}" is taken by {shown_path(taken[lang])}; choose another --slug'
        )
    if taken:
        version = shown_path(next(iter(taken.values())))
        raise AuthoringError(
            f'the slug "{slug}" is taken by {version}; to translate that story, run: '
            f"invoke translate {version} --to {lang}; for another story, choose another --slug"
        )
    folder = Path(settings["PATH"]) / settings["ARTICLE_PATHS"][0] / f"{when.year:04d}"
    path = folder / f"{slug}.{lang}.md"
    lines = [
        f"Title: {title}",
        f"Date: {date_text}",
        f"Category: {category}",
        "Tags:",
        *([f"Partners: {', '.join(partners)}"] if partners else []),
        "Summary:",
        "Status: draft",
    ]
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:  # "x": never overwrite a file
        file.write("\n".join(lines) + "\n\n")
    url = f"{preview}/{_draft_url(settings, 'DRAFT_URL', lang, slug)}"
    return "\n".join(
        [
            f"Created {shown_path(path)} (a draft: write the story below the blank line).",
            f"Preview: {url} (while `make serve` runs)",
            'To publish it, fill in Summary and Tags, then delete the line "Status: draft".',
        ]
    )


def _check_choice(option, value, choices, what):
    if not value:
        raise AuthoringError(f"{option} is missing; use one of: {', '.join(choices)}")
    if value not in choices:
        raise AuthoringError(f'{option}: "{value}" is not {what}; use one of: {", ".join(choices)}')


def _date(text, timezone):
    """(the text for `Date:`, the datetime): `text`, or today in the site's time zone."""
    if not text:
        today = datetime.datetime.now(ZoneInfo(timezone)).date()
        return today.isoformat(), today
    try:
        when, _ = parse_date(text.strip())
    except ValueError:
        raise AuthoringError(f'--date: "{text}" is not a date; write it as {FORMATS}') from None
    return text.strip(), when


def is_latin(text):
    """True when every letter of `text` is a Latin letter (accents allowed)."""
    return all(unicodedata.name(char, "").startswith("LATIN") for char in text if char.isalpha())


def _slug(title, slug, substitutions):
    """The story's slug: `slug` checked, or one made from a Latin title.

    A title in another script (Arabic) gives no slug: transliteration drops
    the vowels ("khbr-bl-rby"), and the slug is the story's URL in every
    language for good, so the author names it (--slug) in a few English words.
    """
    if slug:
        if not SLUG_RE.match(slug):
            raise AuthoringError(
                f'--slug: "{slug}" is not a slug; use lower-case Latin letters, digits '
                "and single hyphens, e.g. aicto-and-huawei-sign-an-agreement"
            )
        return slug
    if not is_latin(title):
        raise AuthoringError(
            "the title is not in Latin letters, so it gives no readable URL; add --slug "
            "with a few English words in lower case, joined by hyphens, "
            "e.g. --slug aicto-and-huawei-sign-an-agreement"
        )
    made = re.sub(r"[^a-z0-9]+", "-", slugify(title, regex_subs=substitutions)).strip("-")
    if not made:
        raise AuthoringError("the title has no letters to make a slug from; add --slug")
    return made


def _partners(text, settings):
    """The partner slugs named by --partners, each of them a partner of the site."""
    names = split_list(text or "")
    known = sorted(
        name["slug"]
        for folder in settings["PARTNER_PATHS"]
        for path in (Path(settings["PATH"]) / folder).rglob("*.md")
        if (name := FILENAME_RE.match(path.name))
    )
    for name in names:
        if name not in known:
            raise AuthoringError(f"--partners: {unknown_partner(name, known)}")
    return names


def article_versions(settings, slug):
    """{lang: path} of the story files named <slug>.<lang>.md, in any year folder."""
    found = {}
    for folder in settings["ARTICLE_PATHS"]:
        for path in sorted((Path(settings["PATH"]) / folder).rglob(f"{slug}.*.md")):
            if (name := FILENAME_RE.match(path.name)) and name["slug"] == slug:
                found.setdefault(name["lang"], path)
    return found


def _draft_url(settings, key, lang, slug):
    return settings[key].replace("{lang}", lang).format(lang=lang, slug=slug)


# invoke translate


def translate(settings, file, to=None, *, preview):
    """Create the `to` version of a story or page beside `file`; return what to print."""
    path = Path(file)
    if not path.is_file():
        raise AuthoringError(f"{file} is not a file; give the path of the story to translate")
    name = FILENAME_RE.match(path.name)
    languages = settings["LANGUAGES"]
    if not name or name["lang"] not in languages:
        raise AuthoringError(f"{file} is not named <slug>.<lang>.md; give a story's file")
    kind = _kind(settings, path)
    slug, source_lang = name["slug"], name["lang"]
    _check_choice("--to", to, languages, "a language of the site")
    if to == source_lang:
        raise AuthoringError(f"{file} is the {to} version already; choose another --to")
    target = path.with_name(f"{slug}.{to}.md")
    existing = target if target.exists() else None
    if kind == "article":
        existing = existing or article_versions(settings, slug).get(to)
    if existing:
        raise AuthoringError(f"{shown_path(existing)} exists already; edit it instead")
    try:
        source = read_source(path)
    except (UnicodeDecodeError, BinaryFile):
        raise AuthoringError(f"{file} is not UTF-8 text; run `invoke check`") from None
    if TRANSLATE_MARK in path.read_text(encoding="utf-8"):
        raise AuthoringError(
            f"{file} still holds {TRANSLATE_MARK}: it is not translated yet; "
            "translate from the original instead"
        )
    fields = source.fields
    original = fields["translation_of"].value if "translation_of" in fields else source_lang
    if original not in languages or original == to:
        original = source_lang
    lines = []
    for key, meta in fields.items():
        value = meta.value
        if key in DROPPED_FIELDS:
            continue
        if key in MARKED_FIELDS and value:
            value = f"{TRANSLATE_MARK} {value}"
        elif key in EMPTIED_FIELDS:
            value = ""
        lines.append(_field(key, value))
    lines += ["Status: draft", f"Translation_of: {original}"]
    comment = _original_comment(
        path, fields, source.body, languages[source_lang]["name"], source_lang
    )
    with target.open("x", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n\n" + comment)
    url_key = "DRAFT_URL" if kind == "article" else "DRAFT_PAGE_URL"
    url = f"{preview}/{_draft_url(settings, url_key, to, slug)}"
    marked = ", ".join(name.capitalize() for name in MARKED_FIELDS if name in fields)
    emptied = ", ".join(name.capitalize() for name in EMPTIED_FIELDS if name in fields)
    todo = " and ".join(
        part
        for part in (
            marked and f"translate what follows {TRANSLATE_MARK} ({marked})",
            emptied and f"fill in {emptied}",
        )
        if part
    )
    return "\n".join(
        [
            f"Created {shown_path(target)} (a draft, from the {source_lang} version).",
            f"Preview: {url} (while `make serve` runs)",
            "The original text is in a comment at the end: write the translation in its place"
            + (f"; {todo} in the front matter." if todo else "."),
            'When it is ready, delete the comment and the line "Status: draft".',
        ]
    )


def _kind(settings, path):
    """ "article" or "page", by the folder under the content folder that holds `path`."""
    content = Path(settings["PATH"]).resolve()
    resolved = path.resolve()
    for kind, setting in (("article", "ARTICLE_PATHS"), ("page", "PAGE_PATHS")):
        for folder in settings[setting]:
            if resolved.is_relative_to(content / folder):
                return kind
    folders = [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]
    where = " or ".join(f"{shown_path(content / folder)}/" for folder in folders)
    raise AuthoringError(f"{path} is not a story or a page: only files under {where} translate")


def _field(key, value):
    """One `Key: value` front-matter line; continuation lines are indented."""
    name = key.capitalize()
    return f"{name}: {value}".rstrip().replace("\n", "\n    ")


def _original_comment(path, fields, body, language, lang):
    """The original text as an HTML comment: Markdown passes it through unread,
    browsers never show it, and drafts never publish. Whatever in the text
    would end a comment early is escaped, so nothing leaks onto the page."""
    notes = [
        f"{TRANSLATE_MARK} The original, in {language} ({lang}), is {path.name}; its text follows.",
        "Write the translation in place of this comment.",
    ]
    for key in EMPTIED_FIELDS:
        if key in fields and fields[key].value:
            notes.append(f"The original's {key.capitalize()}: {fields[key].value}")
    text = "\n".join([*notes, "", body.strip("\n")])
    for end, escaped in (("<!--", "&lt;!--"), ("--!>", "--!&gt;"), ("-->", "--&gt;")):
        text = text.replace(end, escaped)
    return f"<!-- {text}\n-->\n"
