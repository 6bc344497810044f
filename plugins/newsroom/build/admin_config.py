"""The web editor's configuration (Decap CMS, /admin/), made from our settings,
the table of rules and the content at build time, so it cannot drift from them.

One collection per kind of content and language ("Stories · العربية"): a file
is `<folder>/<slug>.<lang>.md` and each collection lists and writes one
language's files, so a story can start in any language and a translation is
a file beside it with the same slug (docs/editor.md says why Decap's own i18n
mode, which needs every entry in one default language, is not used).

Each kind offers the fields of its list in model/rules.py and no other, in
the table's order; the fields the table requires are required here too, and
select lists come from the settings (CATEGORIES, PARTNER_KINDS,
PRESS_KIT_KINDS, the statuses) and from the content (the partners and
magazine issues that exist). A few fields are left to people who edit files
(NOT_OFFERED); the editor keeps their lines as they are.
"""

from ..model import events, rules
from ..model.i18n import translations

FORMAT = "newsroom"  # theme/admin/newsroom-format.js
MEDIA_FOLDER = "images"  # under content/; what image fields write: images/<name>
LOCAL_PROXY = "http://127.0.0.1:{port}/api/v1"  # decap-server, started by `invoke serve`

# kind -> (settings key of its folders, label, how a new file is named)
KINDS = {
    "article": ("ARTICLE_PATHS", "Stories", "{{year}}/{{slug}}"),  # the year of Date
    "page": ("PAGE_PATHS", "Pages", "{{slug}}"),
    "partner": ("PARTNER_PATHS", "Partners", "{{slug}}"),
    "issue": ("MAGAZINE_PATHS", "Smart Magazine issues", "{{slug}}"),
    "contact": ("PRESS_CONTACT_PATHS", "Press contacts", "{{slug}}"),
    "kit": ("PRESS_KIT_PATHS", "Press kit", "{{slug}}"),
}
# How a collection's list names an item (Decap's summary templates).
SUMMARIES = {"partner": "{{name}}", "contact": "{{name}}", "issue": "{{issue}} {{title}}"}
# Fields the editor leaves to people who edit files, and why.
NOT_OFFERED = {
    "translation_of": "set by `invoke translate` for a machine translation to check",
    "old_urls": "addresses of the old site, set by the WordPress import",
}

_DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD"}
_TEXT = {"widget": "string"}
# field -> its widget and help, for the rules of model/rules.py
FIELDS = {
    "title": {**_TEXT},
    "name": {**_TEXT},
    "date": {**_DATE, "time_format": False, "hint": "The day it was published: YYYY-MM-DD."},
    "modified": {**_DATE, "time_format": False, "default": "", "hint": "The day of a correction."},
    "summary": {
        "widget": "text",
        "hint": f"One or two sentences, at most {rules.SUMMARY_MAX} characters.",
        "pattern": [
            f"^[\\s\\S]{{0,{rules.SUMMARY_MAX}}}$",
            f"At most {rules.SUMMARY_MAX} characters",
        ],
    },
    "tags": {**_TEXT, "hint": "Comma-separated: Huawei, Cooperation"},
    "author": {**_TEXT},
    "image": {"widget": "image", "choose_url": False, "hint": "Describe it in Image alt."},
    "image_alt": {**_TEXT, "hint": "What the image shows, for readers who cannot see it."},
    "image_caption": {**_TEXT},
    "logo": {"widget": "image", "choose_url": False},
    "cover": {"widget": "image", "choose_url": False},
    "website": {
        **_TEXT,
        "hint": "In full, starting with https://",
        "pattern": ["^https://", "Starts with https://"],
    },
    "licence_url": {
        **_TEXT,
        "hint": "In full, starting with https://",
        "pattern": ["^https://", "Starts with https://"],
    },
    "country": {**_TEXT},
    "since": {**_TEXT, "hint": "A year: 2019", "pattern": ["^[0-9]{4}$", "A year: 2019"]},
    "issue": {
        **_TEXT,
        "hint": "The issue's number: 1",
        "pattern": ["^[1-9][0-9]*$", "A number: 1"],
    },
    "pdf": {**_TEXT, "hint": "https:// address of the PDF, or its path under content/"},
    "contributors": {**_TEXT, "hint": "Comma-separated"},
    "role": {**_TEXT},
    "email": {**_TEXT, "hint": "name@example.org"},
    "phone": {**_TEXT, "hint": "International form: +216 …"},
    "order": {
        **_TEXT,
        "hint": "1 for the first, 2 for the next…",
        "pattern": ["^[0-9]+$", "A whole number"],
    },
    "file": {
        "widget": "file",
        "choose_url": False,
        "media_folder": "/content/press/kit",
        "public_folder": "press/kit",
        "hint": "The file journalists download.",
    },
    "alt": {**_TEXT, "hint": "What the image shows (images only)."},
    "licence": {**_TEXT, "hint": "How journalists may use the file."},
    "credit": {**_TEXT},
    "start": {**_TEXT, "hint": "Events: YYYY-MM-DD HH:MM, or the day alone"},
    "end": {**_TEXT, "hint": "Events: YYYY-MM-DD HH:MM, or the day alone"},
    "timezone": {**_TEXT, "hint": "Events: e.g. Africa/Tunis"},
    "location": {**_TEXT, "hint": "Events: where it takes place"},
    "online": {**_TEXT, "hint": "Events: https:// address to follow it online"},
    "registration": {**_TEXT, "hint": "Events: https:// address to register"},
    "event_status": {"widget": "select", "options": list(events.STATUSES)},
}
# Fields edited left to right in every language: addresses, dates, numbers.
LEFT_TO_RIGHT = (
    "slug", "date", "modified", "website", "licence_url", "email", "phone", "pdf", "since",
    "issue", "order", "start", "end", "timezone", "online", "registration", "image", "logo",
    "cover", "file",
)  # fmt: skip
# What a translation shares with its original: filled in when it is started.
SHARED = (
    "date", "category", "partners", "image", "magazine", "kind", "issue", "logo", "website",
    "since", "cover", "pdf", "email", "phone", "order", "file", "start", "end", "timezone",
    "online", "registration", "event_status",
)  # fmt: skip
_SLUG = {
    "name": "slug",
    "label": "Web address",
    "widget": "newsroom-slug",
    "required": False,  # the widget checks it for new files; existing files keep their name
    "hint": "The file's name, set when it is created: Latin letters, digits and hyphens, "
    "the same in every language.",
}


def config(settings, index, production=False, repo=None, branch="main"):
    """The configuration Decap CMS is started with (theme/admin/newsroom-admin.js)."""
    result = {
        "load_config_file": False,
        "backend": {"name": "github", "repo": repo or "", "branch": branch}
        if production
        else {"name": "proxy", "proxy_url": LOCAL_PROXY.format(port=settings["ADMIN_PROXY_PORT"])},
        "media_folder": f"{_content(settings)}/{MEDIA_FOLDER}",
        "public_folder": MEDIA_FOLDER,
        "publish_mode": "simple",
        "show_preview_links": False,  # no deploy previews: the preview pane is the site's style
        "collections": [
            collection(kind, lang, settings, index)
            for kind in KINDS
            for lang in settings["LANGUAGES"]
        ],
    }
    if production and settings.get("ADMIN_AUTH_URL"):
        result["backend"]["base_url"] = settings["ADMIN_AUTH_URL"]
    return result


def collection(kind, lang, settings, index):
    folders_key, label, path = KINDS[kind]
    names = translations(settings["THEME"], lang)
    rule = rules.KINDS[kind]
    content = _content(settings)
    fields = [] if kind == "issue" else [dict(_SLUG)]
    for name in rule.fields:
        if name in NOT_OFFERED:
            continue
        fields.append(field(kind, name, rule, settings, index, lang, names))
    fields.append({"name": "body", "label": "Body", "widget": "markdown", "required": False})
    result = {
        "name": f"{kind}-{lang}",
        "label": f"{label} · {settings['LANGUAGES'][lang]['name']}",
        "label_singular": f"{rule.name} ({settings['LANGUAGES'][lang]['name']})",
        "folder": f"{content}/{settings[folders_key][0]}",
        "extension": f"{lang}.md",
        "format": FORMAT,
        # From the repository's root: images go to content/images/ whatever
        # the story's folder, and fields name them from content/.
        "media_folder": f"/{content}/{MEDIA_FOLDER}",
        "public_folder": MEDIA_FOLDER,
        "create": True,
        "identifier_field": "title" if "title" in rule.fields else "name",
        "slug": "{{fields.slug}}",
        "path": path,
        "summary": SUMMARIES.get(kind, "{{title}}"),
        "sortable_fields": ["date", "title"] if "date" in rule.fields else [],
        "fields": fields,
    }
    if kind == "issue":
        result["slug"] = rules.ISSUE_SLUG.replace("{number}", "{{fields.issue}}")
        result["identifier_field"] = "issue"
    return result


def field(kind, name, rule, settings, index, lang, names):
    """The editor's field for `name` of a kind whose rules are `rule`."""
    spec = {"name": name, "label": name.replace("_", " ").capitalize()}
    spec.update(FIELDS.get(name, _TEXT))
    spec["required"] = name in rule.required
    if name == "category":
        spec.update(widget="select", options=_options(settings["CATEGORIES"], names))
    elif name == "kind":
        key = "PARTNER_KINDS" if kind == "partner" else "PRESS_KIT_KINDS"
        spec.update(widget="select", options=_options(settings[key], names))
    elif name == "status":
        spec.update(
            widget="select",
            options=list(rules.STATUSES),
            hint="published (the default when empty), draft or hidden",
        )
    elif name == "partners":
        spec.update(
            widget="select", multiple=True, options=_existing(index, "partner", lang, "name")
        )
    elif name == "magazine":
        spec.update(widget="select", options=_existing(index, "issue", lang, "title"))
    return spec


def _content(settings):
    """The content folder's name in the repository (PATH is absolute once read)."""
    return settings["PATH"].rstrip("/").split("/")[-1]


def _options(mapping, names):
    return [{"label": names.gettext(label), "value": key} for key, label in mapping.items()]


def _existing(index, kind, lang, title):
    """The items of `kind` that exist, named in `lang` when they are written in it."""
    found = {}
    for item in index.items:
        if item.kind != kind:
            continue
        value = item.slug if kind == "partner" else item.meta["issue"].value
        shown = item.meta.get(title).value if title in item.meta else value
        if item.lang == lang or value not in found:
            found[value] = shown
    order = (lambda pair: int(pair[0])) if kind == "issue" else None  # issues by number
    return [{"label": shown, "value": value} for value, shown in sorted(found.items(), key=order)]
