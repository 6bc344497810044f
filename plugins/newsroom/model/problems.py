"""How a content problem reaches an author: one line, `file:line: field: message`."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    field: str
    message: str

    def __str__(self):
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


def shown_path(path):
    """How a file is named in messages: relative to where the author stands,
    when it can be (a path as the author would type it)."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class ContentProblems(Exception):
    """Content errors found inside a language run: `lines` are whole problem
    lines (`file:line: field: message`), printed as they are."""

    def __init__(self, lines):
        super().__init__("\n".join(lines))
        self.lines = list(lines)
