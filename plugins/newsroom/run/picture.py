"""The <picture> markup of an image with renditions.

The build makes each image's renditions before the runs (build/media.py)
and hands every run their manifest (NEWSROOM_IMAGES): for each image, its
size, its fallback format and its rendition names. Figures (figures.py)
and templates (templating.py's `picture`) turn an entry into markup here.
"""

from xml.etree import ElementTree

from ..model.filetypes import MEDIA_TYPES, MODERN


def picture(entry, alt, sizes, site_path, lead=False):
    """A <picture> element (ElementTree) for a manifest entry: modern formats
    first, the fallback in <img> with width and height (no layout shift).
    Only the lead image loads eagerly, at high priority."""
    element = ElementTree.Element("picture")
    for kind in MODERN:
        ElementTree.SubElement(
            element,
            "source",
            type=MEDIA_TYPES[kind],
            srcset=_srcset(entry["srcset"][kind], site_path),
            sizes=sizes,
        )
    fallback = entry["srcset"][entry["fallback"]]
    # src: the rendition nearest 800 px, for browsers that ignore srcset
    src = min(fallback, key=lambda candidate: abs(candidate[0] - 800))[1]
    img = ElementTree.SubElement(element, "img", src=f"{site_path}/{src}")
    img.set("srcset", _srcset(fallback, site_path))
    img.set("sizes", sizes)
    img.set("width", str(entry["width"]))
    img.set("height", str(entry["height"]))
    img.set("alt", alt)
    if lead:
        img.set("fetchpriority", "high")
    else:
        img.set("loading", "lazy")
        img.set("decoding", "async")
    return element


def picture_html(entry, alt, sizes, site_path, lead=False):
    """`picture()` as an HTML string, for templates."""
    return ElementTree.tostring(
        picture(entry, alt, sizes, site_path, lead), encoding="unicode", method="html"
    )


def _srcset(candidates, site_path):
    return ", ".join(f"{site_path}/{name} {width}w" for width, name in candidates)
