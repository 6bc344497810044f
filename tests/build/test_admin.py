"""/admin/, the web editor (build/admin.py, build/admin_config.py): its
configuration comes from the settings, the rules and the content; it is in
development builds and in production ones only when ADMIN is set; it has its
own policy and is noindex, in no sitemap and no search index."""

import json

import pytest
from bs4 import BeautifulSoup
from pelican.settings import read_settings

from conftest import ROOT, SETTINGS, build_site
from newsroom.build import BuildError
from newsroom.build.admin_config import LEFT_TO_RIGHT, NOT_OFFERED, SHARED, config
from newsroom.model import events, rules
from newsroom.model.scan import scan
from newsroom.tools.browser import read_headers
from newsroom.tools.nginx import server_block

PUBLISH = str(ROOT / "publishconf.py")


@pytest.fixture(scope="module")
def settings():
    return read_settings(str(SETTINGS))


@pytest.fixture(scope="module")
def editor(settings):
    return config(settings, scan(settings))


def _collections(editor, kind):
    return {
        c["name"].rsplit("-", 1)[1]: c
        for c in editor["collections"]
        if c["name"].rsplit("-", 1)[0] == kind
    }


def _options(field):
    return [option["value"] if isinstance(option, dict) else option for option in field["options"]]


def test_it_names_every_language_category_partner_kind_and_partner(settings, editor):
    index = scan(settings)
    partners = sorted({item.slug for item in index.items if item.kind == "partner"})
    issues = sorted({item.meta["issue"].value for item in index.items if item.kind == "issue"})
    assert partners and issues  # the real content has both
    for kind in ("article", "page", "partner", "issue", "contact", "kit"):
        assert sorted(_collections(editor, kind)) == sorted(settings["LANGUAGES"])
    for lang, stories in _collections(editor, "article").items():
        fields = {field["name"]: field for field in stories["fields"]}
        assert _options(fields["category"]) == list(settings["CATEGORIES"])
        assert sorted(_options(fields["partners"])) == partners
        assert fields["partners"]["multiple"] is True
        assert sorted(_options(fields["magazine"])) == issues
        assert stories["folder"] == "content/articles"
        assert stories["extension"] == f"{lang}.md"
        assert stories["path"] == "{{year}}/{{slug}}"
    assert _options(fields["event_status"]) == list(events.STATUSES)
    assert _options(fields["status"]) == list(rules.STATUSES)
    for partner in _collections(editor, "partner").values():
        kinds = {field["name"]: field for field in partner["fields"]}["kind"]
        assert _options(kinds) == list(settings["PARTNER_KINDS"])
    for kit in _collections(editor, "kit").values():
        kinds = {field["name"]: field for field in kit["fields"]}["kind"]
        assert _options(kinds) == list(settings["PRESS_KIT_KINDS"])


def test_it_offers_the_fields_of_the_rules_and_no_other(editor):
    kinds = {"article", "page", "partner", "issue", "contact", "kit"}
    for collection in editor["collections"]:
        kind = collection["name"].rsplit("-", 1)[0]
        assert kind in kinds
        rule = rules.KINDS[kind]
        offered = [field["name"] for field in collection["fields"]]
        written = [name for name in offered if name not in ("slug", "body")]
        assert written == [name for name in rule.fields if name not in NOT_OFFERED]
        required = {field["name"] for field in collection["fields"] if field["required"]}
        assert required == set(rule.required)
        assert not set(offered) & set(rules.STEERING) - {
            "slug"
        }  # the slug is the file's name, never a line


def test_the_field_lists_the_script_reads_name_fields_of_the_rules():
    every = {name for kind in rules.KINDS.values() for name in kind.fields} | {"slug"}
    assert set(LEFT_TO_RIGHT) <= every and set(SHARED) <= every


def test_the_site_keeps_its_policy_and_admin_has_its_own(fixture_sites):
    site = fixture_sites("stories")
    page = BeautifulSoup((site.root / "admin" / "index.html").read_text(), "html.parser")
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "'unsafe-eval'" in policy and "http://127.0.0.1:8081" in policy
    assert page.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    assert (site.root / "admin" / "decap-cms.js").is_file()
    assert (
        json.loads((site.root / "admin" / "config.json").read_text())["backend"]["name"] == "proxy"
    )
    headers = (site.root / "_headers").read_text()
    block = headers.split("/admin/*\n", 1)[1]
    assert "X-Robots-Tag: noindex" in block and "'unsafe-eval'" in block
    assert "'unsafe-eval'" not in read_headers(site.root / "_headers")["Content-Security-Policy"]
    for sitemap in site.root.glob("*sitemap*.xml"):
        assert "/admin/" not in sitemap.read_text()
    assert not list((site.root / "pagefind").rglob("*admin*"))
    home = BeautifulSoup((site.root / "en" / "index.html").read_text(), "html.parser")
    assert (
        "'unsafe-eval'"
        not in home.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    )


def test_production_builds_have_it_only_when_asked(tmp_path, monkeypatch):
    content = ROOT / "tests" / "sites" / "stories"
    monkeypatch.delenv("ADMIN", raising=False)
    site = build_site(tmp_path / "off", content, ADMIN=read_settings(PUBLISH)["ADMIN"])
    assert not (site / "admin").exists()
    assert "/admin/*\n  Content-Security-Policy" not in (site / "_headers").read_text()
    with pytest.raises(BuildError, match="ADMIN_REPO"):
        build_site(tmp_path / "norepo", content, ADMIN=True, ADMIN_BACKEND="github", ADMIN_REPO="")
    site = build_site(
        tmp_path / "on", content, ADMIN=True, ADMIN_BACKEND="github", ADMIN_REPO="aicto/newsroom"
    )
    backend = json.loads((site / "admin" / "config.json").read_text())["backend"]
    assert backend == {"name": "github", "repo": "aicto/newsroom", "branch": "main"}


def test_nginx_gives_admin_its_own_policy(settings):
    block = server_block({**settings, "ADMIN": True})
    admin = block.split("location ^~ /admin/ {", 1)[1].split("}", 1)[0]
    assert "'unsafe-eval'" in admin and "X-Robots-Tag" in admin
    rest = block.replace(admin, "")
    assert "'unsafe-eval'" not in rest
