"""The checks of a Markdown body: images that exist and have alt text, no embeds.

The rules table (rules.py) runs `check_body` on every file; figures
(run/figures.py) find an image's file with the same `content_file`.
`invoke check` also runs `check_html`, the HTML allowlist on the body made
HTML; the build's reader applies it to every file it reads.
"""

import re

from . import html
from .values import URL_RE

# Markdown images: ![alt](target "title"); targets may use Pelican's {static}.
# An attribute list may follow: {.decorative} marks a decorative image (run/figures.py).
IMAGE_RE = re.compile(
    r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<target>[^)\s>]+)>?[^)]*\)(?P<attrs>\{[^}\n]*\})?"
)
DECORATIVE_RE = re.compile(r"\{[^}]*\.decorative\b")
RAW_EMBED_RE = re.compile(r"<\s*(script|iframe|object|embed)\b", re.I)
CODE_RE = re.compile(r"^(```|~~~).*?^\1[^\n]*$|`[^`\n]+`", re.M | re.S)


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


def check_html(source, settings, report):
    """What the HTML allowlist (html.py) would take from the body and the
    summary once Markdown has made them HTML, as the build's reader does.
    For `invoke check`: the build itself finds it while it reads the files."""
    import markdown

    config = settings["MARKDOWN"]
    configs = config.get("extension_configs", {})
    extensions = [*configs, *config.get("extensions", [])]
    md = markdown.Markdown(
        extensions=extensions,
        extension_configs=configs,
        output_format=config.get("output_format", "html5"),
    )
    places = [("body", source.body, source.body_line)]
    if "summary" in source.fields:
        places.append(("summary", source.fields["summary"].value, source.fields["summary"].line))
    for name, text, first_line in places:
        for where, message in html.removed(md.reset().convert(text)):
            report(name, message, html.line_of(text, first_line, where))
