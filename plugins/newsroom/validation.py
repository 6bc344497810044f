"""Content checks that partners, magazine issues and stories share.

`check_item` looks at one file's front matter; `check_references` at what
files say about each other (partner slugs, issue numbers, files on disk).
Two issues cannot share a number in one language: the number is in the file
name (issue-<n>), and the scan refuses two files with one slug and language.
Both run in the scan, before any Pelican run, so a problem stops the build
with one line and leaves output/ untouched.
"""

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ISSUE_SLUG = "issue-{number}"
SUMMARY_MAX = 200  # characters: a standfirst, a meta description, a feed summary
YEAR_RE = re.compile(r"^\d{4}$")
URL_RE = re.compile(r"^https?://\S+$")
# Front-matter fields that name a file under content/ (or, for pdf, a URL).
FILE_FIELDS = {
    "article": ("image",),
    "partner": ("logo",),
    "issue": ("cover", "pdf"),
    "kit": ("file",),
}


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    field: str
    message: str

    def __str__(self):
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


def split_list(value):
    """ "huawei, itu" -> ["huawei", "itu"] (front-matter lists are comma-separated)."""
    return [item.strip() for item in value.split(",") if item.strip()]


def issue_number(text):
    """The positive integer an `Issue:` field holds, or None."""
    return int(text) if re.fullmatch(r"[1-9][0-9]*", text.strip()) else None


def check_item(kind, slug, meta, settings, report):
    """Kind-specific checks of one file's front matter; `report(field, message, line)`."""
    if "summary" in meta and len(meta["summary"].value) > SUMMARY_MAX:
        length = len(meta["summary"].value)
        report(
            "summary",
            f"{length} characters; keep it to {SUMMARY_MAX} (one or two sentences)",
            meta["summary"].line,
        )
    if "image" in meta and not (meta.get("image_alt") and meta["image_alt"].value.strip()):
        report(
            "image_alt",
            'missing; add a line "Image_alt: …" describing the image',
            meta["image"].line,
        )
    if kind == "partner":
        check_kind(meta, settings["PARTNER_KINDS"], "partner", report)
        if "since" in meta and not YEAR_RE.match(meta["since"].value):
            report(
                "since",
                f'"{meta["since"].value}" is not a year; write it as YYYY',
                meta["since"].line,
            )
        if "website" in meta and not URL_RE.match(meta["website"].value):
            report(
                "website",
                f'"{meta["website"].value}" is not a web address; '
                "write it in full, starting with https://",
                meta["website"].line,
            )
    if kind == "issue" and "issue" in meta and meta["issue"].value:
        number = issue_number(meta["issue"].value)
        if number is None:
            report(
                "issue",
                f'"{meta["issue"].value}" is not a positive whole number; '
                "write the issue's number, e.g. 1",
                meta["issue"].line,
            )
        elif slug != ISSUE_SLUG.format(number=number):
            report(
                "issue",
                f"issue {number} belongs in a file named "
                f"{ISSUE_SLUG.format(number=number)}.<lang>.md",
                meta["issue"].line,
            )
    if kind == "article" and "magazine" in meta and issue_number(meta["magazine"].value) is None:
        report(
            "magazine",
            f'"{meta["magazine"].value}" is not an issue number; '
            "write the number of the Smart Magazine issue, e.g. 1",
            meta["magazine"].line,
        )


def check_kind(meta, kinds, what, report):
    """`Kind:`, when given, is one of `kinds` (of a partner, of a press kit item)."""
    if "kind" in meta and meta["kind"].value not in kinds:
        value = meta["kind"].value
        report(
            "kind",
            f'"{value}" is not a kind of {what}; use one of: {", ".join(kinds)}',
            meta["kind"].line,
        )


# Markdown images: ![alt](target "title"); targets may use Pelican's {static}.
# An attribute list may follow: {.decorative} marks a decorative image (figures.py).
IMAGE_RE = re.compile(
    r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<target>[^)\s>]+)>?[^)]*\)(?P<attrs>\{[^}\n]*\})?"
)
DECORATIVE_RE = re.compile(r"\{[^}]*\.decorative\b")
RAW_EMBED_RE = re.compile(r"<\s*(script|iframe|object|embed)\b", re.I)
CODE_RE = re.compile(r"^(```|~~~).*?^\1[^\n]*$|`[^`\n]+`", re.M | re.S)


TRANSLATE_MARK = "[translate]"  # what `invoke translate` leaves for the translator


def check_finished(source, report):
    """A published file holds no translator's marker: it would reach readers."""
    for name, field in source.fields.items():
        if TRANSLATE_MARK in field.value:
            report(
                name,
                f"still says {TRANSLATE_MARK}: finish the translation, "
                "or keep Status: draft until it is done",
                field.line,
            )
            return


def check_body(source, path, content, report, images=None):
    """Images that exist and have alt text; no raw script or embeds. The image
    files found are added to `images` (paths relative to content/)."""
    body = CODE_RE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), source.body)

    def line_of(position):
        return source.body_line + body.count("\n", 0, position)

    for image in IMAGE_RE.finditer(body):
        target, line = image["target"], line_of(image.start())
        decorative = DECORATIVE_RE.match(image["attrs"] or "")
        if not image["alt"].strip() and not decorative:
            report(
                "image",
                f"{target} has no alt text; describe the image between the brackets: "
                "![what it shows](…), or mark a purely decorative image with "
                "![](…){.decorative}",
                line,
            )
        if URL_RE.match(target):
            report(
                "image",
                f"{target} is on another site; put the file under content/images/ "
                "and link it as {static}/images/…",
                line,
            )
            continue
        if not target.startswith(("{", "|", "/")):
            report(
                "image",
                f"{target}: link images as {{static}}/…, e.g. "
                "{static}/images/photo.jpg for content/images/photo.jpg, so the file is "
                "copied with the site",
                line,
            )
            continue
        file = content_file(target, path, content)
        if file is not None and file.is_file():
            try:
                relative = file.resolve().relative_to(content.resolve()).as_posix()
            except ValueError:
                report("image", f"{target} is outside content/; put it under content/images/", line)
                continue
            if images is not None:
                images.add(relative)
        if file is not None and not file.is_file():
            report(
                "image",
                f"{target} is not a file; check the path "
                "(e.g. {static}/images/photo.jpg for content/images/photo.jpg)",
                line,
            )
    for embed in RAW_EMBED_RE.finditer(body):
        report(
            "body",
            f"<{embed[1].lower()}> is not allowed in a story: it runs code or loads "
            "another site; link to the video or page instead, or add an image with a link",
            line_of(embed.start()),
        )


def content_file(target, path, content):
    """The content file an image target names, or None for what is not ours."""
    target = target.split("#")[0].split("?")[0]
    for prefix in ("{static}", "{attach}", "{filename}", "|static|", "|attach|", "|filename|"):
        if target.startswith(prefix):
            target = target[len(prefix) :]
            break
    if target.startswith("/"):
        return content / target.lstrip("/")
    return path.parent / target


def check_references(index, settings):
    """Checks across files; adds Problems and warnings (strings) to `index`."""
    content = Path(settings["PATH"])
    by_kind = defaultdict(list)
    for item in index.items:
        by_kind[item.kind].append(item)
    # Every partner file counts, even one with problems of its own: naming
    # it is not an error on top of those.
    partners = sorted(index.slugs["partner"])
    issues = {issue_number(item.meta["issue"].value) for item in by_kind["issue"]}

    def report(item, name, message):
        index.problems.append(Problem(item.path, item.meta[name].line, name, message))

    for item in by_kind["article"] + by_kind["issue"]:
        name = "partners" if item.kind == "article" else "contributors"
        if name in item.meta:
            for slug in split_list(item.meta[name].value):
                if slug not in partners:
                    report(item, name, unknown_partner(slug, partners))
    for item in by_kind["article"]:
        if "magazine" in item.meta and issue_number(item.meta["magazine"].value) not in issues:
            number = item.meta["magazine"].value
            report(
                item,
                "magazine",
                f"there is no Smart Magazine issue {number}; "
                "add content/magazine/issue-<n>.<lang>.md or fix the number",
            )
    for item in index.items:
        for name in FILE_FIELDS.get(item.kind, ()):
            value = item.meta[name].value if name in item.meta else ""
            is_url = name == "pdf" and URL_RE.match(value)
            if value and not is_url and not (content / value).is_file():
                report(
                    item,
                    name,
                    f'"{value}" is not a file under content/; '
                    "check the path (it is relative to content/)",
                )
    _warn_untranslated(index, by_kind, settings["X_DEFAULT_LANG"])


def unknown_partner(slug, partners):
    message = f'"{slug}" is not a partner'
    nearest = difflib.get_close_matches(slug, partners, n=1)
    if nearest:
        return f'{message}; did you mean "{nearest[0]}"?'
    return f"{message}; add content/partners/{slug}.<lang>.md or fix the slug"


def _warn_untranslated(index, by_kind, default):
    """Partners and issues without a version in the default language."""
    for kind in ("partner", "issue"):
        in_default = {item.slug for item in by_kind[kind] if item.lang == default}
        for item in by_kind[kind]:
            if item.slug not in in_default:
                index.warnings.append(
                    f"{item.path}:1: warning: no {default} version of this {kind} "
                    f"(content/…/{item.slug}.{default}.md)"
                )
