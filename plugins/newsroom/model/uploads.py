"""The files under content/ that are not Markdown: only images and documents.

Anything the build may copy to the site (images, press-kit files, PDFs, a
featured image anywhere under content/) is served from the site's own
origin, where a script runs as the site. So only the types in
filetypes.PUBLISHED may be there, and an SVG, which can carry script, is
read first: no script, no event handler, no foreign object, no reference
to anything outside the file itself.
"""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from .files import walk
from .filetypes import PUBLISHED, suffix
from .problems import Problem, shown_path

# What an SVG may not hold: elements that run script, embed HTML or other
# documents, or animate an attribute into a link.
SVG_FORBIDDEN = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
ANIMATIONS = {"set", "animate", "animatemotion", "animatetransform"}
LINK_ATTRIBUTES = {"href", "src"}  # xlink:href is href in the xlink namespace
CSS_URL_RE = re.compile(r"url\(\s*['\"]?\s*(?!#)|@import", re.I)
FIX = "export the SVG again without it (a plain drawing), or use a PNG"


def check(settings):
    """Problems of every file under content/ that is not Markdown."""
    content = Path(settings["PATH"])
    problems = []
    for path in walk(content):
        relative = path.relative_to(content)
        if path.suffix == ".md" or any(part.startswith(".") for part in relative.parts):
            continue  # Markdown is the scan's; Pelican ignores hidden files (IGNORE_FILES)
        shown = shown_path(path)
        if relative.parts[0] == settings["MADE_IMAGES_DIR"]:
            folder = settings["MADE_IMAGES_DIR"]
            message = (
                f"content/{folder}/ is where the build puts the images it makes (renditions, "
                "social cards); move the file to content/images/"
            )
            problems.append(Problem(shown, 1, "file", message))
        elif suffix(path.name) not in PUBLISHED:
            kinds = "images (PNG, JPEG, WebP, AVIF, GIF, SVG) and documents (PDF, office files)"
            message = (
                f"{suffix(path.name) or 'a file without an extension'} files are not published: "
                f"only {kinds}; remove it, or link to where it is published"
            )
            problems.append(Problem(shown, 1, "file", message))
        elif suffix(path.name) == ".svg":
            problems += [Problem(shown, line, "svg", why) for line, why in svg_problems(path)]
    return problems


def svg_problems(path):
    """[(line, what is wrong)] of the SVG file at `path`."""
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.I):
        return [(_line(text, "<!"), f"a DOCTYPE or ENTITY declaration is not allowed; {FIX}")]
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        return [(error.position[0], f"this is not a readable SVG file ({error})")]
    found = {}  # message -> the text that shows where it is

    for element in root.iter():
        name = _local(element.tag)
        if name in SVG_FORBIDDEN:
            found[f"<{name}> is not allowed (it runs script or embeds a page); {FIX}"] = f"<{name}"
        for attribute, value in element.attrib.items():
            key = _local(attribute)
            if key.startswith("on"):
                found[f"the event handler {key} runs script; {FIX}"] = key
            elif key in LINK_ATTRIBUTES and not value.strip().startswith("#"):
                found[f'{key}="{value[:40]}" refers to another file or site; {FIX}'] = value
            elif key == "attributename" and name in ANIMATIONS and _local(value) in LINK_ATTRIBUTES:
                found[f"<{name}> may not animate {value}; {FIX}"] = f"<{name}"
            elif key == "style" and CSS_URL_RE.search(value):
                found[f"a style refers to another file or site; {FIX}"] = "style"
        if name == "style" and CSS_URL_RE.search(element.text or ""):
            found[f"a <style> refers to another file or site; {FIX}"] = "<style"
    return [(_line(text, needle), message) for message, needle in found.items()]


def _local(name):
    """An XML name without its namespace, lower-cased: {…}href -> href."""
    return name.rsplit("}", 1)[-1].lower()


def _line(text, needle):
    """The line of the first `needle` in `text` (case-insensitive), else 1."""
    at = text.lower().find(needle.lower())
    return text.count("\n", 0, at) + 1 if at >= 0 else 1
