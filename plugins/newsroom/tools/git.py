"""The one way the tools ask git: a command in a folder, its output or one line."""

import os
import subprocess


class GitError(Exception):
    """git is missing or refused; the message is git's, on one line."""


def git(folder, *args):
    """Run `git *args` in `folder` and return what it printed. File names come
    as they are (no quoting of non-ASCII), and no lock is taken for reading."""
    try:
        result = subprocess.run(
            ["git", "--no-optional-locks", "-c", "core.quotePath=false", "-C", str(folder), *args],
            capture_output=True,
            text=True,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
        )
    except OSError as error:
        raise GitError(f"git: {error}") from None
    if result.returncode:
        raise GitError(f"git {' '.join(args)}: {' '.join(result.stderr.split())}")
    return result.stdout
