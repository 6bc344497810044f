"""Pages whose inputs did not change are taken from the last build, not rendered.

Rendering templates is most of a warm build (docs/performance.md). Every page
a run writes gets a signature: a digest of
- the site: the theme's files, the content outside the stories (pages,
  partners, issues, press files: menus and sidebars show them), the
  categories in use, the run's URL settings, and today's date (banners of
  scheduled stories);
- the page: its template, its file name, and the entries of its context
  that its last rendering looked up (RecordingContext: the story, the
  listing's stories, the pagination…; the home's sections only on the
  home), each story by its file's checksum, status, URL, images and
  translations, and by the same of the stories it links (newer, older,
  related, partners, issue); the pages before and after a listing's page
  by their number and address.
When a page's signature is the one the last build recorded, and the last
build's file in output/ still has the recorded size and modification time,
the run links that file instead of rendering the template. `tests/build/test_incremental.py`
checks that warm builds are byte for byte what cold builds are.
"""

import datetime
import hashlib
import os
import pickle
import sys
from pathlib import Path

import jinja2.runtime
from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper

from ..model.files import write_atomic

_active = None  # this run's RenderCache (each language runs in its own process)


class RenderCache:
    def __init__(self, settings, context):
        self.settings, self.context = settings, context
        self.record = Path(settings["NEWSROOM_PAGES_RECORD"])  # build/caches.py names it
        self.previous = Path(settings["NEWSROOM_PREVIOUS_OUTPUT"])
        try:
            self.old = pickle.loads(self.record.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, ValueError):
            self.old = {}
        if not isinstance(self.old, dict):  # a record of an older kind
            self.old = {}
        self.new = {}
        self.rendered = self.reused = 0
        self.feeds = [0, 0]  # feeds made, feeds taken from the last build
        self.last_reused = False  # whether the last page came from the last build
        self._site = None
        self._stamps = {}  # (id(content), full?) -> stamp; contents live as long as the run
        self._containers = {}  # id(list or dict) -> (it, digest)
        self._checksums = {}
        self._by_slug = None
        self._table_digest = None
        self._realpaths = {}

    def render(self, template, localcontext):
        """The page's HTML, or "" when the last build's file stands for it (the
        writer then links that file: run/writer.py)."""
        name = localcontext["output_file"]
        old = self.old.get(name)
        if old and self.take(name, self._signature(template, localcontext, old[2])):
            return ""
        global _reads
        _reads = set()
        try:
            html = template.render(localcontext)
            # Settings, in upper case, are part of the cache's own key.
            keys = tuple(sorted(key for key in _reads if not key.isupper()))
        finally:
            _reads = None
        self.keep(name, self._signature(template, localcontext, keys), keys)
        return html

    def take(self, name, signature, feed=False):
        """Whether the last build's file `name` stands: made with this
        `signature`, and still in output/ as that build left it (its size and
        modification time; the build links it, which keeps both)."""
        old = self.old.get(name)
        if not old or old[0] != signature:
            return False
        try:
            stat = os.stat(self.previous / name)
        except OSError:
            return False
        if (stat.st_size, stat.st_mtime_ns) != old[1]:
            return False
        self.new[name] = old
        if feed:
            self.feeds[1] += 1
        else:
            self.reused += 1
            self.last_reused = True
        return True

    def keep(self, name, signature, keys=(), feed=False):
        """Record the file `name` being made, for the next build."""
        self.new[name] = (signature, None, keys)  # its size and time: `save`
        if feed:
            self.feeds[0] += 1
        else:
            self.rendered += 1
            self.last_reused = False

    def feed_signature(self, stories, *feed):
        """A feed's signature: the site, the feed (type, address, title) and its
        stories in full, as pages show them (their bodies too)."""
        return _digest(repr([self.site(), feed, [self.stamp(story) for story in stories]]))

    def _signature(self, template, localcontext, keys):
        """A digest of the site, the page, and the context entries `keys`:
        those its last rendering looked up."""
        parts = [self.site(), template.name, localcontext["output_file"]]
        for key in keys:
            value = localcontext.get(key, MISSING)
            if isinstance(value, Page) and key.endswith(("_previous_page", "_next_page")):
                # A link to the page before or after, not its stories
                parts.append((key, value.number, value.url))
            else:
                parts.append((key, self.stamp(value)))
        return _digest(repr(parts))

    def save(self):
        """Write the record, with each file's size and time as the run left it
        (a file a regeneration left in place in output/ keeps its own)."""
        folder = Path(self.settings["OUTPUT_PATH"])
        for name, (signature, _, keys) in self.new.items():
            try:
                made = os.stat(folder / name)
            except OSError:
                continue
            self.new[name] = (signature, (made.st_size, made.st_mtime_ns), keys)
        write_atomic(self.record, pickle.dumps(self.new))  # a kill leaves the last one

    def site(self):
        """What every page may show besides its own objects (computed once)."""
        if self._site is None:
            settings = self.settings
            parts = [datetime.date.today().isoformat(), settings["NEWSROOM_THEME_DIGEST"]]
            parts += [settings.get(key) for key in ("SITEURL", "SITE_PATH", "DEFAULT_LANG")]
            parts.append(sorted(settings.get("NEWSROOM_ASSETS", {}).items()))
            parts.append(sorted(c.slug for c, _ in self.context.get("categories", [])))
            # The home shows the upcoming events, which the build's instant decides.
            parts.append([story.slug for story in self.context.get("upcoming_events", [])])
            parts.append(self._content_outside_stories())
            self._site = _digest(repr(parts))
        return self._site

    def _content_outside_stories(self):
        """Stamps of content files other than stories and their images: text
        by checksum, other files (PDFs, press kit) by size and time."""
        content = Path(self.settings["PATH"])
        stories = [content / folder for folder in self.settings["ARTICLE_PATHS"]]
        images = [content / folder for folder in self.settings["STATIC_PATHS"]]
        stamps = []
        for folder, subfolders, files in os.walk(content):
            here = Path(folder)
            if here in stories:
                subfolders[:] = []
                continue
            subfolders.sort()
            for file in sorted(files):
                path = here / file
                if path.suffix == ".md":
                    stamps.append((str(path), self.checksum(str(path))))
                elif not any(path.is_relative_to(folder) for folder in images):
                    stat = path.stat()
                    stamps.append((str(path), stat.st_size, stat.st_mtime_ns))
        return stamps

    def _versions(self):
        """{slug: its entries of the translation table}, made once."""
        if self._by_slug is None:
            self._by_slug = {}
            for (kind, key), found in sorted(self.settings.get("NEWSROOM_ALTERNATES", {}).items()):
                self._by_slug.setdefault(key, []).append((kind, sorted(found.items())))
        return self._by_slug

    def checksum(self, path):
        if path not in self._checksums:
            try:
                self._checksums[path] = _digest(Path(path).read_bytes())
            except OSError:
                self._checksums[path] = None
        return self._checksums[path]

    def stamp(self, value, depth=0):
        """A digest of what a template can show of `value`."""
        if isinstance(value, Content):
            # The page's own object with what it links to; one in a list
            # (a listing's stories) as a card shows it: by itself.
            key = (id(value), depth == 0)
            if key not in self._stamps:
                self._stamps[key] = self._content(value) if depth == 0 else self._card(value)
            return self._stamps[key]
        if isinstance(value, URLWrapper):
            return (type(value).__name__, value.name, value.slug)
        if isinstance(value, Page):
            return (
                "page",
                value.number,
                value.paginator.num_pages,
                self.stamp(value.object_list, 1),
            )
        if isinstance(value, Paginator):
            return ("paginator", value.num_pages, value.count)
        if isinstance(value, list | tuple | dict):
            # The run's lists (all stories, a tag's stories) are stamped once;
            # the memo holds them, so that no other object takes their id.
            if id(value) not in self._containers:
                if isinstance(value, dict):
                    items = sorted((repr(k), self.stamp(v, depth + 1)) for k, v in value.items())
                else:
                    items = [self.stamp(item, depth + 1) for item in value]
                self._containers[id(value)] = (value, _digest(repr(items)))
            return self._containers[id(value)][1]
        if value is None or isinstance(value, str | int | float | bool):
            return value
        if isinstance(value, datetime.date):
            return value.isoformat()
        if depth < 3 and hasattr(value, "__dict__"):  # our small objects (a card, a kit item)
            return (type(value).__name__, self.stamp(vars(value), depth))
        return (type(value).__name__, repr(value))

    def _content(self, content):
        """The page's own object (a story, page, partner, issue): its file by
        checksum, the body included, and the card stamps of the content it
        links to (newer, older, related, partners, its issue's stories…)."""
        linked = [
            (name, self.stamp(item, 1))
            for name, value in sorted(vars(content).items())
            if isinstance(value, LINKING) and name not in SKIPPED
            for item in _contents_in(value)
        ]
        parts = [self.checksum(content.source_path), self.stamp(content, 1), linked]
        if "{filename}" in content._content or "|filename|" in content._content:
            # A link to another story: its URL comes from the translation table.
            parts.append(self._table())
        return _digest(repr(parts))

    def _table(self):
        """A digest of the translation table (computed once)."""
        if self._table_digest is None:
            table = sorted(self.settings.get("NEWSROOM_ALTERNATES", {}).items())
            self._table_digest = _digest(repr(table))
        return self._table_digest

    def _card(self, content):
        """What a listing or a link can show of an object: everything but its
        body. Its metadata and attributes (title, summary, date, reading time,
        a PDF's size, a card…), its images, its translations; content it links
        to by number only (a partner's count of stories)."""
        path = content.source_path
        if path not in self._realpaths:
            self._realpaths[path] = os.path.realpath(path)
        images = self.settings.get("NEWSROOM_IMAGES", {})
        uses = self.settings.get("NEWSROOM_IMAGE_USES", {}).get(self._realpaths[path], [])
        shown = [content.metadata.get("image"), *uses]
        attributes = []
        for name, value in sorted(vars(content).items()):
            if name in SKIPPED:
                continue
            if isinstance(value, Content) or (
                isinstance(value, list | tuple)
                and any(isinstance(item, LINKING) for item in value)
                and any(True for _ in _contents_in(value))
            ):
                attributes.append((name, len(value) if isinstance(value, list | tuple) else 1))
            else:
                attributes.append((name, self.stamp(value, 1)))
        return _digest(
            repr(
                (
                    type(content).__name__,
                    path,
                    [images.get(image, {}).get("digest") for image in shown],
                    self._versions().get(getattr(content, "slug", None), []),
                    attributes,
                )
            )
        )


# Attributes of content objects that are not what a page shows of them.
SKIPPED = {"_context", "settings", "_content", "translations"}
LINKING = (Content, list, tuple, dict)  # what may hold content objects


def _contents_in(value, depth=0):
    """Content objects in `value`, looking into lists, tuples and dicts."""
    if isinstance(value, Content):
        yield value
    elif depth < 3 and isinstance(value, list | tuple):
        for item in value:
            yield from _contents_in(item, depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for item in value.values():
            yield from _contents_in(item, depth + 1)


def _digest(data):
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.md5(data).hexdigest()


class CachedTemplate:
    """A Jinja template as Pelican's writer uses it (`render`, `name`), with the
    render cache in between."""

    def __init__(self, template, cache):
        self.template, self.cache = template, cache
        self.name = template.name

    def render(self, localcontext):
        return self.cache.render(self.template, localcontext)


MISSING = "<missing>"  # a name a page looked up that its context did not have
_reads = None  # while a page renders: the names its templates look up


class RecordingContext(jinja2.runtime.Context):
    """Jinja's template context, noting the names the templates look up (the
    page, its includes and blocks; macros called with context): a page
    whose entries under those names are unchanged renders to the same HTML,
    as the template can reach nothing else of the page's context. Jinja looks
    up a block's names at its start, so what a branch not taken names is
    noted too: more than needed, never less."""

    def resolve_or_missing(self, key):
        if _reads is not None:
            _reads.add(key)
        return super().resolve_or_missing(key)


def active(settings, context):
    """The run's RenderCache, made at its first page; None without the content
    cache (the build then names no previous output)."""
    global _active
    if _active is None and settings.get("NEWSROOM_PREVIOUS_OUTPUT"):
        _active = RenderCache(settings, context)
    return _active


def finish(pelican):
    """Signal finalized: keep the signatures for the next build; say what was done."""
    global _active
    if _active is not None:
        _active.save()
        lang = pelican.settings["DEFAULT_LANG"]
        done = f"{_active.rendered} rendered, {_active.reused} from the last build"
        done += f"; feeds: {_active.feeds[0]} written, {_active.feeds[1]} from the last build"
        print(f"pages [{lang}]: {done}", file=sys.stderr)
        _active = None
