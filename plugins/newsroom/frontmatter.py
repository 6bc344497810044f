"""Read the front matter of a Markdown file cheaply, with line numbers.

The rules are Python-Markdown's `meta` extension's (the one Pelican's
Markdown reader uses), so what we read here is what Pelican reads later:
`Key: value` lines at the top, indented continuation lines, an optional
`---` fence, and the first blank line ends the block. Keys are lower-cased.
"""

import re
from dataclasses import dataclass

# The same patterns as markdown.extensions.meta.
META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
META_MORE_RE = re.compile(r"^[ ]{4,}(?P<value>.*)")
BEGIN_RE = re.compile(r"^-{3}(\s.*)?")
END_RE = re.compile(r"^(-{3}|\.{3})(\s.*)?")


@dataclass(frozen=True)
class Field:
    value: str
    line: int  # 1-based line number of the key in the file


def read_front_matter(path):
    """Return {key: Field} for the file at `path`; the body is not read."""
    fields = {}
    key = None
    with open(path, encoding="utf-8-sig") as f:
        for number, raw in enumerate(f, start=1):
            line = raw.rstrip("\r\n")
            if number == 1 and BEGIN_RE.match(line):
                continue
            if not line.strip() or END_RE.match(line):
                break
            if m := META_RE.match(line):
                key = m.group("key").lower()
                fields[key] = Field(m.group("value").strip(), number)
            elif key and (m := META_MORE_RE.match(line)):
                previous = fields[key]
                fields[key] = Field(f"{previous.value}\n{m.group('value').strip()}", previous.line)
            else:
                break  # Python-Markdown hands the rest to the body
    return fields
