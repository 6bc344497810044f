"""In production, scripts run only from the folders ours are in.

publishconf.py's policy names the theme's scripts and the search index
(SCRIPT_SOURCES), not the whole origin: a file that reached the site
elsewhere, under /images/ say, cannot run as a script even from the site's
own pages. The real content is built with publishconf.py for the address it
is then served at, and opened in Chromium: search works (our scripts, Pagefind
and its worker and WebAssembly), and a script under /images/ is refused.
"""

import socket

import pytest

from conftest import LANGS, Site, invoke
from newsroom.tools.browser import open_page, read_headers, serve
from validators import LISTEN_FOR_CSP

QUERY = {"ar": "هواوي", "en": "Huawei", "fr": "Huawei"}


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    output = tmp_path_factory.mktemp("production") / "output"
    result = invoke("build", "--publish", "--output", str(output), env={"SITEURL": base})
    assert result.returncode == 0, result.stderr
    # What the content rules never let through, put there by hand.
    (output / "images").mkdir(exist_ok=True)
    (output / "images/evil.js").write_text("window.__evil = true;\n")
    with serve(output, headers=read_headers(output / "_headers"), port=port) as url:
        assert url == base
        yield Site(output), base


def test_the_policy_names_the_folders_of_our_scripts(production):
    site, base = production
    policy = site.soup("/en/").select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert f"script-src {base}/theme/js/ {base}/pagefind/ 'wasm-unsafe-eval'" in policy
    assert "'self'" not in policy.split("script-src")[1].split(";")[0]
    assert read_headers(site.root / "_headers")["Content-Security-Policy"].startswith(policy)


@pytest.mark.parametrize("lang", LANGS)
def test_search_runs_under_the_production_policy(browser, production, lang):
    _, base = production
    with open_page(browser, f"{base}/{lang}/search/?q={QUERY[lang]}", 1280,
                   init_script=LISTEN_FOR_CSP) as page:  # fmt: skip
        page.locator(".pagefind-ui__result-link").first.wait_for()
        assert page.evaluate("window.__cspViolations") == []


def test_a_script_elsewhere_on_the_site_is_refused(browser, production):
    _, base = production
    with open_page(browser, f"{base}/en/", 1280, init_script=LISTEN_FOR_CSP) as page:
        page.evaluate(
            """() => new Promise((done) => {
                const script = document.createElement("script");
                script.src = "/images/evil.js";
                script.onerror = done;
                script.onload = done;
                document.head.append(script);
            })"""
        )
        violations = page.evaluate("window.__cspViolations")
        assert page.evaluate("window.__evil") is None
    # Once for each policy that refuses it: the <meta> and the header.
    assert {(v["directive"], v["blocked"]) for v in violations} == {
        ("script-src-elem", f"{base}/images/evil.js")
    }
