"""Responsive images: renditions of every image a story shows, and their markup.

Before the language runs, `prepare()` (parent process) makes, with Pillow,
each raster image's renditions at IMAGE_WIDTHS (never wider than the file) in
AVIF, WebP and a JPEG or PNG fallback. Renditions are kept in a cache folder
keyed by the file's bytes and the rendition settings, so an image is
processed once, ever; a build only links the cached files into the site
(`apply()`). The manifest that `prepare()` returns reaches every run as the
NEWSROOM_IMAGES setting; `picture()` turns an entry into <picture> markup,
for the Markdown reader (body images, see `markdown_images`) and for the
templates (featured images).

File names carry the source's digest (photo.<digest>.720w.webp), so a
changed photo gets new URLs and all of them can be cached for good.
"""

import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from PIL import Image, ImageOps

from . import files

# Files we make renditions of; others (SVG, GIF) are shown as they are.
RASTER = {".jpg", ".jpeg", ".png", ".webp"}
# Encoder settings. Changing them (or the code that uses them) starts new
# renditions: RENDITIONS_VERSION is part of every cache key.
RENDITIONS_VERSION = "1"
ENCODERS = {
    "avif": ("AVIF", {"quality": 50}),
    "webp": ("WEBP", {"quality": 75, "method": 4}),
    "jpeg": ("JPEG", {"quality": 80, "optimize": True, "progressive": True}),
    "png": ("PNG", {"optimize": True}),
}
MEDIA_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg", "png": "png"}
MODERN = ("avif", "webp")  # offered in <source>s, best first


class ImageError(Exception):
    """An image that Pillow cannot read; the message names the file."""


@dataclass(frozen=True)
class Plan:
    """One source image's renditions: what to make, and from what."""

    source: str  # path relative to content/
    digest: str
    width: int  # the source's size, after EXIF rotation
    height: int
    fallback: str  # "jpeg", or "png" for images with transparency
    widths: tuple  # rendition widths, smallest first

    def name(self, width, kind):
        """The rendition's path in the site, beside where the original goes."""
        stem = Path(self.source).with_suffix("")
        return f"{stem}.{self.digest[:10]}.{width}w.{EXTENSIONS[kind]}"

    def height_at(self, width):
        return max(1, round(self.height * width / self.width))

    def entry(self):
        """What the runs need to know: the manifest entry (plain data)."""
        kinds = (*MODERN, self.fallback)
        return {
            "digest": self.digest,
            "width": self.widths[-1],
            "height": self.height_at(self.widths[-1]),
            "fallback": self.fallback,
            "srcset": {k: [(w, self.name(w, k)) for w in self.widths] for k in kinds},
        }


def plan(content, relative, settings, cache):
    """The Plan for content/`relative`, or None when it is not a raster image."""
    path = content / relative
    if path.suffix.lower() not in RASTER:
        return None
    data = path.read_bytes()
    key = repr((RENDITIONS_VERSION, ENCODERS, settings["IMAGE_WIDTHS"])).encode()
    digest = hashlib.sha256(key + data).hexdigest()
    known = cache / digest[:2] / digest / "size"
    if known.is_file():  # reading the header again is cheap, but not free at 10k images
        width, height, fallback = known.read_text().split()
        width, height = int(width), int(height)
    else:
        try:
            with Image.open(path) as image:
                image = ImageOps.exif_transpose(image)
                width, height = image.size
                fallback = "png" if _has_alpha(image) else "jpeg"
        except (OSError, Image.DecompressionBombError) as error:
            raise ImageError(f"{relative}: Pillow cannot read this image ({error})") from None
    widths = sorted(
        {w for w in settings["IMAGE_WIDTHS"] if w < width}
        | {min(width, max(settings["IMAGE_WIDTHS"]))}
    )
    return Plan(str(relative), digest, width, height, fallback, tuple(widths))


def prepare(content, images, settings, cache):
    """Renditions for every image in `images` (paths relative to content/).

    Returns (manifest, made): the manifest {relative path: entry} and how many
    source images were processed now (0 when the cache had them all)."""
    plans = [p for p in (plan(content, r, settings, cache) for r in sorted(images)) if p]
    todo = [p for p in plans if not (_folder(cache, p) / "done").is_file()]
    if len(todo) > 1:
        workers = min(len(todo), os.cpu_count() or 1)
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(_render, todo, [content] * len(todo), [cache] * len(todo)))
    elif todo:
        _render(todo[0], content, cache)
    return {p.source: p.entry() | {"cache": str(_folder(cache, p))} for p in plans}, len(todo)


def apply(site, manifest):
    """Link (or copy) every rendition from the cache into the built site."""
    for entry in manifest.values():
        folder = Path(entry["cache"])
        for kind, candidates in entry["srcset"].items():
            for width, name in candidates:
                files.link(folder / f"{width}.{EXTENSIONS[kind]}", site / name)


def _folder(cache, plan):
    return cache / plan.digest[:2] / plan.digest


def _has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )


def _render(plan, content, cache):
    """Make one image's renditions into its cache folder (in a worker process)."""
    folder = _folder(cache, plan)
    folder.mkdir(parents=True, exist_ok=True)
    with Image.open(content / plan.source) as original:
        image = ImageOps.exif_transpose(original)
        image = image.convert("RGBA" if plan.fallback == "png" else "RGB")
        for width in plan.widths:
            size = (width, plan.height_at(width))
            resized = (
                image
                if size == image.size
                else image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
            )
            for kind in (*MODERN, plan.fallback):
                encoder, options = ENCODERS[kind]
                resized.save(folder / f"{width}.{EXTENSIONS[kind]}", encoder, **options)
    (folder / "size").write_text(f"{plan.width} {plan.height} {plan.fallback}\n")
    (folder / "done").touch()  # last: an interrupted run starts over


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
