"""The press room: /<lang>/press/, what journalists come to a newsroom for.

- Media contacts: content/press/contacts/<slug>.<lang>.md, one person or
  office per file (Name, Role, Email, Phone).
- The press kit: logos, photos and documents in content/press/kit/, each
  described by a <slug>.<lang>.md file there (Title, File, Licence, …). The
  file's type, size and pixel dimensions are read from the file at build time.
- The latest press releases: the newest stories of PRESS_CATEGORY.
- The feeds to follow (press.html lists the feeds the run writes).

A section with nothing to show is left out: the page never makes up a contact.
`check_item` holds the rules for these files; the content check
(content_index.scan) runs it before any Pelican run.
"""

import difflib
import hashlib
import mimetypes
import os
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html import escape
from pathlib import Path, PurePosixPath

from .generators import EntriesGenerator, Entry
from .partners import group_by_kind
from .typography import typeset
from .validation import URL_RE, check_kind

# Kind of press file -> the fields it may have. The set is small and closed,
# so an unknown field is a typo, reported rather than lost.
FIELDS = {
    "contact": ("name", "role", "email", "phone", "order", "status"),
    "kit": ("title", "file", "kind", "alt", "licence", "licence_url", "credit", "order", "status"),
}
NAMES = {"contact": "media contact", "kit": "press kit item"}
EMAIL_RE = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\".]+$")
PHONE_RE = re.compile(r"^\+[0-9][0-9 ().-]*[0-9]$")  # international: journalists call from abroad
ORDER_RE = re.compile(r"^[0-9]+$")

RASTER = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".tif", ".tiff", ".bmp"}
SHOWN_AS_IS = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"}  # what every browser shows
TYPE_NAMES = {".jpg": "JPEG", ".tif": "TIFF"}  # otherwise the suffix in capitals
# Thumbnails fit in this box: twice the widest the page shows them (sharp on
# high-density screens); smaller images in a web format serve as their own.
THUMBNAIL_BOX = (640, 640)
THUMBNAIL_QUALITY = 80
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
        """Whether the build writes the thumbnail (else it is the file itself)."""
        return self.thumbnail not in (None, self.path)


def is_image(path):
    suffix = PurePosixPath(path).suffix.lower()
    return suffix in RASTER or suffix == ".svg"


def inspect(content, path):
    """Describe content/`path`; raises KitFileError if it is no image it claims to be."""
    file = Path(content) / path
    suffix = PurePosixPath(path).suffix.lower()
    type_name = TYPE_NAMES.get(suffix, suffix.lstrip(".").upper() or "?")
    mime = mimetypes.guess_type(path)[0]
    size = file.stat().st_size
    if suffix == ".svg":
        return KitFile(path, type_name, mime, size, None, path, _fit(_svg_size(file), upscale=True))
    if suffix not in RASTER:
        return KitFile(path, type_name, mime, size, None, None, None)
    pixels = _raster_size(file)
    thumbnail = _fit(pixels)
    if suffix in SHOWN_AS_IS and thumbnail == pixels:
        return KitFile(path, type_name, mime, size, pixels, path, pixels)
    folder, name = PurePosixPath(path).parent, PurePosixPath(path).name
    return KitFile(
        path, type_name, mime, size, pixels, f"{folder}/thumbnails/{name}.webp", thumbnail
    )


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


def write_thumbnail(content, kit_file, output, cache=None):
    """Write the WebP thumbnail of a raster kit file under `output`.

    With a `cache` folder, a thumbnail is made once per source file's bytes
    and size: a large photo takes a fifth of a second, every build otherwise.
    """
    source = Path(content) / kit_file.path
    target = Path(output) / kit_file.thumbnail
    target.parent.mkdir(parents=True, exist_ok=True)
    if cache is None:
        _make_thumbnail(source, kit_file.thumbnail_pixels, target)
        return
    width, height = kit_file.thumbnail_pixels
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:32]
    cached = Path(cache) / f"{digest}-{width}x{height}.webp"
    if not cached.is_file():
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(f"{cached.name}.{os.getpid()}")  # then one atomic rename
        _make_thumbnail(source, (width, height), partial)
        partial.replace(cached)
    shutil.copyfile(cached, target)


def _make_thumbnail(source, size, target):
    from PIL import Image, ImageOps

    with Image.open(source) as image:
        image.draft("RGB", (max(size),) * 2)  # a JPEG decodes at a fraction of its size
        image = ImageOps.exif_transpose(image)
        alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
        image = image.convert("RGBA" if alpha else "RGB")
        image = image.resize(size, Image.Resampling.LANCZOS)
        image.save(target, "WEBP", quality=THUMBNAIL_QUALITY)


# The content check ------------------------------------------------------------


def check_item(kind, meta, settings, report):
    """The rules of one contact or kit file's front matter; `report(field, message, line)`.

    Missing required fields are the scan's (content_index.REQUIRED), and a
    kit file that does not exist is reported with the other files on disk
    (validation.FILE_FIELDS).
    """
    for name, field in meta.items():
        if name not in FIELDS[kind]:
            report(name, _unknown_field(name, kind), field.line)
    if "order" in meta and not ORDER_RE.match(meta["order"].value):
        report(
            "order",
            f'"{meta["order"].value}" is not a whole number; '
            "write 1 for the first, 2 for the next…",
            meta["order"].line,
        )
    if kind == "contact":
        _check_contact(meta, report)
    else:
        _check_kit(meta, settings, report)


def _unknown_field(name, kind):
    message = f'"{name}" is not a field of a {NAMES[kind]}'
    nearest = difflib.get_close_matches(name, FIELDS[kind], n=1, cutoff=0.7)
    if nearest:
        return f'{message}; did you mean "{nearest[0]}"?'
    return f"{message}; use: {', '.join(FIELDS[kind])}"


def _check_contact(meta, report):
    email, phone = meta.get("email"), meta.get("phone")
    if not (email and email.value) and not (phone and phone.value):
        report(
            "email",
            'missing; add a line "Email: …" or "Phone: …", so that journalists can reach '
            "this contact",
        )
    if email and email.value and not EMAIL_RE.match(email.value):
        report(
            "email",
            f'"{email.value}" is not an email address; write it as name@example.org',
            email.line,
        )
    digits = re.sub(r"\D", "", phone.value) if phone else ""
    if phone and phone.value and not (PHONE_RE.match(phone.value) and len(digits) >= 6):
        report(
            "phone",
            f'"{phone.value}" is not a phone number; write it with digits and spaces, '
            "in international form: + and the country code first",
            phone.line,
        )


def _check_kit(meta, settings, report):
    check_kind(meta, settings["PRESS_KIT_KINDS"], "press kit item", report)
    link = meta.get("licence_url")
    if link and not URL_RE.match(link.value):
        report(
            "licence_url",
            f'"{link.value}" is not a web address; write it in full, starting with https://',
            link.line,
        )
    file = meta.get("file")
    if not (file and file.value):
        return
    if ".." in PurePosixPath(file.value).parts:
        report("file", f'"{file.value}" is outside content/; put the file in content/press/kit/')
        return
    if is_image(file.value) and not (meta.get("alt") and meta["alt"].value.strip()):
        report(
            "alt",
            'missing; add a line "Alt: …" describing the image, for readers who cannot see it',
            file.line,
        )
    if (Path(settings["PATH"]) / file.value).is_file():
        try:
            inspect(settings["PATH"], file.value)
        except KitFileError as error:
            report("file", f'"{file.value}" {error}', file.line)


# The page ---------------------------------------------------------------------


class Contact(Entry):
    mandatory_properties = ("title",)  # the reader makes Name the title


class KitItem(Entry):
    mandatory_properties = ("title",)


class PressGenerator(EntriesGenerator):
    """Writes /<lang>/press/ and the kit's thumbnails; has Pelican copy the kit's files."""

    def generate_context(self):
        lang = self.settings["DEFAULT_LANG"]
        self.contacts = sorted(self.read_entries("PRESS_CONTACT_PATHS", Contact), key=_in_order)
        self.kit = sorted(self.read_entries("PRESS_KIT_PATHS", KitItem), key=_in_order)
        for entry in self.contacts + self.kit:
            # Free text, typeset like titles: French spaces and quotes, Arabic quotes.
            for name in ("role", "licence", "credit"):
                value = entry.metadata.get(name)
                setattr(
                    entry,
                    f"{name}_html",
                    typeset(escape(value, quote=False), lang) if value else None,
                )
        for contact in self.contacts:
            phone = contact.metadata.get("phone", "")
            contact.phone_uri = re.sub(r"[^+0-9]", "", phone) if phone else None
        for item in self.kit:
            item.kit_file = inspect(self.path, item.metadata["file"])
        self.copy_files(*(item.kit_file.path for item in self.kit))

    def generate_output(self, writer):
        settings = self.settings
        # Beside Pelican's content cache (build.content_cache), when there is one.
        cache = settings["CACHE_PATH"] if settings.get("CACHE_CONTENT") else None
        cache = cache and Path(cache) / "press-thumbnails"
        for item in self.kit:
            if item.kit_file.made_thumbnail:
                write_thumbnail(self.path, item.kit_file, self.output_path, cache)
        category, releases = self._press_releases()
        self.write(
            writer,
            settings["PRESS_SAVE_AS"],
            settings["PRESS_URL"],
            "press",
            contacts=self.contacts,
            kit_groups=group_by_kind(self.kit, settings["PRESS_KIT_KINDS"]),
            press_category=category,
            press_releases=releases[: settings["PRESS_RELEASES_MAX"]],
        )

    def _press_releases(self):
        """The PRESS_CATEGORY category of this run and its stories, newest first."""
        for category, stories in self.context.get("categories", []):
            if category.slug == self.settings["PRESS_CATEGORY"]:
                return category, sorted(stories, key=lambda story: story.date, reverse=True)
        return None, []


def _in_order(entry):
    """By Order (those without one last), then by name."""
    order = entry.metadata.get("order")
    return (order is None, int(order or 0), entry.title_text.casefold())
