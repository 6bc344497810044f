"""What a press-kit file is: its type, size, displayed pixels and thumbnail.

Read from the file itself: the scan checks that an image can be read, the
press room's generator shows what `inspect` finds, and the build makes the
thumbnails it names (build/media.py).
"""

import mimetypes
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .filetypes import RASTER, WEB_RASTER, suffix, type_name

# Thumbnails fit in this box: twice the widest the page shows them (sharp on
# high-density screens); smaller images in a web format serve as their own.
THUMBNAIL_BOX = (640, 640)
THUMBNAILS = "thumbnails"  # the folder beside the kit's files
EXIF_ORIENTATION = 0x0112
TURNED = (5, 6, 7, 8)  # EXIF orientations shown a quarter turn from the stored pixels


class KitFileError(ValueError):
    """A kit file that cannot be described; the message says why."""


@dataclass(frozen=True)
class KitFile:
    """What the press room says about a kit file, read from the file itself."""

    path: str  # from content/, which is also its path from the site root
    type: str  # "PNG", "SVG", "PDF"…
    mime: str | None
    size: int  # bytes
    pixels: tuple | None  # (width, height) as displayed: raster images only
    thumbnail: str | None  # path from the site root; None for documents
    thumbnail_pixels: tuple | None  # its width and height, for <img>

    @property
    def made_thumbnail(self):
        """Whether the build makes the thumbnail (else it is the file itself)."""
        return self.thumbnail not in (None, self.path)


def inspect(content, path):
    """Describe content/`path`; raises KitFileError if it is no image it claims to be."""
    file = Path(content) / path
    mime = mimetypes.guess_type(path)[0]
    size = file.stat().st_size
    kind = type_name(path)
    if suffix(path) == ".svg":
        return KitFile(path, kind, mime, size, None, path, _fit(_svg_size(file), upscale=True))
    if suffix(path) not in RASTER:
        return KitFile(path, kind, mime, size, None, None, None)
    pixels = _raster_size(file)
    thumbnail = _fit(pixels)
    if suffix(path) in WEB_RASTER and thumbnail == pixels:
        return KitFile(path, kind, mime, size, pixels, path, pixels)
    folder, name = PurePosixPath(path).parent, PurePosixPath(path).name
    return KitFile(path, kind, mime, size, pixels, f"{folder}/{THUMBNAILS}/{name}.webp", thumbnail)


def _fit(size, box=THUMBNAIL_BOX, upscale=False):
    """`size` scaled to fit in `box`, keeping its proportions (never larger, unless `upscale`)."""
    width, height = size
    scale = min(box[0] / width, box[1] / height)
    scale = scale if upscale else min(scale, 1)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _raster_size(file):
    from PIL import Image, UnidentifiedImageError  # only when there are images

    try:
        with Image.open(file) as image:
            width, height = image.size
            turned = image.getexif().get(EXIF_ORIENTATION) in TURNED
    except (UnidentifiedImageError, OSError):
        raise KitFileError(
            "cannot be read as an image; export it again, e.g. as PNG or JPEG"
        ) from None
    return (height, width) if turned else (width, height)


def _svg_size(file):
    """The proportions of an SVG: its viewBox, else its width and height in pixels."""
    try:
        root = ET.parse(file).getroot()
    except ET.ParseError as error:
        raise KitFileError(f"is not a readable SVG file ({error})") from None
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        width, height = _number(box[2]), _number(box[3])
    else:
        width, height = (_number(root.get(name) or "", "px") for name in ("width", "height"))
    if not (width and height and width > 0 and height > 0):
        raise KitFileError("has no size: give its <svg> element a viewBox")
    return width, height


def _number(text, unit=""):
    match = re.fullmatch(rf"\s*([0-9]*\.?[0-9]+)\s*(?:{unit})?\s*", text)
    return float(match[1]) if match else None
