"""Images, made once with Pillow in the parent: renditions and kit thumbnails.

Before the language runs, `prepare()` works out every image the site needs
and makes, in a process pool, those the cache does not have yet:

- renditions of each raster image a story shows, at IMAGE_WIDTHS (never
  wider than the file), in AVIF, WebP and a JPEG or PNG fallback. The
  manifest it returns reaches every run as NEWSROOM_IMAGES, and
  run/picture.py turns an entry into <picture> markup. Names carry the
  source's digest (photo.<digest>.720w.webp), so a changed photo gets new
  URLs and all of them can be cached for good;
- a WebP thumbnail of each press-kit image too large or not in a web
  format (model/kit.py says which, and at what size).

Both are kept in the cache folder, keyed by the source's bytes and the
settings that make them, so an image is processed once; what no image uses
any more is dropped. After the merge, `apply()` only links the cached files
into the site, renditions under MADE_IMAGES_DIR (/media/), where their
content-hashed names let them be cached for good.
"""

import hashlib
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageOps

from ..model.files import link, write_atomic
from ..model.filetypes import EXTENSIONS, MODERN, RENDERED
from ..model.kit import inspect

# Encoder settings. Changing them (or the code that uses them) starts new
# renditions: RENDITIONS_VERSION is part of every cache key.
RENDITIONS_VERSION = "1"
ENCODERS = {
    "avif": ("AVIF", {"quality": 50}),
    "webp": ("WEBP", {"quality": 75, "method": 4}),
    "jpeg": ("JPEG", {"quality": 80, "optimize": True, "progressive": True}),
    "png": ("PNG", {"optimize": True}),
}
THUMBNAIL_QUALITY = 80
THUMBNAILS = "press-thumbnails"  # in the cache folder, beside the renditions


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
    folder_in_site: str  # MADE_IMAGES_DIR

    def name(self, width, kind):
        """The rendition's path in the site: under MADE_IMAGES_DIR, the source's
        path with the digest and width in the name."""
        stem = Path(self.source).with_suffix("")
        return f"{self.folder_in_site}/{stem}.{self.digest[:10]}.{width}w.{EXTENSIONS[kind]}"

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

    def folder(self, cache):
        return cache / self.digest[:2] / self.digest

    def done(self, cache):
        return (self.folder(cache) / "done").is_file()

    def make(self, content, cache):
        """Make the renditions into their cache folder (in a worker process)."""
        folder = self.folder(cache)
        folder.mkdir(parents=True, exist_ok=True)
        with Image.open(content / self.source) as original:
            image = ImageOps.exif_transpose(original)
            image = image.convert("RGBA" if self.fallback == "png" else "RGB")
            for width in self.widths:
                size = (width, self.height_at(width))
                resized = (
                    image
                    if size == image.size
                    else image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
                )
                for kind in (*MODERN, self.fallback):
                    encoder, options = ENCODERS[kind]
                    resized.save(folder / f"{width}.{EXTENSIONS[kind]}", encoder, **options)
        (folder / "size").write_text(f"{self.width} {self.height} {self.fallback}\n")
        (folder / "done").touch()  # last: an interrupted run starts over


@dataclass(frozen=True)
class Thumbnail:
    """A press-kit image's WebP thumbnail (model/kit.py's KitFile.thumbnail)."""

    source: str  # path relative to content/
    target: str  # path in the site
    size: tuple  # (width, height)
    digest: str  # of the source's bytes

    def cached(self, cache):
        width, height = self.size
        return cache / THUMBNAILS / f"{self.digest}-{width}x{height}.webp"

    def done(self, cache):
        return self.cached(cache).is_file()

    def make(self, content, cache):
        with Image.open(content / self.source) as image:
            image.draft("RGB", (max(self.size),) * 2)  # a JPEG decodes at a fraction of its size
            image = ImageOps.exif_transpose(image)
            alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
            image = image.convert("RGBA" if alpha else "RGB")
            image = image.resize(self.size, Image.Resampling.LANCZOS)
            out = BytesIO()
            image.save(out, "WEBP", quality=THUMBNAIL_QUALITY)
        write_atomic(self.cached(cache), out.getvalue())


@dataclass(frozen=True)
class Made:
    """What `prepare` returns: the runs' manifest, the thumbnails to link, and
    how many source images were processed now (0 when the cache had them all)."""

    manifest: dict  # {relative path: entry}
    thumbnails: list
    processed: int


def plan(content, relative, settings, cache):
    """The Plan for content/`relative`, or None when it is not a raster image."""
    path = content / relative
    if path.suffix.lower() not in RENDERED:
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
    made = settings["MADE_IMAGES_DIR"]
    return Plan(str(relative), digest, width, height, fallback, tuple(widths), made)


def thumbnails(content, kit_files):
    """The Thumbnails the press kit's files need (`kit_files`: paths under content/)."""
    found = {}
    for path in sorted(set(kit_files)):
        kit_file = inspect(content, path)
        if kit_file.made_thumbnail and kit_file.thumbnail not in found:
            digest = hashlib.sha256((content / path).read_bytes()).hexdigest()[:32]
            found[kit_file.thumbnail] = Thumbnail(
                path, kit_file.thumbnail, kit_file.thumbnail_pixels, digest
            )
    return list(found.values())


def prepare(content, images, kit_files, settings, cache):
    """Renditions of `images` and thumbnails of `kit_files` (paths relative to
    content/), made where the cache lacks them; returns Made."""
    plans = [p for p in (plan(content, r, settings, cache) for r in sorted(images)) if p]
    thumbs = thumbnails(content, kit_files)
    todo = [job for job in [*plans, *thumbs] if not job.done(cache)]
    if len(todo) > 1:
        workers = min(len(todo), os.cpu_count() or 1)
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(_make, todo, [content] * len(todo), [cache] * len(todo)))
    elif todo:
        todo[0].make(content, cache)
    _prune(cache, plans, thumbs)
    manifest = {p.source: p.entry() | {"cache": str(p.folder(cache))} for p in plans}
    processed = sum(isinstance(job, Plan) for job in todo)
    return Made(manifest, [(t.cached(cache), t.target) for t in thumbs], processed)


def apply(site, made):
    """Link (or copy) every rendition and thumbnail from the cache into the built site."""
    for entry in made.manifest.values():
        folder = Path(entry["cache"])
        for kind, candidates in entry["srcset"].items():
            for width, name in candidates:
                link(folder / f"{width}.{EXTENSIONS[kind]}", site / name)
    for cached, target in made.thumbnails:
        link(cached, site / target)


def _prune(cache, plans, thumbs):
    """Drop what no image of the site uses any more (a replaced photo's
    renditions), as the social cards' cache does: the cache never outgrows
    the site."""
    kept = {plan.folder(cache) for plan in plans} | {thumb.cached(cache) for thumb in thumbs}
    for made in [*cache.glob("??/*"), *(cache / THUMBNAILS).glob("*.webp")]:
        if made in kept:
            continue
        if made.is_dir():
            shutil.rmtree(made)
        else:
            made.unlink()


def _make(job, content, cache):
    job.make(content, cache)


def _has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
