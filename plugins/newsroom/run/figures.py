"""Images in a story's Markdown become responsive <picture>s, figures and galleries.

A Python-Markdown extension that our reader adds (reader.py), so its work is
cached with the rest of the reading. What authors write:

    ![What the photo shows](/images/photo.jpg)
    *The caption, on the line right below: it becomes the <figcaption>.*

    - ![First photo](/images/a.jpg) Its caption
    - ![Second photo](/images/b.jpg) Its caption

An image alone in its paragraph is a <figure>; an italic line right below it
is the caption. A list whose items each start with an image is a gallery: a
grid of figures, each linking to the full-size image. `{.decorative}` after
an image with empty alt text, ![](/images/line.png){.decorative}, marks it as
decoration, on purpose (the content check refuses empty alt text otherwise).
"""

from pathlib import Path
from xml.etree import ElementTree

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..model.body import content_file
from .picture import picture

DECORATIVE = "decorative"  # the class that marks a decorative image
# `sizes`: the story column is at most 42rem (--measure) inside 1rem margins;
# gallery figures fill a grid of columns at least 10rem wide (newsroom.css).
BODY_SIZES = "(min-width: 44rem) 42rem, calc(100vw - 2rem)"
GALLERY_SIZES = "(min-width: 44rem) 14rem, calc(50vw - 1.5rem)"


class FiguresExtension(Extension):
    """`source`: the path of the file being read; `settings`: the run's."""

    def __init__(self, source, settings):
        super().__init__()
        self.source, self.settings = source, settings

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        # Priority 4: after the inline patterns (20) and attr_list (8).
        md.treeprocessors.register(FiguresProcessor(md, self), "newsroom_figures", 4)


class FiguresProcessor(Treeprocessor):
    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension

    def run(self, root):
        settings = self.extension.settings
        self.content = Path(settings["PATH"])
        self.manifest = settings.get("NEWSROOM_IMAGES", {})
        self.site_path = settings.get("SITE_PATH", "")
        self.path = Path(self.extension.source)
        # The first block is on the first screen: an image there is the lead
        # image, loaded at once, unless the story has a featured image.
        meta = getattr(self.md, "Meta", {})
        first = root[0] if len(root) and "image" not in meta else None
        self.done = set()  # images already made responsive
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "p" and (image := _alone(child)) is not None:
                    parent[index] = self.figure(child, image, lead=child is first)
                elif child.tag == "ul" and all(_starts_with_image(li) for li in child):
                    parent[index] = self.gallery(child)
        for parent in list(root.iter()):  # images inside text: in place, lazily
            for index, child in enumerate(list(parent)):
                if child.tag == "img" and id(child) not in self.done and parent.tag != "picture":
                    parent[index] = self.responsive(child, BODY_SIZES, lead=False)

    def figure(self, paragraph, image, lead):
        figure = ElementTree.Element("figure", {"class": "figure"})
        figure.append(self.responsive(image, BODY_SIZES, lead))
        caption = paragraph[1] if len(paragraph) == 2 else None
        if caption is not None:
            figure.append(_caption(caption.text, list(caption)))
        return figure

    def gallery(self, ul):
        ul.set("class", "gallery")
        for li in ul:
            holder = li[0] if li[0].tag == "p" else li  # loose lists wrap items in <p>
            image = holder[0]
            figure = ElementTree.Element("figure")
            entry = self.entry(image)
            target = image.get("src")
            if entry:  # the link opens the largest rendition, not a 4000 px original
                target = f"{self.site_path}/{entry['srcset'][entry['fallback']][-1][1]}"
            link = ElementTree.SubElement(figure, "a", href=target)
            link.append(self.responsive(image, GALLERY_SIZES, lead=False))
            text, rest = (image.tail or "").strip(), list(holder)[1:]
            if text or rest:
                figure.append(_caption(text, rest))
            li.clear()
            li.append(figure)
        return ul

    def entry(self, image):
        file = content_file(image.get("src", ""), self.path, self.content)
        if file is None:
            return None
        try:
            return self.manifest.get(file.resolve().relative_to(self.content.resolve()).as_posix())
        except ValueError:  # outside content/: the content check reports it
            return None

    def responsive(self, image, sizes, lead):
        """<picture> for an image we have renditions of; else the <img>, lazily."""
        self.done.add(id(image))
        classes = image.attrib.pop("class", "").split()
        alt = "" if DECORATIVE in classes else image.get("alt", "")
        entry = self.entry(image)
        if entry is None:  # SVG, GIF: as they are
            image.tail = None
            if not lead:
                image.set("loading", "lazy")
                image.set("decoding", "async")
            return image
        return picture(entry, alt, sizes, self.site_path, lead=lead)


def _alone(paragraph):
    """The image of a paragraph that holds only an image (and maybe an italic
    caption line below it), else None."""
    children = list(paragraph)
    if (paragraph.text or "").strip() or not children or children[0].tag != "img":
        return None
    if DECORATIVE in children[0].get("class", "").split():
        return None  # decoration is not a figure: it stays in its paragraph
    if len(children) == 1:
        return children[0] if not (children[0].tail or "").strip() else None
    caption = children[1]
    if len(children) == 2 and caption.tag == "em" and not (children[0].tail or "").strip():
        return children[0] if not (caption.tail or "").strip() else None
    return None


def _starts_with_image(li):
    holder = li[0] if len(li) and li[0].tag == "p" and len(li) == 1 else li
    return not (holder.text or "").strip() and len(holder) and holder[0].tag == "img"


def _caption(text, children):
    caption = ElementTree.Element("figcaption")
    caption.text = (text or "").strip() or None
    caption.extend(children)
    if children and children[-1].tail:
        children[-1].tail = children[-1].tail.rstrip() or None
    return caption
