"""Content-hashed theme files: new content, new name; pages name the current one."""

import re
import shutil

from conftest import THEME
from newsroom.build.assets import plan

HASHED_RE = re.compile(r"/theme/[\w/-]+\.[0-9a-f]{10}\.(css|js|svg|woff2)$")


def test_a_changed_file_gets_a_new_name_and_so_do_stylesheets_naming_it(tmp_path):
    static = tmp_path / "static"
    shutil.copytree(THEME / "static", static)
    before = plan(static)
    font = static / "fonts/noto-naskh-arabic-400.woff2"
    font.write_bytes(font.read_bytes() + b"\0")

    after = plan(static)

    assert (
        after["fonts/noto-naskh-arabic-400.woff2"][0]
        != before["fonts/noto-naskh-arabic-400.woff2"][0]
    )
    assert after["css/newsroom.css"][0] != before["css/newsroom.css"][0], "its url() changed"
    assert after["js/share.js"] == before["js/share.js"], "unrelated files keep their names"
    css = after["css/newsroom.css"][1].decode()
    font_name = after["fonts/noto-naskh-arabic-400.woff2"][0].rsplit("/", 1)[1]
    assert f'url("../fonts/{font_name}")' in css


def test_pages_name_only_hashed_theme_files_that_exist(site):
    named = set()
    for page in site.html_pages():
        soup = site.soup("/" + str(page.relative_to(site.root)))
        for node in soup.select('link[href^="/theme/"], script[src^="/theme/"]'):
            url = node.get("href") or node.get("src")
            assert HASHED_RE.search(url), (page, url)
            assert site.exists(url), url
            named.add(url)
    assert any(url.endswith(".css") for url in named) and any(url.endswith(".js") for url in named)
    # The unhashed copies are gone: nothing can serve a stale file under a stable name.
    assert not (site.root / "theme/css/newsroom.css").exists()
    stylesheet = next(site.root.glob("theme/css/newsroom.*.css")).read_text()
    for font in re.findall(r'url\("\.\./fonts/([^"]+)"\)', stylesheet):
        assert (site.root / "theme/fonts" / font).is_file()
