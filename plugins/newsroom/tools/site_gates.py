"""`invoke check-site`: the gates a content change passes before it is published.

CI takes this path for a push that changes only content/ (docs/hosting.md):
no code changed, so the test suite has nothing new to say, and a correction
goes live in minutes. The gates are those of the suite that content can
break, run on the built site:

- the build itself: the content check, the runs, redirects, search;
- links: every address inside the site, in the pages the change rendered
  (`changed`) or in every page, names a file the build wrote;
- the Nu Html Checker and axe (WCAG 2.2 AA, in Chromium) on those pages;
- feeds (feedparser) and sitemaps (well-formed XML) of the whole site.

A failed gate leaves output/ as it was before the command (the build
swaps the new site in; it is swapped back out), so nothing is published;
each failure is one line, `<gate>: <where>: <what>`.
"""

import hashlib
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from ..build import BuildError, build

ROOT = Path(__file__).resolve().parents[3]
VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
AXE = ROOT / "node_modules/axe-core/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_RUN = """async (tags) => {
    const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
    return results.violations.map((rule) => [rule.id, rule.nodes[0].target.join(" ")]);
}"""
LINKED = (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "srcset"))


class GateError(Exception):
    """The gates that failed, one line each."""


def check_site(settings_file, output, overrides, changed=False):
    """Build into `output`, then run the gates; return a summary line, or
    raise GateError with one line per failure (output/ as it was)."""
    output = Path(output).resolve()
    before = _digests(output)
    kept = _keep(output)
    try:
        try:
            build(settings_file, output=output, overrides=overrides)
        except BuildError as error:
            raise GateError(*[f"build: {line}" for line in str(error).splitlines()]) from None
        pages = [
            path
            for path in sorted(output.rglob("*.html"))
            if not changed or before.get(path) != _digest(path)
        ]
        failures = _links(output, pages) + _feeds(output) + _sitemaps(output)
        failures += _vnu(output, pages) + _axe(output, pages)
        if failures:
            raise GateError(*failures)
    except GateError:
        _restore(output, kept)
        raise
    if kept:
        shutil.rmtree(kept, ignore_errors=True)
    return f"Every gate passed on {len(pages)} pages (links, HTML, axe), the feeds and sitemaps."


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _digests(output):
    return {path: _digest(path) for path in output.rglob("*.html")} if output.is_dir() else {}


def _keep(output):
    """A copy of the current site made of hard links (instant), to put back."""
    if not output.is_dir():
        return None
    kept = output.with_name(f".{output.name}.before-check-{os.getpid()}")
    shutil.rmtree(kept, ignore_errors=True)
    shutil.copytree(output, kept, copy_function=os.link)
    return kept


def _restore(output, kept):
    shutil.rmtree(output, ignore_errors=True)
    if kept:
        kept.rename(output)


def _shown(output, path):
    return "/" + path.relative_to(output).as_posix()


def _links(output, pages):
    """Addresses inside the site that name no file of it."""
    failures = []
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in LINKED:
            for element in soup.find_all(tag, **{attribute: True}):
                for url in _urls(element[attribute], attribute):
                    parts = urlsplit(url)
                    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                        continue  # another site, a mailto:, a fragment, or relative
                    if not _exists(output, unquote(parts.path)):
                        failures.append(
                            f"links: {_shown(output, page)}: {url} is not a page or file "
                            "of the site"
                        )
    return failures


def _urls(value, attribute):
    if attribute == "srcset":
        return [part.split()[0] for part in value.split(",") if part.strip()]
    return [value]


def _exists(output, path):
    target = output / path.lstrip("/")
    return target.is_file() or (target / "index.html").is_file()


def _feeds(output):
    import feedparser

    failures = []
    for path in sorted(output.rglob("*.xml")):
        if path.name.endswith((".atom.xml", ".rss.xml")):
            parsed = feedparser.parse(path.read_bytes())
            if parsed.bozo:
                failures.append(f"feeds: {_shown(output, path)}: {parsed.bozo_exception}")
    for path in sorted(output.rglob("feed.json")):
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except ValueError as error:
            failures.append(f"feeds: {_shown(output, path)}: {error}")
    return failures


def _sitemaps(output):
    failures = []
    for path in sorted(output.rglob("*sitemap.xml")):
        try:
            ET.parse(path)
        except ET.ParseError as error:
            failures.append(f"sitemaps: {_shown(output, path)}: {error}")
    return failures


def _vnu(output, pages):
    if not pages:
        return []
    java = shutil.which("java")
    if not java or not VNU.is_file():
        return [
            "html: the Nu Html Checker needs Java and node_modules/vnu-jar: run make check-site"
        ]
    result = subprocess.run(
        [java, "-jar", str(VNU), "--stdout", "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    failures = []
    for message in json.loads(result.stdout or '{"messages": []}')["messages"]:
        where = Path(unquote(urlsplit(message.get("url", "")).path))
        shown = _shown(output, where) if where.is_relative_to(output) else "vnu"
        line = message.get("lastLine", "?")
        failures.append(f"html: {shown}:{line}: {' '.join(message['message'].split())}")
    return failures


def _axe(output, pages):
    if not pages:
        return []
    if not AXE.is_file():
        return ["axe: node_modules/axe-core is missing: run `make check-site`"]
    from .browser import chromium, open_page, read_headers, serve

    failures = []
    headers = read_headers(output / "_headers") if (output / "_headers").is_file() else {}
    with serve(output, headers=headers) as base, chromium() as browser:
        for page in pages:
            shown = _shown(output, page)
            with open_page(browser, base + shown, 1280, bypass_csp=True) as tab:
                tab.add_script_tag(path=str(AXE))
                for rule, target in tab.evaluate(AXE_RUN, AXE_TAGS):
                    failures.append(f"axe: {shown}: {rule} ({target})")
    return failures
