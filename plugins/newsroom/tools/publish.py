"""Publishing a built site to hosts other than GitHub Pages: `invoke publish`.

Two targets:

- rsync: to `user@host:/path` over SSH (set RSYNC_RSH for ssh options), or to
  a local folder. Assets go first and HTML last, so no page ever links to an
  asset that is not there yet; files compare by checksum; stale files are
  deleted only after everything new is in place.
- gh-pages: the site becomes the only commit of a `gh-pages` branch of a git
  remote, with ghp-import.

The caller builds with the production settings first; a failed build stops
before anything here runs.
"""

import shutil
import subprocess
from contextlib import chdir
from pathlib import Path

import ghp_import

from .git import GitError, git

PASSED = Path(".cache/tests-passed")  # the commit `invoke test` last passed on
RSYNC = ["rsync", "--recursive", "--links", "--times", "--checksum", "--human-readable"]


class PublishError(Exception):
    """Publishing was refused or failed; the message says why and what to do."""


def _git(root, *args):
    """git's output as it printed it (status lines start with a space)."""
    try:
        return git(root, *args)
    except GitError as error:
        raise PublishError(str(error)) from None


def head(root):
    return _git(root, "rev-parse", "HEAD").strip()


def record_tests_passed(root):
    """`invoke test` calls this when the whole suite passed."""
    marker = Path(root) / PASSED
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(head(root) + "\n")


def tests_passed(root):
    marker = Path(root) / PASSED
    return marker.is_file() and marker.read_text().strip() == head(root)


def check_content_committed(root):
    """Refuse to publish content that is not committed: it could not be rebuilt."""
    changed = _git(root, "status", "--porcelain", "--", "content").splitlines()
    if changed:
        files = ", ".join(line[3:] for line in changed[:5])
        raise PublishError(f"content/ has uncommitted changes ({files}); commit them first")


def rsync(site, destination):
    """Copy the folder `site` to `destination` (local path or user@host:/path)."""
    if not shutil.which("rsync"):
        raise PublishError("rsync is missing: sudo apt-get install rsync")
    source = f"{site}/"
    steps = (
        [*RSYNC, "--exclude=*.html", source, destination],  # assets, feeds, index first
        [*RSYNC, "--delete-after", source, destination],  # then pages; stale files last
    )
    for step in steps:
        result = subprocess.run(step, capture_output=True, text=True)
        if result.returncode:
            raise PublishError(f"rsync to {destination} failed: {result.stderr.strip()}")


def gh_pages(root, site, remote, branch="gh-pages"):
    """Make `site` the content of `branch` and push it to `remote` (a name or URL)."""
    message = f"Publish {head(root)[:12]}"
    try:
        with chdir(root):  # ghp-import works on the repository it is run in
            ghp_import.ghp_import(
                str(site),
                mesg=message,
                remote=remote,
                branch=branch,
                push=True,
                no_history=True,  # the branch holds the current site only
                nojekyll=True,
            )
    except ghp_import.GhpError as error:
        raise PublishError(f"ghp-import: {error.message}") from None
