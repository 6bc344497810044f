"""`invoke publish` against real targets on this machine: a bare git repository,
a local folder, and rsync over SSH to an sshd on 127.0.0.1."""

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, invoke, snapshot
from newsroom.tools.publish import record_tests_passed

ARTICLE = "content/articles/2020/aicto-and-huawei-strengthen-their-cooperation.en.md"
IGNORE = shutil.ignore_patterns(
    ".venv", ".git", "output", "output.*", "output-*", "node_modules", ".cache", "__pycache__"
)


def git(cwd, *args):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)


@pytest.fixture
def project(tmp_path):
    """A committed copy of the project whose tests have passed."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=IGNORE)
    git(copy, "init", "-q", "-b", "main")
    commit(copy, "Initial")
    return copy


def commit(project, message, tested=True):
    """Commit every change; `tested` records a passed test run on it, as `invoke test` does."""
    git(project, "add", "-A")
    git(project, "-c", "user.name=Test", "-c", "user.email=t@example.org", "commit", "-qm", message)
    if tested:
        record_tests_passed(project)


def publish(project, *args, env=None):
    return invoke("publish", *args, cwd=project, root=project, env=env)


def edit_article(project, old, new):
    article = project / ARTICLE
    article.write_text(article.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_gh_pages_branch_of_a_bare_repository_holds_the_site(project, tmp_path):
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))

    result = publish(project, "--target", "gh-pages", "--remote", remote.as_uri())

    assert result.returncode == 0, result.stderr
    checkout = tmp_path / "checkout"
    git(tmp_path, "clone", "-q", "--branch", "gh-pages", remote.as_uri(), str(checkout))
    published = snapshot(checkout)
    published.pop(".nojekyll")
    assert published == {k: v for k, v in snapshot(project / "output").items()}
    log = git(checkout, "log", "--oneline").stdout.splitlines()
    assert len(log) == 1, "the branch holds the current site only"


def test_rsync_to_a_folder_then_one_changed_story(project, tmp_path):
    destination = tmp_path / "www"
    result = publish(project, "--target", f"rsync:{destination}")
    assert result.returncode == 0, result.stderr
    first = snapshot(destination)
    assert first == snapshot(project / "output")

    (destination / "stale.html").write_text("an old page")
    edit_article(project, "Within the framework", "Within the framework indeed")
    commit(project, "Edit a story")
    result = publish(project, "--target", f"rsync:{destination}")
    assert result.returncode == 0, result.stderr

    second = snapshot(destination)
    assert second == snapshot(project / "output"), "the tree equals output/; stale files are gone"
    changed = {path for path in first.keys() | second.keys() if first.get(path) != second.get(path)}
    assert "en/news/2020/11/aicto-and-huawei-strengthen-their-cooperation/index.html" in changed
    # Only that story's page, the feeds that carry its text, and the search index.
    story_feeds = ("en/feed.json", "en/partners/huawei/feed.atom.xml")
    unexpected = {
        path
        for path in changed
        if not path.startswith(("en/news/2020/11/aicto-and-huawei", "en/feeds/", "pagefind/"))
        and path.removesuffix(".gz").removesuffix(".br") not in story_feeds
    }
    assert not unexpected


def test_a_failed_build_publishes_nothing(project, tmp_path):
    destination = tmp_path / "www"
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    assert publish(project, "--target", f"rsync:{destination}").returncode == 0
    before = snapshot(destination)
    bad = project / "content/articles/2020/broken.en.md"
    bad.write_text("Title: Broken\nDate: someday\nCategory: news\n\nBody.\n")
    commit(project, "A broken story")

    for target in (f"rsync:{destination}", "gh-pages"):
        result = publish(project, "--target", target, "--remote", remote.as_uri())
        assert result.returncode != 0
        assert "broken.en.md:2: date:" in result.stderr
    assert snapshot(destination) == before
    refs = git(remote, "for-each-ref").stdout
    assert "gh-pages" not in refs


def test_uncommitted_content_is_not_published(project, tmp_path):
    edit_article(project, "Within the framework", "Not yet committed: within the framework")
    result = publish(project, "--target", f"rsync:{tmp_path / 'www'}")
    assert result.returncode != 0
    assert "content/ has uncommitted changes" in result.stderr
    assert f"({ARTICLE})" in result.stderr  # named whole, as git status names it
    assert not (tmp_path / "www").exists()


def test_failing_tests_publish_nothing(project, tmp_path):
    shutil.rmtree(project / "tests")
    (project / "tests").mkdir()
    (project / "tests/test_fails.py").write_text("def test_fails():\n    assert 1 == 2\n")
    commit(project, "Tests that fail", tested=False)

    result = publish(project, "--target", f"rsync:{tmp_path / 'www'}")

    assert result.returncode != 0
    assert "running `invoke test` first" in result.stdout
    # It stopped where this test made it stop: lint passed, pytest ran and
    # test_fails failed; not on something else along the way.
    assert "FAILED tests/test_fails.py::test_fails - assert 1 == 2" in result.stdout, (
        result.stdout + result.stderr
    )
    last = result.stdout.splitlines()[-1]
    assert " 1 failed in " in last, last  # pytest's summary: nothing else failed
    assert not (tmp_path / "www").exists()


@pytest.fixture
def sshd(tmp_path):
    """An sshd on a free 127.0.0.1 port that accepts a key made for the test."""
    daemon = Path("/usr/sbin/sshd")
    assert daemon.exists(), "make test installs openssh-server"
    keys = tmp_path / "ssh"
    keys.mkdir()
    for name in ("host", "client"):
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(keys / name)], check=True
        )
    shutil.copy(keys / "client.pub", keys / "authorized_keys")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = keys / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {keys / 'host'}\n"
        f"AuthorizedKeysFile {keys / 'authorized_keys'}\nPidFile {keys / 'sshd.pid'}\n"
        "PasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\n"
        "StrictModes no\nPermitRootLogin prohibit-password\n"
    )
    Path("/run/sshd").mkdir(exist_ok=True)  # sshd's privilege separation folder
    server = subprocess.Popen([str(daemon), "-D", "-e", "-f", str(config)])
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "sshd did not start"
            time.sleep(0.1)
    rsh = (
        f"ssh -p {port} -i {keys / 'client'} -o StrictHostKeyChecking=no "
        "-o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR"
    )
    yield rsh
    server.terminate()
    server.wait(timeout=10)


def site_tools_only(tmp_path):
    """A venv like the one `make serve` leaves: the site's packages (this venv's,
    linked) and none of the test tools' commands in its bin/."""
    venv = tmp_path / "serve-venv"
    (venv / "bin").mkdir(parents=True)
    shutil.copy(Path(sys.prefix) / "pyvenv.cfg", venv)
    (venv / "lib").symlink_to(Path(sys.prefix) / "lib")
    (venv / "bin" / "python").symlink_to(Path(sys.executable).resolve())
    return venv / "bin" / "python"


def test_publish_without_the_test_tools_says_what_to_run(project, tmp_path):
    python = site_tools_only(tmp_path)
    (project / "docs" / "changed.md").write_text("A change the tests have not seen.\n")
    commit(project, "A commit whose tests have not run", tested=False)

    result = subprocess.run(
        [python, "-m", "invoke", "-r", project, "publish", "--target", f"rsync:{tmp_path / 'www'}"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.strip() == (
        "The test tools are missing (ruff, pytest): run `make test`, which installs "
        "them (requirements/test.lock) and runs the tests."
    )
    assert "No such file or directory" not in result.stdout + result.stderr
    assert not (tmp_path / "www").exists()


def test_rsync_over_ssh(project, tmp_path, sshd):
    destination = tmp_path / "remote-www"
    user = subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip()

    result = publish(
        project, "--target", f"rsync:{user}@127.0.0.1:{destination}", env={"RSYNC_RSH": sshd}
    )

    assert result.returncode == 0, result.stderr
    assert snapshot(destination) == snapshot(project / "output")
