"""Shared helpers: build real sites with the real engine and read them back."""

import hashlib
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from newsroom.build import build
from newsroom.tools.browser import chromium, read_headers, serve

ROOT = Path(__file__).resolve().parents[1]
SITES = Path(__file__).parent / "sites"
SETTINGS = ROOT / "pelicanconf.py"
THEME = ROOT / "theme"
SITEURL = "http://127.0.0.1:8000"
LANGS = ("ar", "en", "fr")


def build_site(output, content=None, **settings):
    """Build `content` (default: the real content/) into `output`; return it."""
    overrides = {"PATH": str(content)} if content else {}
    return build(str(SETTINGS), output=output, overrides={**overrides, **settings})


def invoke(*args, cwd=ROOT, root=ROOT, env=None):
    """Run an Invoke task as an author would, from the project's venv."""
    env = {**os.environ, "SITEURL": SITEURL, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "invoke", "-r", str(root), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def free_port():
    """A TCP port free on 127.0.0.1 now, for a server a test starts."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def text(node):
    """Visible text, whitespace (typogrify's no-break spaces too) collapsed."""
    return " ".join(node.get_text().split())


def snapshot(folder):
    """Every file's path and digest under `folder` (git's own files aside), to
    compare trees byte for byte."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(folder).parts
    }


def build_refuses(content, output, relative, data):
    """Write `data` (text or bytes) to content/`relative`, build with the CLI and
    check the refusal every bad input gets: non-zero exit, no traceback, one
    line naming the file, `output` byte-identical, no staging folder left.
    Returns that line."""
    bad = content / relative
    bad.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        bad.write_bytes(data)
    else:
        bad.write_text(data, encoding="utf-8")
    before = snapshot(output)

    result = invoke("build", "--content", str(content), "--output", str(output))

    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    problems = [line for line in result.stderr.splitlines() if str(bad) in line]
    assert len(problems) == 1, result.stderr
    assert problems[0].startswith(f"{bad}:"), problems[0]
    assert snapshot(output) == before
    assert not list(output.parent.glob("output.*")), "no staging folder is left behind"
    return problems[0]


def build_copy(fixture, root):
    """Copy the fixture site `fixture` into `root`/content and build it there
    with the CLI; return (content, output)."""
    content, output = root / "content", root / "output"
    shutil.copytree(fixture, content)
    result = invoke("build", "--content", str(content), "--output", str(output))
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr.lower(), result.stderr
    return content, output


def fresh_copy(built, root):
    """A copy of a built (content, output) in `root`, for a test to change."""
    content, output = root / "content", root / "output"
    shutil.copytree(built[0], content)
    shutil.copytree(built[1], output, symlinks=True)
    return content, output


class Site:
    """A built site on disk, read through URL paths."""

    def __init__(self, root):
        self.root = Path(root)

    def file(self, url):
        """The file a static host serves for `url` (absolute or root-relative)."""
        path = unquote(urlsplit(url).path)
        if url.startswith(SITEURL):
            path = unquote(urlsplit(url[len(SITEURL) :]).path)
        target = self.root / path.lstrip("/")
        return target / "index.html" if path.endswith("/") or target.is_dir() else target

    def exists(self, url):
        return self.file(url).is_file()

    def soup(self, url):
        assert self.exists(url), f"{url} was not built"
        return BeautifulSoup(self.file(url).read_text(encoding="utf-8"), "html.parser")

    def html_pages(self):
        """The site's own pages: not the web editor's (/admin/), which has a
        policy of its own (tests/build/test_admin.py, tests/site/test_editor.py)."""
        return sorted(
            path
            for path in self.root.rglob("*.html")
            if path.parts[len(self.root.parts)] != "admin"
        )


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The real content/, built once for the whole session."""
    return Site(build_site(tmp_path_factory.mktemp("real") / "output"))


@pytest.fixture(scope="session")
def fixture_sites(tmp_path_factory):
    """Build a fixture site from tests/sites/<name>/ once; cached by name."""
    built = {}

    def get(name, **settings):
        key = (name, *sorted(settings.items()))
        if key not in built:
            output = tmp_path_factory.mktemp(name) / "output"
            built[key] = Site(build_site(output, SITES / name, **settings))
        return built[key]

    return get


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium under Playwright, one per test module."""
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def base_url(site):
    """The real site served on localhost with the headers of its `_headers` file."""
    with serve(site.root, headers=read_headers(site.root / "_headers")) as url:
        yield url
