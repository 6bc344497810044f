"""How often each event's time, zone or status has changed: its calendar SEQUENCE.

Calendar programs keep an event they have seen and take a new version of it
only when its SEQUENCE is higher (RFC 5545). The count must grow with every
change of when the event is or whether it happens, and only then; and it
must not depend on where the build runs. So it is read from the content's
history: git's versions of each event's file (following renames), oldest
first, then the file as it is now, counting the versions whose time, zone
or status differ from the one before. Translations share one count (the
highest), as they share one UID. Without git or a history, each event is
at 0. CI checks out the whole history (fetch-depth: 0) for this.
"""

import subprocess
from pathlib import Path

from ..model.events import event_of
from ..model.frontmatter import source_of


def sequences(index, settings):
    """{slug: SEQUENCE} of every published event of the content index."""
    found = {}
    for item in index.items:
        if item.kind != "article" or "start" not in item.meta:
            continue
        count = _changes(Path(item.path).resolve(), settings["EVENT_TIMEZONE"])
        found[item.slug] = max(found.get(item.slug, 0), count)
    return found


def _changes(path, zone):
    texts = [*_history(path), path.read_text(encoding="utf-8-sig")]
    revisions = []
    for text in texts:
        meta = {key: field.value for key, field in source_of(text).fields.items()}
        try:
            event = event_of(meta, zone)
        except ValueError:
            continue  # a version that did not pass the check: never published as such
        if event is not None:
            revisions.append(event.revision)
    pairs = zip(revisions, revisions[1:], strict=False)
    return sum(1 for before, after in pairs if before != after)


def _history(path):
    """The texts of the file's committed versions, oldest first; none outside git."""
    try:
        top = Path(_git(path.parent, "rev-parse", "--show-toplevel").strip())
        log = _git(path.parent, "log", "--follow", "--format=%H", "--name-only", "--", path.name)
    except (OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired):
        return []
    # "<commit>", a blank line, "<path at that commit>", for each version, newest
    # first (content file names have no spaces: model/layout.py).
    words = log.split()
    texts = []
    for commit, name in reversed(list(zip(words[::2], words[1::2], strict=False))):
        try:
            texts.append(_git(top, "show", f"{commit}:{name}"))
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            continue
    return texts


def _git(folder, *args):
    return subprocess.run(
        ["git", "-C", str(folder), *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
