"""Lighthouse (mobile) on the built site: `invoke lighthouse`.

Lighthouse 12.2.3 comes from npm (package.json; `make lighthouse` installs it)
and runs Debian's Chromium with the flags that keep it off the network.
Scores are written to output-lighthouse/ as JSON, one report per page.
"""

import json
import os
import subprocess
from pathlib import Path

from .browser import CHROMIUM, CHROMIUM_ARGS, serve

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = {
    "ar home": "/ar/",
    "ar article": "/ar/news/2020/11/aicto-and-huawei-strengthen-their-cooperation/",
    "en home": "/en/",
    "en article": "/en/news/2020/11/aicto-and-huawei-strengthen-their-cooperation/",
}


def audit(root, reports, lighthouse):
    """{page name: {category: score 0-100}} for PAGES of the site in `root`."""
    reports = Path(reports)
    reports.mkdir(parents=True, exist_ok=True)
    scores = {}
    with serve(root) as base_url:
        for name, path in PAGES.items():
            result = report(base_url + path, reports / f"{name.replace(' ', '-')}.json", lighthouse)
            scores[name] = {
                category: round(result["categories"][category]["score"] * 100)
                for category in CATEGORIES
            }
            scores[name]["failed"] = failed_audits(result)
    return scores


def report(url, path, lighthouse, categories=CATEGORIES):
    """Lighthouse's report (mobile, its defaults) on `url`, saved to `path` and returned."""
    subprocess.run(
        [
            str(lighthouse),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={path}",
            f"--only-categories={','.join(categories)}",
            f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    return json.loads(Path(path).read_text(encoding="utf-8"))


def failed_audits(result):
    """Ids of the audits that cost points outside performance metrics."""
    failed = []
    for category in CATEGORIES[1:]:
        for ref in result["categories"][category]["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                failed.append(ref["id"])
    return failed
