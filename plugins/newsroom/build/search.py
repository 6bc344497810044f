"""Full-text search: Pagefind indexes the merged site before it goes live.

The build (pipeline.py) calls `index()` after the merge and before the
swap, so a failing index fails the build and `output/` is left as it was.
Unless the HTML changed: `reuse()` decides when the index in output/ serves
the new site as it is, or (under `invoke serve`) for a few seconds, until
`Refresh` has made the new one in the background. Pagefind
(`pagefind[bin]`, run as `python -m pagefind`) reads the built HTML:

- only the element marked `data-pagefind-body`: the <article> of a story,
  page, partner or magazine issue (theme/templates). `--root-selector`
  makes this strict: a page without it (a listing, the home, the search
  page) is never indexed, even on a site where no page has it;
- one index per language, chosen by each page's <html lang>. Pagefind runs
  once per language folder (`--glob <lang>/**`), so it holds one language's
  pages at a time, not the whole site (at 10,000 stories per language the
  whole site took 3.7 GiB); `make_bundle` joins the three bundles, whose
  code is the same, into one, with one entry file naming every language;
- filters and meta from the templates' `data-pagefind-filter` and
  `data-pagefind-meta` attributes.

The bundle (index, Default UI, WebAssembly) goes to /<SEARCH_BUNDLE_DIR>/
at the site root; theme/templates/search.html loads the UI from there.
"""

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from ..model import files
from . import caches
from .search_stable import stabilize

# The one element of a page that is indexed (see the module docstring).
ROOT_SELECTOR = "[data-pagefind-body]"
# The index proper; the rest of the bundle is Pagefind's code (UI, WebAssembly).
INDEX_SUFFIXES = (".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter")
ENTRY = "pagefind-entry.json"  # names each language's index
TIMEOUT = 600  # seconds; Pagefind takes well under one for this site
RECORD = "pages"  # in a kept language bundle: the digest of what it was made from


class SearchError(Exception):
    """Pagefind could not index the site; the message has one line per problem."""


@dataclass
class Summary:
    """What the index holds, for the build's one line."""

    pages: dict = field(default_factory=dict)  # language -> indexed pages
    index_size: int = 0  # bytes of index data
    size: int = 0  # bytes in the bundle folder, index and code
    seconds: float = 0.0
    reused: bool = False  # the last build's index: the HTML had not changed

    def __str__(self):
        if not self.pages:
            return "Search index: nothing to index"
        languages = ", ".join(f"{lang} {count}" for lang, count in self.pages.items())
        how = (
            "the last build's, the pages being the same" if self.reused else f"{self.seconds:.1f} s"
        )
        return (
            f"Search index: {sum(self.pages.values())} pages ({languages}), "
            f"{self.index_size / 1000:.0f} kB of index data, "
            f"{self.size / 1000:.0f} kB with Pagefind's code, {how}"
        )


@dataclass
class Reuse:
    """Whether the index in output/ can serve the new site (see `reuse`)."""

    record: Path | None  # where the HTML the last index was made from is recorded
    pages: str | None  # the new site's HTML, as a digest
    same: bool  # output/'s index was made from the same HTML: link it in
    later: bool  # link it in for now; `Refresh` makes the new one after the swap

    def previous(self, output):
        return output if self.same or self.later else None

    def remember(self, output, settings):
        """After the swap: the HTML the index in output/ was made from."""
        if self.record is not None and not self.later:
            bundle = Path(output) / settings["SEARCH_BUNDLE_DIR"]
            self.record.write_text(_record(self.pages, bundle))


def reuse(site, output, settings, record=None, key=None, later=False):
    """Pagefind reads only the HTML: when the HTML of the new `site` is the
    one the index in `output` was made from (both recorded in `record`, with
    the cache's `key`, which covers our code, the settings and the locked
    Pagefind), that index serves it. With `later` (invoke serve), a site
    whose HTML changed keeps the last index until `Refresh` makes the new one."""
    pages = f"{key} {html_digest(site)}" if record is not None else None
    bundle = Path(output) / settings["SEARCH_BUNDLE_DIR"]
    same = bool(record) and record.is_file() and record.read_text() == _record(pages, bundle)
    stale = later and not same and (bundle / ENTRY).is_file()
    return Reuse(record, pages, same, stale)


def _record(pages, bundle):
    """The HTML's digest, and the digest of the entry file of the index in `bundle`."""
    entry = bundle / ENTRY
    return f"{pages} {hashlib.md5(entry.read_bytes()).hexdigest() if entry.is_file() else None}"


def index(site, settings, published=True, previous=None, kept=None):
    """Index the built site in folder `site`; return a Summary.

    `published` is false when the content has no published item at all:
    then there is nothing to index, and Pagefind (which refuses to write an
    empty index) is not run. `previous` is a site whose index was made from
    the same HTML (see `html_digest`): its index is linked in instead of
    running Pagefind again; else `kept` (see `make_bundle`) spares the
    languages whose pages did not change. Raises SearchError if Pagefind fails.
    """
    if not published:
        return Summary()
    site = Path(site)
    bundle = settings.get("SEARCH_BUNDLE_DIR", "pagefind")
    started = time.perf_counter()
    if previous is not None and (Path(previous) / bundle / ENTRY).is_file():
        last = Path(previous) / bundle
        for path in files.walk(last):
            files.link(path, site / bundle / path.relative_to(last))
        return _summary(site / bundle, settings, started, reused=True)
    for line in make_bundle(site, site / bundle, settings["LANGUAGES"], kept=kept):  # warnings
        print(f"WARNING [search] {line}", file=sys.stderr)
    return _summary(site / bundle, settings, started)


def make_bundle(site, target, languages, started=lambda process: None, kept=None):
    """Index each language folder of `site` with a Pagefind run of its own and
    join the bundles into the folder `target`; return Pagefind's warnings.
    `started` is told of each Pagefind process (`Refresh` may kill it).
    `kept` (a folder of the cache) keeps each language's bundle with the
    digest of the pages it was made from: a language none of whose pages
    changed is not indexed again (one edited story re-indexes its language).
    Raises SearchError when Pagefind fails or no page is indexed."""
    site, target = Path(site), Path(target)
    # Beside the site, so that no pagefind.yml of a working folder applies.
    parts = site.with_name(f".{site.name}.search-parts-{os.getpid()}")
    shutil.rmtree(parts, ignore_errors=True)
    warnings, made = [], []
    try:
        for lang in languages:
            if not (site / lang).is_dir():
                continue
            record = _part_record(site, lang) if kept else None
            if kept and _restore(Path(kept) / lang, record, parts / lang):
                made.append(parts / lang)
                continue
            command = [*_pagefind(site), "--glob", f"{lang}/**/*.html"]
            command += ["--output-path", str(parts / lang)]
            try:
                process = subprocess.Popen(
                    command, cwd=site.parent, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
                )
                started(process)
                output = _lines(process.communicate(timeout=TIMEOUT)[0].decode("utf-8", "replace"))
            except OSError as error:
                raise SearchError(f"search index: Pagefind could not start: {error}") from None
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                message = f"Pagefind took more than {TIMEOUT} s on {lang}/ and was stopped"
                raise SearchError(f"search index: {message}") from None
            if process.returncode:
                if any("not able to build an index" in line for line in output):
                    continue  # no page of this language is indexed
                raise SearchError(_failed(lang, process.returncode, output))
            warnings += output
            made.append(parts / lang)
            if kept:
                _keep(parts / lang, Path(kept) / lang, record)
        if not made:
            message = f"no page has {ROOT_SELECTOR}: the templates' <article> should"
            raise SearchError(f"search index: {message}")
        _join(made, target)
    finally:
        shutil.rmtree(parts, ignore_errors=True)
    stabilize(target)
    return warnings


def _part_record(site, lang):
    """What one language's bundle is made from: its pages, how Pagefind reads
    them (the options, Pagefind's version)."""
    digest = hashlib.md5(" ".join([*_pagefind(Path()), version("pagefind")]).encode())
    for path in sorted((site / lang).rglob("*.html")):
        digest.update(str(path.relative_to(site)).encode() + b"\0" + _page_digest(path))
    return digest.hexdigest()


def _restore(kept, record, part):
    """Copy the kept bundle of a language into `part` when it was made from
    the same pages; False when it was not (or is not there)."""
    if not (kept / RECORD).is_file() or (kept / RECORD).read_text() != record:
        return False
    shutil.copytree(kept / "bundle", part)  # copies: the join moves and rewrites them
    return True


def _keep(part, kept, record):
    """Keep a copy of the language's new bundle, its record written last: a
    build killed on the way leaves no record, so nothing half-kept is reused."""
    fresh = kept.with_name(f".{kept.name}.{os.getpid()}")
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(part, fresh / "bundle")
    files.write_atomic(fresh / RECORD, record.encode())
    shutil.rmtree(kept, ignore_errors=True)
    fresh.rename(kept)


def _join(bundles, target):
    """One bundle from one per language: their files (Pagefind's code is the
    same in each) and an entry file that names every language's index."""
    entry = None
    for bundle in bundles:
        for path in files.walk(bundle):
            destination = target / path.relative_to(bundle)
            if path.name != ENTRY and not destination.exists():
                destination.parent.mkdir(parents=True, exist_ok=True)
                path.rename(destination)
        languages = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
        if entry is None:
            entry = languages
        else:
            entry["languages"].update(languages["languages"])
    (target / ENTRY).write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")


def _pagefind(site):
    return [
        *(sys.executable, "-m", "pagefind"),
        *("--site", str(site)),
        *("--root-selector", ROOT_SELECTOR),
        "--quiet",  # errors and warnings only
    ]


class Refresh(threading.Thread):
    """The index of the served `site`, made again in the background after a
    build that kept the last one (`build(search_later=True)`, for `invoke
    serve`): the page reloads first, the search catches up seconds later.
    The new index is made beside the site and swapped in with two renames;
    `cancel()` (before the next build) stops Pagefind and drops it."""

    def __init__(self, site, settings):
        super().__init__(daemon=True, name="search-refresh")
        self.site, self.bundle = Path(site), settings.get("SEARCH_BUNDLE_DIR", "pagefind")
        self.languages = settings["LANGUAGES"]
        self.kept = caches.search_parts(site) if settings.get("NEWSROOM_CACHE") else None
        self.fresh = self.site.with_name(f".{self.site.name}.search-{os.getpid()}")
        self.process, self.cancelled = None, False

    def run(self):
        shutil.rmtree(self.fresh, ignore_errors=True)
        try:
            make_bundle(self.site, self.fresh, self.languages, self._running, self.kept)
        except SearchError as error:
            if not self.cancelled:
                message = " ".join(str(error).split())
                print(f"WARNING [search] not refreshed: {message}", file=sys.stderr)
            shutil.rmtree(self.fresh, ignore_errors=True)
            return
        if self.cancelled:
            shutil.rmtree(self.fresh, ignore_errors=True)
            return
        current, stale = self.site / self.bundle, self.fresh.with_name(self.fresh.name + "-old")
        current.rename(stale)
        self.fresh.rename(current)
        shutil.rmtree(stale, ignore_errors=True)
        print("Search index refreshed", file=sys.stderr, flush=True)

    def _running(self, process):
        self.process = process
        if self.cancelled:  # cancelled between two languages
            process.kill()

    def cancel(self):
        self.cancelled = True
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
        self.join()


def html_digest(site):
    """A digest of every HTML file of `site` and of how Pagefind reads them."""
    digest = hashlib.md5(ROOT_SELECTOR.encode())
    for path in sorted(Path(site).rglob("*.html")):
        digest.update(str(path.relative_to(site)).encode() + b"\0" + _page_digest(path))
    return digest.hexdigest()


_pages = {}  # (path, inode, size, times) -> digest: a build reads each page once


def _page_digest(path):
    """The digest of the file at `path`, which html_digest and _part_record
    both need: remembered by its identity, so that the second asks no read."""
    stat = path.stat()
    key = (str(path), stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
    if key not in _pages:
        if len(_pages) > 200_000:  # a long `invoke serve` session: forget the old builds'
            _pages.clear()
        _pages[key] = hashlib.md5(path.read_bytes()).digest()
    return _pages[key]


def _summary(bundle, settings, started, reused=False):
    entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    counts = {lang: about["page_count"] for lang, about in entry["languages"].items()}
    order = [*settings.get("LANGUAGES", {}), *sorted(counts)]
    sizes = {path: path.stat().st_size for path in bundle.rglob("*") if path.is_file()}
    return Summary(
        pages={lang: counts[lang] for lang in dict.fromkeys(order) if lang in counts},
        index_size=sum(size for path, size in sizes.items() if path.suffix in INDEX_SUFFIXES),
        size=sum(sizes.values()),
        seconds=time.perf_counter() - started,
        reused=reused,
    )


def _failed(lang, status, output):
    """One line for a Pagefind run that failed, whatever it printed. A Python
    traceback or a missing module means the `pagefind` package failed before
    Pagefind ran (most often: no binary): its last line says why."""
    wrapper = any(line.startswith("Traceback (most recent call last)") for line in output)
    said = " ".join(output[-1:] if wrapper else output) or "no message"
    if wrapper or "No module named" in said:
        hint = "pagefind[bin], in requirements/base.lock, installs it"
        return f"search index: Pagefind could not start: {said} ({hint})"
    try:
        how = f"killed by {signal.Signals(-status).name}" if status < 0 else f"exit status {status}"
    except ValueError:
        how = f"killed by signal {-status}"
    return f"search index: Pagefind failed on {lang}/ ({how}): {said}"


def _lines(text):
    """Pagefind's messages, each once, in order, without blank lines."""
    return list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))
