"""The press room: /<lang>/press/, what journalists come to a newsroom for.

- Media contacts: content/press/contacts/<slug>.<lang>.md, one person or
  office per file (Name, Role, Email, Phone).
- The press kit: logos, photos and documents in content/press/kit/, each
  described by a <slug>.<lang>.md file there (Title, File, Licence, …). The
  file's type, size and pixel dimensions are read from the file
  (model/kit.py); the build makes the thumbnails (build/media.py).
- The latest press releases: the newest stories of PRESS_CATEGORY.
- The feeds to follow (press.html lists the feeds the run writes).

A section with nothing to show is left out: the page never makes up a contact.
The rules of these files are the content model's (model/rules.py).
"""

import re
from html import escape

from markupsafe import Markup

from ..model.kit import inspect
from .entries import EntriesGenerator, Entry
from .partners import group_by_kind
from .typography import typeset


class Contact(Entry):
    mandatory_properties = ("title",)  # the reader makes Name the title


class KitItem(Entry):
    mandatory_properties = ("title",)


class PressGenerator(EntriesGenerator):
    """Writes /<lang>/press/; has Pelican copy the kit's files."""

    def generate_context(self):
        lang = self.settings["DEFAULT_LANG"]
        self.contacts = sorted(self.read_entries("PRESS_CONTACT_PATHS", Contact), key=_in_order)
        self.kit = sorted(self.read_entries("PRESS_KIT_PATHS", KitItem), key=_in_order)
        for entry in self.contacts + self.kit:
            # Free text, typeset like titles: French spaces and quotes, Arabic quotes.
            for name in ("role", "licence", "credit"):
                value = entry.metadata.get(name)
                html = Markup(typeset(escape(value, quote=False), lang)) if value else None
                setattr(entry, f"{name}_html", html)  # escaped: templates print it as it is
        for contact in self.contacts:
            phone = contact.metadata.get("phone", "")
            contact.phone_uri = re.sub(r"[^+0-9]", "", phone) if phone else None
        for item in self.kit:
            item.kit_file = inspect(self.path, item.metadata["file"])
        self.copy_files(*(item.kit_file.path for item in self.kit))

    def generate_output(self, writer):
        settings = self.settings
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
