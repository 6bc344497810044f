"""The scan: one cheap pass over every language's front matter.

Each language is built by its own Pelican run, which sees only its own
files. The language switcher and hreflang links need to know, in every run,
which translations exist and where: the scan tells them, before any run
starts, and reports the content errors that would stop a build: each file's
own (the rules table, rules.py), those of the files that are not Markdown
(uploads.py) and those across files (references.py, old_urls.py).
"""

import difflib
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import editions, old_urls, references, rules, uploads
from .body import check_html
from .frontmatter import BinaryFile, read_source
from .layout import FILENAME_RE, FOLDERS, LANG_PLACEHOLDER, url
from .problems import Problem, shown_path
from .values import canonical, is_future, parse_date

DRAFT_NOTE = "(a draft: it stays out of the build until this is fixed)"
# The listing pages of every language (their URL setting is <KIND>_URL).
LISTINGS = ("index", "archives", "tags", "partners", "magazine", "search", "press", "newsletter")
# {filename} links in a body: Markdown links, reference definitions, raw HTML.
FILENAME_LINK_RE = re.compile(r"(?P<target>(?:\{filename\}|\|filename\|)[^)\s\"'<>]+)")
# A front-matter line whose key has spaces or other letters: "Image alt: …"
STRAY_KEY_RE = re.compile(r"^[ ]{0,3}(?P<key>[^\s:][^:]*?)\s*:\s")


@dataclass(frozen=True)
class Item:
    kind: str
    slug: str
    lang: str
    path: str
    url: str | None  # site-relative, e.g. "en/news/2020/11/<slug>/"; None: no page
    category: str | None = None
    meta: dict = field(default_factory=dict, compare=False)  # key -> frontmatter.Field
    links: tuple = field(default=(), compare=False)  # (line, target) of its {filename} links
    draft: bool = False


@dataclass
class ContentIndex:
    items: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    files: int = 0  # how many content files were read
    slugs: dict = field(default_factory=lambda: defaultdict(set))  # kind -> every slug named
    images: set = field(default_factory=set)  # images stories show, relative to content/
    # {real path of a content file: images its body shows}: cached reading
    # must be redone when one of them changes (run/reader.py)
    image_uses: dict = field(default_factory=dict)
    drafts: list = field(default_factory=list)  # Items of drafts without problems
    # Drafts with problems: reported as warnings, never stopping the build,
    # and left out of the language runs (paths relative to content/).
    excluded: set = field(default_factory=set)
    pages: set = field(default_factory=set)  # real paths of the files that get a page

    def report(self, item, problem):
        """A problem of a file: an error, or a warning when the file is a draft."""
        if item.draft:
            self.warnings.append(f"{problem} {DRAFT_NOTE}")
        else:
            self.problems.append(problem)

    def alternates(self, settings):
        """{(kind, key): {lang: site-relative URL}} for every translatable page.

        Items are keyed by slug; listing pages by what they list. Only
        published items count, and only languages an item exists in.
        """
        table = defaultdict(dict)
        for lang in settings["LANGUAGES"]:
            for kind in LISTINGS:
                table[(kind, "")][lang] = url(settings, f"{kind.upper()}_URL", lang)
            events = settings["EVENTS_CATEGORY"]  # its page is there, empty or not
            table[("category", events)][lang] = url(settings, "CATEGORY_URL", lang, slug=events)
        for item in self.items:
            if item.url is None:  # no page of its own
                continue
            table[(item.kind, item.slug)][item.lang] = item.url
            if item.category:
                address = url(settings, "CATEGORY_URL", item.lang, slug=item.category)
                table[("category", item.category)][item.lang] = address
        return dict(table)


def scan(settings, bodies=False, known=None):
    """Read every content file's front matter; return a ContentIndex. With
    `bodies` (invoke check), also what the HTML allowlist would take from
    each body (body.check_html), which the build finds as it reads them.

    `known` ({path: (stamp, its own findings)}, kept by the caller) spares
    reading again a file whose size and time are those of the last scan:
    `invoke serve` keeps it between the saves of stories (build/session.py).
    A file's own findings depend on no other Markdown file; the checks
    across files are made again every time."""
    content = Path(settings["PATH"])
    index = ContentIndex()
    seen = {}
    for kind, setting in FOLDERS.items():
        paths = sorted(
            path for folder in settings[setting] for path in (content / folder).rglob("*.md")
        )
        for path in paths:
            if name := FILENAME_RE.match(path.name):
                index.slugs[kind].add(name["slug"])
            own = _own_findings(path, kind, settings, bodies, known)
            item = own.items[0] if own.items else None
            _add(index, own)
            if item is None:
                continue
            shown = item.path
            key = (kind, item.slug, item.lang)
            if key in seen:
                message = f"{seen[key]} has the same slug and language; rename one of the two"
                index.problems.append(Problem(shown, 1, "slug", message))
                continue
            seen[key] = shown
            index.items.append(item)
    index.problems += uploads.check(settings)
    references.check_references(index, settings)
    editions.check(index)
    old_urls.check(index, settings)
    return index


def scan_file(path, kind, settings, bodies=False):
    """One file's checks, as `scan` makes them, without those across files
    (`invoke serve`, build/session.py: its front matter is the last build's).
    Its item, if it has one, is the index's only one."""
    index = ContentIndex(files=1)
    item = _read_item(Path(path), shown_path(Path(path)), kind, settings, index, bodies)
    if item is not None:
        index.items.append(item)
    return index


def _own_findings(path, kind, settings, bodies, known):
    """scan_file's result for `path`, from `known` when the file is unchanged."""
    if known is None:
        return scan_file(path, kind, settings, bodies)
    stat = path.stat()
    stamp = (kind, bodies, stat.st_mtime_ns, stat.st_size)
    key = str(path)
    if key not in known or known[key][0] != stamp:
        known[key] = (stamp, scan_file(path, kind, settings, bodies))
    return known[key][1]


def _add(index, own):
    """Join one file's findings (scan_file) to the index, item aside."""
    index.files += own.files
    index.problems += own.problems
    index.warnings += own.warnings
    index.images |= own.images
    index.image_uses.update(own.image_uses)
    index.drafts += own.drafts
    index.excluded |= own.excluded
    index.pages |= own.pages


def _stray(path, line, kind):
    """What is wrong with a front-matter line that is no `Key: value`."""
    text = read_text_line(path, line)
    named = STRAY_KEY_RE.match(text)
    if not named:
        fix = 'write it as "Key: value", or leave a blank line before the body'
        return f"this line has no colon: {fix}"
    key = named["key"]
    fields = rules.KINDS[kind].fields
    nearest = difflib.get_close_matches(re.sub(r"\W+", "_", key.casefold()), fields, n=1)
    fix = f"write {nearest[0].capitalize()}" if nearest else "use one of: " + ", ".join(fields)
    return f'"{key}" is not a field name: names have Latin letters, digits and _ only; {fix}'


def read_text_line(path, number):
    with open(path, encoding="utf-8-sig") as text:
        return next(line for position, line in enumerate(text, start=1) if position == number)


def _read_item(path, shown, kind, settings, index, bodies=False):
    """One file's Item, or None after recording in `index` why it cannot be built."""
    content_root = Path(settings["PATH"])
    problems = index.problems

    def report(field, message, line=1):
        problems.append(Problem(shown, line, field, message))

    name = FILENAME_RE.match(path.name)
    languages = settings["LANGUAGES"]
    if not name or name["lang"] not in languages:
        report(
            "file name",
            "name the file <slug>.<lang>.md, with a lower-case Latin slug "
            f"and a language among {', '.join(languages)}",
        )
        return None
    slug, lang = name["slug"], name["lang"]
    try:
        source = read_source(path)
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        report("encoding", "this is not UTF-8 text; save the file as UTF-8", line)
        return None
    except BinaryFile:
        report("file", "this is not a text file; content files are Markdown text")
        return None
    if not source.fields and not source.body.strip():
        report("file", 'the file is empty; start it with a front matter such as "Title: …"')
        return None
    meta = source.fields
    draft = "status" in meta and canonical(meta["status"].value, rules.STATUSES) == "draft"
    before = len(problems)
    if source.stray_line:  # the fields after it are lost: report this line alone
        report("front matter", _stray(path, source.stray_line, kind), source.stray_line)
        return _set_draft_aside(index, path, settings, before) if draft else None

    checked = rules.File(path, shown, kind, slug, lang, source, settings, problems)
    rules.check(checked)
    if bodies:
        check_html(source, settings, report)
    index.images |= checked.images
    if checked.images:
        index.image_uses[os.path.realpath(path)] = sorted(checked.images)
    featured = meta["image"].value if kind in ("article", "page") and "image" in meta else ""
    if featured and (content_root / featured).is_file():
        index.images.add(featured)
    if len(problems) > before:
        return _set_draft_aside(index, path, settings, before) if draft else None
    links = tuple(
        (source.body_line + source.body.count("\n", 0, link.start()), link["target"])
        for link in FILENAME_LINK_RE.finditer(source.body)
    )
    if checked.status == "draft":
        index.drafts.append(Item(kind, slug, lang, shown, None, meta=meta, links=links, draft=True))
        return None
    if checked.status != "published":
        index.pages.add(os.path.realpath(path))  # hidden: built, not listed
        return None
    if kind == "article":
        date, _ = parse_date(meta["date"].value)
        if not settings["WITH_FUTURE_DATES"] and is_future(date, settings["TIMEZONE"]):
            index.pages.add(os.path.realpath(path))  # a link to it works from its date on
            return None  # Pelican holds it back as a draft: no page to list yet
        category = canonical(meta["category"].value, settings["CATEGORIES"])
        values = {"lang": lang, "slug": slug, "category": category, "date": date}
        address = settings["ARTICLE_URL"].replace(LANG_PLACEHOLDER, lang).format(**values)
        index.pages.add(os.path.realpath(path))
        return Item(kind, slug, lang, shown, address, category, meta, links)
    address = (
        url(settings, f"{kind.upper()}_URL", lang, slug=slug) if rules.KINDS[kind].page else None
    )
    if address:
        index.pages.add(os.path.realpath(path))
    return Item(kind, slug, lang, shown, address, meta=meta, links=links)


def _set_draft_aside(index, path, settings, before):
    """A draft's problems become warnings, and the runs leave it out."""
    index.warnings += [f"{problem} {DRAFT_NOTE}" for problem in index.problems[before:]]
    del index.problems[before:]
    index.excluded.add(
        Path(path).resolve().relative_to(Path(settings["PATH"]).resolve()).as_posix()
    )
