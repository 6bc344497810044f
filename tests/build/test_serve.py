"""`invoke serve` (what `make serve` runs): serves the site, rebuilds, stops cleanly."""

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import ROOT, free_port
from newsroom.tools.browser import chromium

ARTICLE = "/{lang}/news/2020/11/aicto-and-huawei-strengthen-their-cooperation/"
STORY = "articles/2020/aicto-and-huawei-strengthen-their-cooperation.en.md"


def fetch(url, timeout=30):
    """The page's text once the server answers (it starts after a build)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture
def project(tmp_path):
    """A copy of the project to edit while it is served."""
    copy = tmp_path / "project"
    ignore = shutil.ignore_patterns(".venv", ".git", "output*", ".cache", "__pycache__")
    shutil.copytree(ROOT, copy, ignore=ignore)
    return copy


def test_serve_builds_serves_rebuilds_and_stops_on_ctrl_c(project, tmp_path):
    port = free_port()
    # A file, not a pipe: a pipe nobody reads until the end fills up with the
    # server's request log, and the server stops in the middle of a write.
    log = (tmp_path / "serve.log").open("w+")
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "invoke", "-r", str(project), "serve", "--port", str(port)],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # a process group of its own, as in a terminal
        # Ctrl-C as in a terminal: a shell's background job (CI may run the
        # tests as one) ignores SIGINT, and Python keeps an ignored SIGINT.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert "<main" in fetch(base + "/")
        started = time.monotonic()  # serving, so watching
        for lang in ("ar", "en", "fr"):
            assert f'lang="{lang}"' in fetch(f"{base}/{lang}/")
            page = fetch(base + ARTICLE.format(lang=lang))
            for other in {"ar", "en", "fr"} - {lang}:
                assert f'href="{ARTICLE.format(lang=other)}"' in page

        entry = base + "/pagefind/pagefind-entry.json"
        index_before = fetch(entry)
        # The page open in a browser reloads by itself after the save: the
        # development policy lets python-livereload's one inline script run.
        with chromium() as browser:
            page = browser.new_page()
            refused = []
            page.on("console", lambda m: refused.append(m.text) if "Policy" in m.text else None)
            with page.expect_websocket() as opened:
                page.goto(base + "/en/about/")
            opened.value.wait_for_event("framereceived")  # the server's hello: listening
            # python-livereload reloads nothing within 3 s of its start or of
            # its last reload (handlers.py, DEFAULT_RELOAD_TIME): an author
            # saves later than that.
            time.sleep(max(0.0, 3.5 - (time.monotonic() - started)))
            about = project / "content/pages/about.en.md"
            about.write_text(about.read_text().replace("Title: About AICTO", "Title: Edited"))
            deadline = time.monotonic() + 30
            while not page.title().startswith("Edited"):  # no navigation of ours
                assert time.monotonic() < deadline, "the open page did not reload"
                page.wait_for_timeout(300)
            assert refused == []
        deadline = time.monotonic() + 30
        # The search index follows the reload (search.Refresh): its entry
        # file names the new index.
        while fetch(entry) == index_before:
            assert time.monotonic() < deadline + 30, "the search index was not refreshed"
            time.sleep(0.3)

        # A story's body alone: rewritten by the kept runs (live.py).
        story = project / "content" / STORY
        story.write_text(story.read_text().replace("Within the framework", "Within the frame"))
        deadline = time.monotonic() + 30
        while "Within the frame of" not in fetch(base + ARTICLE.format(lang="en")):
            assert time.monotonic() < deadline, "the story was not rewritten"
            time.sleep(0.3)
    finally:
        # Ctrl-C in a terminal: SIGINT to the whole group, the kept language
        # runs included (they leave it to `invoke serve` to end them).
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            alive = subprocess.run(
                ["ps", "-o", "pid,stat,args", "-g", str(server.pid)], capture_output=True, text=True
            ).stdout
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
            log.seek(0)
            output = log.read()
            pytest.fail(f"still running 30 s after Ctrl-C:\n{alive}\n{output}")
    log.seek(0)
    output = log.read()
    assert server.returncode == 0, output
    assert f"http://127.0.0.1:{port}/" in output
    assert "Traceback" not in output
    assert "Search index refreshed" in output
    assert "Rewrote 6 files for content/articles/" in output
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(base + "/", timeout=2)


def test_serve_stops_with_the_problem_when_the_first_build_fails(project):
    story = project / "content" / STORY
    story.write_text(story.read_text().replace("Category: news", "Category: gossip"))
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "-r", str(project), "serve", "--port", str(free_port())],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert f"content/{STORY}" in result.stderr and "category" in result.stderr, result.stderr
    assert "Fix the content, then run `invoke serve` again." in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "output").exists()
