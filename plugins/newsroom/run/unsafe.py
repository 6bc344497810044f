"""What the HTML allowlist took from a story is a content error, found in the run.

The reader cleans every body and summary as it reads it (reader.py,
model/html.py) and records what was taken away in `html_removed`, which
Pelican's reader cache keeps with the content: a file read from the cache
reports it again. `collect` (signal content_object_init) gathers it from
every file the run reads; `report` (all_generators_finalized, before
anything is written) stops the run with every line, and the build prints
them as the scan prints its own. A draft's are warnings: a draft never stops
the published site from building, and its preview shows the cleaned text.
"""

import sys

from ..model.problems import ContentProblems

DRAFT_NOTE = "(a draft: its preview leaves this out; fix it before publishing)"
_found = []  # this run's lines (each language runs in its own process)


def collect(content):
    """Signal content_object_init."""
    removed = content.metadata.get("html_removed", ())
    if content.status == "draft":
        for line in removed:
            print(f"{line} {DRAFT_NOTE}", file=sys.stderr)
    else:
        _found.extend(removed)


def report(generators):
    """Signal all_generators_finalized."""
    if _found:
        lines = sorted(dict.fromkeys(_found))
        _found.clear()
        raise ContentProblems(lines)
