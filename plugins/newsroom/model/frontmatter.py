"""Read the front matter of a Markdown file cheaply, with line numbers.

The rules are Python-Markdown's `meta` extension's (the one Pelican's
Markdown reader uses), so what we read here is what Pelican reads later:
`Key: value` lines at the top, indented continuation lines, an optional
`---` fence, and the first blank line ends the block. Keys are lower-cased.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

# The same patterns as markdown.extensions.meta.
META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
META_MORE_RE = re.compile(r"^[ ]{4,}(?P<value>.*)")
BEGIN_RE = re.compile(r"^-{3}(\s.*)?")
END_RE = re.compile(r"^(-{3}|\.{3})(\s.*)?")


@dataclass(frozen=True)
class Field:
    value: str
    line: int  # 1-based line number of the key in the file


@dataclass
class Source:
    """A Markdown file split as Python-Markdown splits it."""

    fields: dict  # key -> Field (the first, when a key is given twice)
    body: str
    body_line: int  # the body's first line number
    stray_line: int | None = None  # a line inside the front matter that is no `Key: value`
    repeated: list = field(default_factory=list)  # (key, line, first line) of keys given again


class BinaryFile(ValueError):
    """The file holds NUL bytes: it is not text."""


def read_source(path):
    """Read the file at `path` (UTF-8; UnicodeDecodeError if it is not)."""
    data = Path(path).read_bytes()
    if b"\x00" in data:  # before decoding: binary data is rarely valid UTF-8 anyway
        raise BinaryFile(path)
    return source_of(data.decode("utf-8-sig"))


def source_of(text):
    """The Source of a Markdown file's text (an older version from git, say)."""
    lines = text.splitlines()
    fields, key, stray, repeated = {}, None, None, []
    number = 0
    for number, line in enumerate(lines, start=1):
        if number == 1 and BEGIN_RE.match(line):
            continue
        if not line.strip() or END_RE.match(line):
            break
        if m := META_RE.match(line):
            key = m.group("key").lower()
            if key in fields:  # Python-Markdown keeps both, Pelican one: refused (rules.py)
                repeated.append((key, number, fields[key].line))
                key = None  # its continuation lines belong to the repeat
                continue
            fields[key] = Field(m.group("value").strip(), number)
        elif key is None and fields and META_MORE_RE.match(line):
            continue  # a continuation of a repeated key
        elif key and (m := META_MORE_RE.match(line)):
            previous = fields[key]
            fields[key] = Field(f"{previous.value}\n{m.group('value').strip()}", previous.line)
        else:
            # Python-Markdown hands the rest to the body; after a key, that is
            # almost always a front-matter line that lost its colon.
            stray = number if fields else None
            number -= 1
            break
    else:
        number = len(lines)
    return Source(fields, "\n".join(lines[number:]), number + 1, stray, repeated)


def read_front_matter(path):
    """Return {key: Field} for the file at `path`."""
    return read_source(path).fields
