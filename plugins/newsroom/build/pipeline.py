"""Build the whole site: scan, one Pelican run per language in parallel, swap.

    content ─scan─> content index ─┬─ Pelican run (ar) ─┐
                                   ├─ Pelican run (en) ─┼─> staging ─> hashed assets,
                                   └─ Pelican run (fr) ─┘    redirects, sitemaps, search
                                                             index, (compression) ─swap─> output/

The runs write into a staging folder beside the output folder; the output
folder is replaced only when every step succeeded, so a failed build never
touches the last good site. With the cache on, a build whose inputs are the
last build's stops after the scan (uptodate.py), and the runs reuse what did
not change: read files (Pelican's content cache), rendered pages
(run/render_cache.py), image renditions, social cards and the search index.
docs/architecture.md names the module of each step.
"""

import datetime
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from pelican.settings import read_settings

from ..model import files
from ..model.scan import scan
from . import (
    admin,
    assets,
    caches,
    event_history,
    media,
    redirects,
    run_settings,
    runs,
    search,
    sitemaps,
    staging,
    uptodate,
)
from .errors import BuildError


def build(settings_file="pelicanconf.py", output=None, overrides=None, session=None):
    """Build every language into `output` (default: the settings' OUTPUT_PATH).

    `session` is `invoke serve`'s (session.py): the language runs stay alive
    for it, and a changed site keeps the last search index until the session
    makes the new one, after the page has reloaded."""
    started = time.perf_counter()
    settings = read_settings(settings_file, override=dict(overrides or {}))
    output = Path(output or settings["OUTPUT_PATH"]).resolve()
    cache = caches.content(output, settings_file, overrides, settings)
    world, known = caches.scan_findings(cache, settings)
    index = scan(settings, known=known)
    for warning in index.warnings:
        print(warning, file=sys.stderr)
    caches.keep_scan_findings(cache, world, known)  # each file's own, problems or not
    known = known if session else None  # only a session scans again with them
    _stop_on(index.problems)  # before anything is made
    alternates = index.alternates(settings)
    hashed = assets.plan(Path(settings["THEME"]) / "static")
    output.parent.mkdir(parents=True, exist_ok=True)
    staging.remove_leftovers(output)
    theme = files.tree_digest(Path(settings["THEME"])) if cache else None
    now = build_date(settings) or datetime.datetime.now(datetime.UTC)  # one for every run
    sequences = event_history.sequences(index, settings)
    inputs = (
        uptodate.inputs(settings, index, cache, build_date(settings), theme, (now, sequences))
        if cache
        else None
    )
    unchanged = inputs and uptodate.unchanged(caches.last_build(output), inputs, output)
    if unchanged and (session is None or session.workers):  # a session without runs needs them
        elapsed = time.perf_counter() - started
        print(
            f"Nothing changed since the last build: {output} kept ({elapsed:.1f} s)",
            file=sys.stderr,
        )
        return output
    caches.last_build(output).unlink(missing_ok=True)  # until this build has succeeded
    if session:
        session.stop()  # their site is about to be replaced
    workers = {}
    with staging.staging(output) as folder, _stopping(lambda: workers):
        kit = [item.meta["file"].value for item in index.items if item.kind == "kit"]
        with _failing(media.ImageError):
            made = media.prepare(
                Path(settings["PATH"]),
                index.images,
                kit,
                settings,
                caches.images(output, folder, settings),
            )
        each = run_settings.for_runs(
            settings,
            overrides,
            staging=folder,
            output=output,
            index=index,
            alternates=alternates,
            hashed=hashed,
            images=made.manifest,
            cache=cache,
            theme=theme,
            events=(now, sequences),
        )
        workers = runs.run_all(settings_file, each, keep=session is not None)
        site = staging.merge(folder, list(each))
        media.apply(site, made)
        assets.apply(site, settings["THEME_STATIC_DIR"], hashed)
        # Old_URLs: after the merge, so a redirect cannot take a page's place.
        _stop_on(redirects.write(site, index.items, settings))
        sitemaps.write_all(site, index, alternates, settings, build_date(settings))
        admin.write(site, index, settings, hashed)  # the web editor, when ADMIN is on
        record = caches.search_input(output) if cache else None
        key = cache.name if cache else None
        reuse = search.reuse(site, output, settings, record, key, later=session is not None)
        with _failing(search.SearchError):  # before the swap: output/ stays as it was
            kept = caches.search_parts(output) if cache else None
            indexed = search.index(site, settings, bool(index.items), reuse.previous(output), kept)
        print(
            f"{indexed} (refreshed after the reload)" if reuse.later else indexed, file=sys.stderr
        )
        if settings.get("PRECOMPRESS"):
            staging.precompress(site)
        staging.swap(site, output, background=bool(cache))
        if cache and not reuse.later:
            reuse.remember(output, settings)
            uptodate.remember(caches.last_build(output), inputs, output)
        if session:
            session.started(workers, settings, index, output, each, hashed, known)
    if session and reuse.later:
        session.search_later(output, settings)
    elapsed = time.perf_counter() - started
    print(
        f"Images: {made.processed} of {len(made.manifest)} processed, the rest from the cache",
        file=sys.stderr,
    )
    print(f"Built {', '.join(each)} into {output} in {elapsed:.1f} s", file=sys.stderr)
    return output


def _stop_on(problems):
    if problems:
        raise BuildError("\n".join(str(p) for p in problems))


@contextmanager
def _failing(*errors):
    """A step's own errors (one line per problem) stop the build as BuildError."""
    try:
        yield
    except errors as error:
        raise BuildError(str(error)) from None


@contextmanager
def _stopping(workers):
    """No run outlives a build that failed or was interrupted."""
    try:
        yield
    except BaseException:
        runs.stop_runs(workers())
        raise


def build_date(settings):
    """BUILD_DATE (ISO 8601) when set, for tests and reproducible builds; else now."""
    value = settings.get("BUILD_DATE")
    return datetime.datetime.fromisoformat(value) if value else None
