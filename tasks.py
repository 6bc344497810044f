"""Project tasks (Invoke): thin wrappers. The Makefile bootstraps .venv and
calls these; each parses its options and calls the plugin package
(plugins/newsroom/), where the logic lives and is tested.

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
invoke nginx-config        an nginx server block sending the site's headers
invoke clean               remove output/ and caches
"""

import contextlib
import os
import shutil
import sys
from pathlib import Path

from invoke import Collection, task

ROOT = Path(__file__).parent
sys.path.insert(0, str(ROOT / "plugins"))

BIN = Path(sys.executable).parent  # the venv's tools, whatever PATH says
SETTINGS = {False: "pelicanconf.py", True: "publishconf.py"}
HOST, PORT = "127.0.0.1", 8000


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
    """Check every content file (front matter, and what its body would show) without building."""
    from pelican.settings import read_settings

    from newsroom.model.scan import scan

    overrides = {"PATH": str(Path(content).resolve())} if content else {}
    index = scan(read_settings(str(ROOT / SETTINGS[False]), override=overrides), bodies=True)
    for line in (*index.warnings, *index.problems):
        print(line, file=sys.stderr)
    if index.problems:
        sys.exit(1)
    print(f"{index.files} content files checked, no problems.")


@task(
    name="check-site",
    help={
        "changed": "check only the pages this build rendered anew (the rest passed before)",
        "publish": "use publishconf.py (production settings), as CI does",
        "content": "another content folder (default: content/)",
        "output": "the site to build and check (default: output/)",
    },
)
def check_site(c, changed=False, publish=False, content=None, output=None):
    """Build, then the gates a content change must pass to be published: links,
    the Nu Html Checker, axe, feeds and sitemaps; output/ is kept as it was if one fails."""
    from newsroom.tools.site_gates import GateError, check_site

    overrides = {"PATH": str(Path(content).resolve())} if content else {}
    folder = output or ROOT / "output"
    try:
        print(check_site(str(ROOT / SETTINGS[publish]), folder, overrides, changed=changed))
    except GateError as error:
        for line in error.args:
            print(line, file=sys.stderr)
        sys.exit(f"check-site: {len(error.args)} failed; {folder} was left as it was.")


@task(name="ci-path")
def ci_path(c):
    """CI: "content" when every file changed since $BEFORE (the commit CI built
    last) is under content/, else "code"; written to $GITHUB_OUTPUT as path=…"""
    from newsroom.tools.git import GitError, git

    before = os.environ.get("BEFORE", "").strip()
    path = "code"
    if before.strip("0"):  # GitHub gives forty zeros for a new branch
        try:
            changed = git(ROOT, "diff", "--name-only", before, "HEAD").split()
            path = "content" if all(name.startswith("content/") for name in changed) else "code"
        except GitError:
            path = "code"  # not in this history (a force-push, a shallow clone)
    print(f"path={path}")
    if os.environ.get("GITHUB_OUTPUT"):
        with open(os.environ["GITHUB_OUTPUT"], "a", encoding="utf-8") as out:
            out.write(f"path={path}\n")


@task(help={"port": f"port to listen on (default {PORT})"})
def serve(c, port=PORT):
    """Build, then serve on http://127.0.0.1:8000/ and rebuild on every change."""
    from livereload import Server

    from newsroom.build import BuildError, admin_proxy
    from newsroom.build.session import Session

    # The session keeps one Pelican run per language alive: a story whose
    # body alone changed is rewritten in well under a second. The page
    # reloads as soon as its HTML is written; the search index follows a few
    # seconds later, unless a newer edit comes first (build/session.py).
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
        with admin_proxy.running(session.settings, ROOT):  # /admin/ edits this checkout
            server.serve(host=HOST, port=port, root=str(output), open_url_delay=None)
    except KeyboardInterrupt:
        print("\nStopped.")
    finally:
        session.stop()


@task
def screenshots(c, editor=False):
    """Build, then screenshot home, an article and a listing in Chromium
    (output-screenshots/); with --editor, the web editor for docs/authoring.md
    (docs/images/editor-*.png)."""
    try:
        from newsroom.tools import editor_screenshots
        from newsroom.tools.browser import take
    except ModuleNotFoundError as error:
        sys.exit(f"{error}: run `make test` once to install the test tools.")

    output = _build()
    try:
        if editor:
            from pelican.settings import read_settings

            settings = read_settings(str(ROOT / SETTINGS[False]))
            paths = editor_screenshots.take(output, settings, ROOT, ROOT / "docs" / "images")
        else:
            paths = take(output, ROOT / "output-screenshots")
    except FileNotFoundError as error:  # no Chromium
        sys.exit(str(error))
    for path in paths:
        print(path.relative_to(ROOT))


@task
def lighthouse(c):
    """Build, then score home and article pages (ar, en) with Lighthouse, mobile."""
    from newsroom.tools.lighthouse import CATEGORIES, audit

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
    """Time plain Pelican, our build (cold, warm, edits, 2N, CLI after an edit) and Hugo."""
    from newsroom.tools import bench as harness

    if profile:
        print(harness.profile(articles, lang=profile, seed=seed))
        return
    results = harness.run(articles, runs, ROOT / json, seed=seed)
    print(harness.table(results))
    print(f"Results: {ROOT / json}")


@task
def test(c):
    """Lint, then run the whole test suite."""
    from newsroom.tools.publish import PublishError, record_tests_passed

    # `make serve` installs the site's tools, not the test tools: say what to run.
    missing = [tool for tool in ("ruff", "pytest") if not (BIN / tool).exists()]
    if missing:
        sys.exit(
            f"The test tools are missing ({', '.join(missing)}): run `make test`, which "
            "installs them (requirements/test.lock) and runs the tests."
        )
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
    from newsroom.tools.publish import (
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
def fonts(c, output=None, cards=None):
    """Regenerate the Arabic web font subsets (woff2), the social cards' font (TrueType)
    and their OFL.txt from Debian's fonts."""
    from newsroom.tools import fonts as made

    try:
        paths = made.make(output or made.WEB_FONTS, cards or made.CARD_FONTS)
    except made.FontsError as error:
        sys.exit(str(error))
    for path in paths:
        print(f"{path}: {path.stat().st_size / 1024:.1f} KB")
    print(f"unicode-range: {made.ARABIC_UNICODES};")


@task(
    help={
        "root": "the folder nginx serves (default: /var/www/newsroom)",
        "server_name": "the host name (default: SITEURL's)",
        "listen": "what nginx listens on (default: 80)",
        "dev": "from pelicanconf.py instead of publishconf.py",
    }
)
def nginx_config(c, root="/var/www/newsroom", server_name=None, listen="80", dev=False):
    """Print an nginx server block that sends the site's headers (docs/nginx.conf)."""
    from pelican.settings import read_settings

    from newsroom.tools import nginx

    name = SETTINGS[not dev]
    settings = read_settings(str(ROOT / name))
    options = dict(root=root, server_name=server_name, listen=listen)
    print(nginx.config(settings, name, **options), end="")


@task
def clean(c):
    """Remove the built site and the caches."""
    for path in ("output", ".cache", ".pytest_cache"):
        shutil.rmtree(ROOT / path, ignore_errors=True)


# Authoring: plugins/newsroom/tools/ does the work; errors are one line.


def _asked_for_help(c, task, value):
    """Invoke hands `--help` after a task that takes a positional argument to
    that argument (`invoke new --help` would make a story titled "--help"):
    show the task's help instead."""
    if value not in ("--help", "-h"):
        return False
    c.run(f"{sys.executable} -m invoke -r {ROOT} --help {task}")
    return True


def _authoring(command, content, **options):
    """Run an authoring command on `content` (default: content/) and print what it returns."""
    from newsroom.tools import authoring, status

    commands = {"new": authoring.new, "translate": authoring.translate, "status": status.status}
    try:
        settings = authoring.load_settings(ROOT / SETTINGS[False], content)
        print(commands[command](settings, **options))
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
    if _asked_for_help(c, "new", title):
        return
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
    if _asked_for_help(c, "translate", file):
        return
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
        "media_from": "a copy of the old site's wp-content/uploads folder: copy each file the "
        "posts show from it",
        "fetch_media": "download each file the posts show that is still missing, from the old site",
        "content": "another content folder (default: content/)",
    },
)
def import_wordpress(
    c,
    export,
    lang=None,
    category=None,
    categories=None,
    media_list=None,
    media_from=None,
    fetch_media=False,
    content=None,
):
    """Import a WordPress export: stories, pages, translations, old URLs, media."""
    if _asked_for_help(c, "import-wordpress", export):
        return
    from newsroom.tools import authoring, wordpress

    if content:  # a new, empty folder is a fine place to import into
        Path(content).mkdir(parents=True, exist_ok=True)
    try:
        settings = authoring.load_settings(ROOT / SETTINGS[False], content)
        options = dict(lang=lang, category=category, categories=categories, media_list=media_list)
        options.update(media_from=media_from, fetch_media=fetch_media)
        print(wordpress.import_wordpress(settings, export, **options))
    except authoring.AuthoringError as error:
        sys.exit(f"invoke import-wordpress: {error}")


# The newsletter: plugins/newsroom/tools/newsletter.py; errors are one line.
# Its commands are a collection of their own: invoke newsletter.new | .render | .send
# (Invoke has no optional positional argument, so one task cannot take both
# `new --lang L` and `render N`).


def _newsletter(action, content, publish, **options):
    from newsroom.tools import authoring
    from newsroom.tools import newsletter as editions

    try:
        # The email links to the published site: production settings (SITEURL).
        settings = authoring.load_settings(ROOT / SETTINGS[publish], content)
        if action == "render":
            folder = options.pop("output") or ROOT / settings["NEWSLETTER_RENDER_DIR"]
            settings["NEWSLETTER_RENDER_DIR"] = str(folder)
        print(getattr(editions, action)(settings, **options))
    except authoring.AuthoringError as error:
        sys.exit(f"invoke newsletter.{action}: {error}")


def _newsletter_collection():
    """invoke newsletter.new | .render | .send (tasks inside a function, so that
    Collection.from_module does not take them in as top-level tasks too)."""

    @task(
        help={
            "lang": "the edition's language: ar, en or fr",
            "like": "make edition N in --lang, with its stories that exist in that language",
            "content": "another content folder (default: content/)",
        },
    )
    def new(c, lang=None, like=None, content=None):
        """Write the next edition, content/newsletter/<n>.<lang>.md: the stories since the last."""
        _newsletter("new", content, False, lang=lang, like=like, preview=f"http://{HOST}:{PORT}")

    @task(
        positional=["number"],
        help={
            "number": "the edition's number",
            "lang": "one language only (default: every language the edition is in)",
            "output": "the folder to write into (default: output-newsletter/)",
            "content": "another content folder (default: content/)",
        },
    )
    def render(c, number, lang=None, output=None, content=None):
        """Write edition N's email to look at: output-newsletter/<n>/<lang>.html, .txt, .eml."""
        if _asked_for_help(c, "newsletter.render", number):
            return
        _newsletter("render", content, True, number=number, lang=lang, output=output)

    @task(
        positional=["number"],
        help={
            "number": "the edition's number",
            "lang": "the edition's language: its list gets it (NEWSLETTER_TO_<LANG>)",
            "to": "a test copy to this address only (the edition is not marked sent)",
            "again": "an edition already sent, once more",
            "content": "another content folder (default: content/)",
        },
    )
    def send(c, number, lang=None, to=None, again=False, content=None):
        """Send edition N over SMTP to the language's list (NEWSLETTER_* in the environment)."""
        if _asked_for_help(c, "newsletter.send", number):
            return
        _newsletter("send", content, True, number=number, lang=lang, to=to, again=again)

    return Collection("newsletter", new, render, send)


# The tasks above, and the newsletter's under its own name.
ns = Collection.from_module(sys.modules[__name__])
ns.add_collection(_newsletter_collection())
