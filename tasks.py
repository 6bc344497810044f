"""Project tasks (Invoke). The Makefile bootstraps .venv and calls these.

invoke build [--publish]   build the site into output/
invoke serve               build, serve http://127.0.0.1:8000/, rebuild on change
invoke check               check every content file's front matter
invoke i18n                extract the theme's UI strings, update catalogs
invoke test                the test suite (what CI runs)
invoke clean               remove output/ and caches
"""

import os
import shutil
import sys
from pathlib import Path

from invoke import task

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
    """Check every content file's front matter without building."""
    from pelican.settings import read_settings

    from newsroom.content_index import scan

    overrides = {"PATH": str(Path(content).resolve())} if content else {}
    index = scan(read_settings(str(ROOT / SETTINGS[False]), override=overrides))
    for problem in index.problems:
        print(problem, file=sys.stderr)
    if index.problems:
        sys.exit(1)
    print(f"{index.files} content files checked, no problems.")


@task(help={"port": f"port to listen on (default {PORT})"})
def serve(c, port=PORT):
    """Build, then serve on http://127.0.0.1:8000/ and rebuild on every change."""
    from livereload import Server

    from newsroom.build import BuildError, build

    output = _build()

    def rebuild():
        try:
            build(str(ROOT / SETTINGS[False]))
        except BuildError as error:  # keep serving the last good site
            print(error, file=sys.stderr)

    def restart():
        # Language runs are forked from this process, so they would keep
        # running the plugin code it imported: start afresh instead.
        print("Code or settings changed: restarting.", file=sys.stderr, flush=True)
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


@task
def test(c):
    """Lint, then run the whole test suite."""
    c.run(f"{BIN}/ruff check .")
    c.run(f"{BIN}/ruff format --check .")
    c.run(f"{sys.executable} -m pytest")


@task
def i18n(c):
    """Extract the theme's UI strings and update the ar and fr catalogs."""
    pot = "theme/translations/messages.pot"
    (ROOT / "theme/translations").mkdir(exist_ok=True)
    options = "--no-location --omit-header -k in_language:2 -F babel.cfg"
    c.run(f"{BIN}/pybabel extract {options} -o {pot} .")
    for lang in ("ar", "fr"):
        po = ROOT / "theme/translations" / lang / "LC_MESSAGES/messages.po"
        verb = "update --no-fuzzy-matching" if po.exists() else "init"
        c.run(f"{BIN}/pybabel {verb} -i {pot} -d theme/translations -l {lang}")


@task
def clean(c):
    """Remove the built site and the caches."""
    for path in ("output", ".cache", ".pytest_cache"):
        shutil.rmtree(ROOT / path, ignore_errors=True)
