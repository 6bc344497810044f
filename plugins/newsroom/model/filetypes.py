"""Which files are images, and what each kind of image becomes.

One list for the whole package: the renditions of a story's images
(build/media.py), the press kit's thumbnails and descriptions (kit.py) and
the <picture> markup (run/picture.py) read their file types here.
"""

from pathlib import PurePosixPath

# Raster images Pillow reads: press-kit images of these types get thumbnails.
RASTER = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".tif", ".tiff", ".bmp"}
# What every browser shows as it is.
WEB_RASTER = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"}
# Images in stories that get renditions; the others (SVG, GIF, AVIF) are shown as they are.
RENDERED = {".jpg", ".jpeg", ".png", ".webp"}
TYPE_NAMES = {".jpg": "JPEG", ".tif": "TIFF"}  # otherwise the suffix in capitals
# Documents a press kit or a magazine issue offers for download.
DOCUMENTS = {
    ".pdf", ".txt", ".csv", ".odt", ".ods", ".odp", ".doc", ".docx", ".xls", ".xlsx", ".ppt",
    ".pptx", ".zip",
}  # fmt: skip
# The only files under content/ that are published (besides the Markdown the
# site is made of): images and documents. Nothing a browser runs (HTML, XML,
# JavaScript…): on the site's own origin it would run as the site
# (uploads.py checks SVG, which can hold script).
PUBLISHED = RASTER | {".svg"} | DOCUMENTS

# Renditions: the modern formats offered in <source>s, best first, then a
# fallback ("jpeg", or "png" for images with transparency) in the <img>.
MODERN = ("avif", "webp")
MEDIA_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg", "png": "png"}


def suffix(path):
    return PurePosixPath(path).suffix.lower()


def is_image(path):
    return suffix(path) in RASTER or suffix(path) == ".svg"


def type_name(path):
    """ "PNG", "SVG", "JPEG"…: what the press kit calls a file's type."""
    ending = suffix(path)
    return TYPE_NAMES.get(ending, ending.lstrip(".").upper() or "?")
