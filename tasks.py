"""Project tasks (Invoke). The Makefile bootstraps .venv and calls these.

invoke build [--publish]   build the site into output/
invoke serve               build, serve http://127.0.0.1:8000/, rebuild on change
invoke check               check every content file's front matter
invoke i18n                extract the theme's UI strings, update catalogs
invoke fonts               regenerate the Arabic web font subsets and the cards' font
invoke screenshots         build, then screenshot key pages in Chromium
invoke lighthouse          build, then score key pages with Lighthouse (mobile)
invoke test                the test suite (what CI runs)
invoke bench               time plain Pelican and our build on a synthetic corpus
invoke publish --target …  build for production and publish (rsync:…, gh-pages)
invoke new "Title" …       start a story (a draft) at the right path
invoke translate FILE --to L   start its translation beside it
invoke status [--json]     languages, missing and out-of-date translations, drafts, schedule
invoke import-wordpress export.xml   stories and pages from a WordPress export
invoke clean               remove output/ and caches
"""

import contextlib
import os
import shlex
import shutil
import sys
import tempfile
import textwrap
from pathlib import Path

from invoke import task

ROOT = Path(__file__).parent
sys.path.insert(0, str(ROOT / "plugins"))

BIN = Path(sys.executable).parent  # the venv's tools, whatever PATH says
SETTINGS = {False: "pelicanconf.py", True: "publishconf.py"}
HOST, PORT = "127.0.0.1", 8000

# The Arabic web font: Noto Naskh Arabic from Debian's fonts-noto-core, cut down
# to what Modern Standard Arabic news text needs. Shaping comes from the GSUB
# table, so the presentation forms (U+FB50-FDFF, U+FE70-FEFF) are left out.
# The same string is pyftsubset's --unicodes and the CSS unicode-range.
ARABIC_UNICODES = ",".join(
    [
        "U+0020,U+00A0",  # space, no-break space
        "U+00AB,U+00BB",  # « »
        "U+060C,U+061B,U+061F",  # Arabic comma, semicolon, question mark
        "U+0621-063A",  # hamza, alef forms, letters
        "U+0640-0655",  # tatweel, letters, tashkeel (harakat, shadda, sukun, madda, hamza marks)
        "U+0660-066C",  # Arabic-Indic digits, percent, decimal and thousands separators
        "U+0670",  # superscript (dagger) alef
        "U+200C-200F",  # ZWNJ, ZWJ, LRM, RLM
    ]
)
NOTO_PACKAGE = "fonts-noto-core"
NOTO = Path("/usr/share/fonts/truetype/noto")
FONTS = ROOT / "theme/static/fonts"
ARABIC_FONTS = {  # output file: Debian's font file
    "noto-naskh-arabic-400.woff2": "NotoNaskhArabic-Regular.ttf",
    "noto-naskh-arabic-700.woff2": "NotoNaskhArabic-Bold.ttf",
}
# The social cards' font (plugins/newsroom/social_cards.py): Noto Sans Bold for
# Latin text (the theme's CSS stack names it) merged with the same Noto Naskh
# Arabic Bold subset as the web font, so one font, shaped by raqm, sets a
# headline mixing both scripts ("AICTO" or "5G" in an Arabic title). TrueType,
# not woff2: any FreeType build reads it.
CARD_FONTS = ROOT / "theme/cards"
CARD_FONT = "noto-card-bold.ttf"
CARD_SOURCES = ["NotoSans-Bold.ttf", "NotoNaskhArabic-Bold.ttf"]  # Latin, Arabic
LATIN_UNICODES = ",".join(
    [
        "U+0020-007E",  # ASCII
        "U+00A0-017F",  # Latin-1 and Latin Extended-A: French and other European letters
        "U+2010-2027",  # dashes, quotes, bullet, ellipsis (typogrify's output)
        "U+202F-203A",  # narrow no-break space (French), per mille, single guillemets
        "U+20AC",  # euro
    ]
)


def _build(publish=False, content=None, output=None):
    """Build, or exit non-zero with the build's error lines."""
    from newsroom.build import BuildError, build

    overrides = {"PATH": str(Path(content).resolve())} if content else {}
    try:
        return build(str(ROOT / SETTINGS[publish]), output=output, overrides=overrides)
    except BuildError as error:
        print(error, file=sys.stderr)
        print(f"Build failed; {output or 'output/'} was left as it was.", file=sys.stderr)
        sys.exit(1)


@task(
    help={
        "publish": "use publishconf.py (production settings)",
        "content": "build another content folder (default: content/)",
        "output": "write the site there (default: output/)",
    }
)
def build(c, publish=False, content=None, output=None):
    """Build the whole site into output/."""
    _build(publish, content, output)


@task(help={"content": "check another content folder (default: content/)"})
def check(c, content=None):
    """Check every content file's front matter without building."""
    from pelican.settings import read_settings

    from newsroom.content_index import scan

    overrides = {"PATH": str(Path(content).resolve())} if content else {}
    index = scan(read_settings(str(ROOT / SETTINGS[False]), override=overrides))
    for line in (*index.warnings, *index.problems):
        print(line, file=sys.stderr)
    if index.problems:
        sys.exit(1)
    print(f"{index.files} content files checked, no problems.")


@task(help={"port": f"port to listen on (default {PORT})"})
def serve(c, port=PORT):
    """Build, then serve on http://127.0.0.1:8000/ and rebuild on every change."""
    from livereload import Server

    from newsroom.build import BuildError
    from newsroom.live import Session

    # The session keeps one Pelican run per language alive: a story whose
    # body alone changed is rewritten in well under a second. The page
    # reloads as soon as its HTML is written; the search index follows a few
    # seconds later, unless a newer edit comes first (live.py).
    session = Session(str(ROOT / SETTINGS[False]))
    try:
        output = session.build()
    except BuildError as error:
        sys.exit(f"{error}\nFix the content, then run `invoke serve` again.")

    def rebuild():
        try:
            session.update()
        except BuildError as error:  # keep serving the last good site
            print(error, file=sys.stderr)

    def restart():
        # Language runs are forked from this process, so they would keep
        # running the plugin code it imported: start afresh instead.
        print("Code or settings changed: restarting.", file=sys.stderr, flush=True)
        session.stop()
        command = ["-m", "invoke", "-r", str(ROOT), "serve", "--port", str(port)]
        os.execv(sys.executable, [sys.executable, *command])

    server = Server()
    for watched in ("content", "theme"):
        server.watch(str(ROOT / watched), rebuild)
    for watched in ("plugins", "pelicanconf.py"):
        server.watch(str(ROOT / watched), restart)
    print(f"Serving the newsroom at http://{HOST}:{port}/ (Ctrl-C to stop)", flush=True)
    try:
        server.serve(host=HOST, port=port, root=str(output), open_url_delay=None)
    except KeyboardInterrupt:
        print("\nStopped.")
    finally:
        session.stop()


@task
def screenshots(c):
    """Build, then screenshot home, an article and a listing in Chromium (output-screenshots/)."""
    try:
        from newsroom.browser import take
    except ModuleNotFoundError as error:
        sys.exit(f"{error}: run `make test` once to install the test tools.")

    output = _build()
    try:
        paths = take(output, ROOT / "output-screenshots")
    except FileNotFoundError as error:  # no Chromium
        sys.exit(str(error))
    for path in paths:
        print(path.relative_to(ROOT))


@task
def lighthouse(c):
    """Build, then score home and article pages (ar, en) with Lighthouse, mobile."""
    from newsroom.lighthouse import CATEGORIES, audit

    binary = ROOT / "node_modules/.bin/lighthouse"
    if not binary.exists():
        sys.exit("Lighthouse is missing: run `make lighthouse` (it installs it with npm ci).")
    output = _build()
    scores = audit(output, ROOT / "output-lighthouse", binary)
    print("| page | " + " | ".join(CATEGORIES) + " |")
    print("|---" * (len(CATEGORIES) + 1) + "|")
    for name, score in scores.items():
        print(f"| {name} | " + " | ".join(str(score[c]) for c in CATEGORIES) + " |")
        if score["failed"]:
            print(f"  {name}: failed audits: {', '.join(score['failed'])}", file=sys.stderr)


@task(
    help={
        "articles": "articles per language in the synthetic corpus (default 1000)",
        "runs": "times each case runs; the table shows the median (default 3)",
        "json": "write the results there (default: output-bench/bench.json)",
        "seed": "the corpus generator's seed (default 0)",
        "profile": "instead: cProfile this language's run of a cold build (ar, en or fr)",
    }
)
def bench(c, articles=1000, runs=3, json="output-bench/bench.json", seed=0, profile=None):
    """Time plain Pelican and our build (cold, warm, edits, 2N) on a synthetic corpus."""
    from newsroom import bench as harness

    if profile:
        print(harness.profile(articles, lang=profile, seed=seed))
        return
    results = harness.run(articles, runs, ROOT / json, seed=seed)
    print(harness.table(results))
    print(f"Results: {ROOT / json}")


@task
def test(c):
    """Lint, then run the whole test suite."""
    from newsroom.publish import PublishError, record_tests_passed

    c.run(f"{BIN}/ruff check .")
    c.run(f"{BIN}/ruff format --check .")
    c.run(f"{sys.executable} -m pytest")  # raises on failure: nothing is recorded
    with contextlib.suppress(PublishError):  # not a git checkout: nothing to publish
        record_tests_passed(ROOT)  # `invoke publish` trusts this commit now


@task(
    help={
        "target": "rsync:<user@host:/path or /local/path>, or gh-pages",
        "remote": "the git remote (name or URL) for gh-pages (default: origin)",
    }
)
def publish(c, target, remote="origin"):
    """Build with publishconf.py and publish to a host other than GitHub Pages."""
    from newsroom.publish import (
        PublishError,
        check_content_committed,
        gh_pages,
        rsync,
        tests_passed,
    )

    try:
        check_content_committed(ROOT)
        if not tests_passed(ROOT):
            print("No test run has passed on this commit: running `invoke test` first.")
            test(c)
        output = _build(publish=True)  # exits, publishing nothing, if the build fails
        if target.startswith("rsync:"):
            rsync(output, target.removeprefix("rsync:"))
        elif target == "gh-pages":
            gh_pages(ROOT, output, remote)
        else:
            sys.exit(f"Unknown target {target!r}: use rsync:<destination> or gh-pages.")
    except PublishError as error:
        sys.exit(f"Not published: {error}")
    print(f"Published {output} to {target}.")


@task
def i18n(c):
    """Extract the theme's UI strings and update the ar and fr catalogs."""
    pot = "theme/translations/messages.pot"
    (ROOT / "theme/translations").mkdir(exist_ok=True)
    # -w 100: the catalogs are wrapped at 100 columns; a narrower wrap would
    # rewrap every long string on each run.
    options = "--no-location --omit-header -w 100 -k in_language:2 -F babel.cfg"
    c.run(f"{BIN}/pybabel extract {options} -o {pot} .")
    for lang in ("ar", "fr"):
        po = ROOT / "theme/translations" / lang / "LC_MESSAGES/messages.po"
        verb = "update --no-fuzzy-matching" if po.exists() else "init"
        c.run(f"{BIN}/pybabel {verb} -w 100 -i {pot} -d theme/translations -l {lang}")


@task(
    help={
        "output": "write the web fonts there (default: theme/static/fonts/)",
        "cards": "write the social cards' font there (default: theme/cards/)",
    }
)
def fonts(c, output=str(FONTS), cards=str(CARD_FONTS)):
    """Regenerate the Arabic web font subsets (woff2), the social cards' font (TrueType)
    and their OFL.txt from Debian's fonts."""
    from fontTools.misc.timeTools import epoch_diff
    from fontTools.ttLib import TTFont

    if not all((NOTO / source).is_file() for source in [*ARABIC_FONTS.values(), *CARD_SOURCES]):
        sys.exit(f"Debian's {NOTO_PACKAGE} is missing: sudo apt-get install -y {NOTO_PACKAGE}")

    def subset(source, unicodes, target, *options):
        # The subset keeps the source's date (head.modified), so the same
        # Debian font gives the same bytes.
        modified = TTFont(source, lazy=True)["head"].modified - epoch_diff
        command = [
            f"{BIN}/pyftsubset",
            str(source),
            f"--unicodes={unicodes}",
            "--layout-features=*",
            "--name-IDs=0,1,2,3,4,5,6,13,14",  # with the copyright and licence
            *options,
            f"--output-file={target}",
        ]
        c.run(shlex.join(command), env={"SOURCE_DATE_EPOCH": str(modified)})

    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    for name, source in ARABIC_FONTS.items():
        subset(NOTO / source, ARABIC_UNICODES, output / name, "--flavor=woff2")
        print(f"{output / name}: {(output / name).stat().st_size / 1024:.1f} KB")
    (output / "OFL.txt").write_text(_ofl(NOTO / next(iter(ARABIC_FONTS.values()))))
    print(f"unicode-range: {ARABIC_UNICODES};")

    from fontTools.merge import Merger

    cards = Path(cards)
    cards.mkdir(parents=True, exist_ok=True)
    latin, arabic = (NOTO / source for source in CARD_SOURCES)
    with tempfile.TemporaryDirectory() as work:
        parts = [Path(work) / "latin.ttf", Path(work) / "arabic.ttf"]
        # No hinting: cards are drawn large, and the two fonts' hinting programs cannot merge.
        subset(latin, LATIN_UNICODES, parts[0], "--no-hinting")
        subset(arabic, ARABIC_UNICODES, parts[1], "--no-hinting")
        merged = Merger().merge([str(part) for part in parts])  # Latin first: it keeps the names
    # The merger dates the font now: give it the sources' date, so the same
    # Debian fonts give the same bytes.
    dated = max(TTFont(source, lazy=True)["head"].modified for source in (latin, arabic))
    merged["head"].created = merged["head"].modified = dated
    merged.recalcTimestamp = False
    merged.save(cards / CARD_FONT)
    print(f"{cards / CARD_FONT}: {(cards / CARD_FONT).stat().st_size / 1024:.1f} KB")
    (cards / "OFL.txt").write_text(_ofl(latin, arabic))


def _ofl(*fonts):
    """Each font's copyright and licence notice, then the SIL OFL 1.1 as Debian ships it."""
    from fontTools.ttLib import TTFont

    notice = []
    for font in fonts:
        name = TTFont(font, lazy=True)["name"]
        notice += [
            f"{name.getDebugName(1)}: subsets of Debian's {NOTO_PACKAGE}, made by `invoke fonts`.",
            name.getDebugName(0),
            name.getDebugName(13),
        ]
    # Debian's copyright file: one "License: OFL-1.1" stanza holds the text,
    # one phrase per line indented by a space, paragraphs separated by " .".
    stanzas = Path(f"/usr/share/doc/{NOTO_PACKAGE}/copyright").read_text().split("\n\n")
    text = next(s for s in stanzas if s.startswith("License: OFL-1.1\n"))
    paragraphs = [
        textwrap.fill(" ".join(line.strip() for line in paragraph.splitlines()), 76)
        for paragraph in text.split("\n", 1)[1].split("\n .\n")
    ]
    title = "SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007"
    notice = [textwrap.fill(line, 76) for line in notice]
    return "\n\n".join([*notice, f"{title}\n{'-' * len(title)}", *paragraphs]) + "\n"


@task
def clean(c):
    """Remove the built site and the caches."""
    for path in ("output", ".cache", ".pytest_cache"):
        shutil.rmtree(ROOT / path, ignore_errors=True)


# Authoring: plugins/newsroom/authoring.py does the work; errors are one line.


def _authoring(command, content, **options):
    """Run one of authoring.py's commands on `content` (default: content/) and print it."""
    from newsroom import authoring

    try:
        settings = authoring.load_settings(ROOT / SETTINGS[False], content)
        print(getattr(authoring, command)(settings, **options))
    except authoring.AuthoringError as error:
        sys.exit(f"invoke {command}: {error}")


@task(
    positional=["title"],
    help={
        "title": "the headline, in quotes",
        "lang": "the story's language: ar, en or fr",
        "category": "news, press-releases or events",
        "partners": "partner slugs, comma-separated, e.g. huawei",
        "slug": "the URL's last part (needed when the title is not in Latin letters)",
        "date": "YYYY-MM-DD or YYYY-MM-DD HH:MM (default: today, Tunis time)",
        "content": "another content folder (default: content/)",
    },
)
def new(c, title, lang=None, category=None, partners=None, slug=None, date=None, content=None):
    """Create a draft story: content/articles/<yyyy>/<slug>.<lang>.md."""
    preview = f"http://{HOST}:{PORT}"
    options = dict(lang=lang, category=category, partners=partners, slug=slug, date=date)
    _authoring("new", content, title=title, preview=preview, **options)


@task(
    positional=["file"],
    help={
        "file": "the story (or page) to translate",
        "to": "the translation's language: ar, en or fr",
        "content": "another content folder (default: content/)",
    },
)
def translate(c, file, to=None, content=None):
    """Create a story's translation beside it, as a draft holding the original text."""
    _authoring("translate", content, file=file, to=to, preview=f"http://{HOST}:{PORT}")


@task(
    help={
        "json": "print JSON instead of a table",
        "content": "another content folder (default: content/)",
    }
)
def status(c, json=False, content=None):
    """Each story's languages: missing and out-of-date translations, drafts, scheduled."""
    _authoring("status", content, as_json=json)


@task(
    positional=["export"],
    help={
        "export": "the WordPress export (WXR), from Tools > Export > All content",
        "lang": "the language of posts without Polylang or WPML data: ar, en or fr",
        "category": "the category of posts whose WordPress categories are not ours (default: news)",
        "categories": 'more WordPress category slugs mapped to ours: "actualites=news,…"',
        "media_list": "where to list the media files to fetch (default: wordpress-media.txt "
        "beside the content folder)",
        "content": "another content folder (default: content/)",
    },
)
def import_wordpress(
    c, export, lang=None, category=None, categories=None, media_list=None, content=None
):
    """Import a WordPress export: stories, pages, translations, old URLs, a media list."""
    from newsroom import authoring, wordpress

    if content:  # a new, empty folder is a fine place to import into
        Path(content).mkdir(parents=True, exist_ok=True)
    try:
        settings = authoring.load_settings(ROOT / SETTINGS[False], content)
        options = dict(lang=lang, category=category, categories=categories, media_list=media_list)
        print(wordpress.import_wordpress(settings, export, **options))
    except authoring.AuthoringError as error:
        sys.exit(f"invoke import-wordpress: {error}")
