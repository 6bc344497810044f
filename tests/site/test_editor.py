"""The web editor at /admin/ in real Chromium, against a checkout (issue 20).

A copy of the real content/ in a git repository is what decap-server (the
editor's local mode, as under `make serve`) reads and writes; the site built
from it is served as a host would. The test writes as an author does: an
Arabic story with its French translation, then a one-field correction of the
seed story; then `invoke check` and a build read what the editor wrote.
"""

import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from playwright.sync_api import expect

from conftest import LANGS, ROOT, SETTINGS, build_site, free_port, invoke
from newsroom.build import admin_proxy
from newsroom.tools.browser import serve

SEED = "articles/2020/aicto-and-huawei-strengthen-their-cooperation"
SLUG = "digital-skills-forum"


@pytest.fixture(scope="module")
def checkout(tmp_path_factory):
    folder = tmp_path_factory.mktemp("checkout")
    shutil.copytree(ROOT / "content", folder / "content")
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True)
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run(["git", *identity, "commit", "-qm", "content"], cwd=folder, check=True)
    return folder


@pytest.fixture(scope="module")
def editor(checkout, tmp_path_factory, browser):
    """(page, checkout): /admin/ open and signed in to the local proxy."""
    from pelican.settings import read_settings

    port = free_port()
    policy = read_settings(str(SETTINGS))["ADMIN_CONTENT_SECURITY_POLICY"].replace(
        "8081", str(port)
    )
    overrides = {"ADMIN_PROXY_PORT": port, "ADMIN_CONTENT_SECURITY_POLICY": policy}
    output = build_site(
        tmp_path_factory.mktemp("site") / "output", checkout / "content", **overrides
    )
    settings = read_settings(
        str(SETTINGS), override={**overrides, "PATH": str(checkout / "content")}
    )
    problems = []
    with admin_proxy.running(settings, checkout), serve(output) as base:
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on(
            "console",
            lambda message: (
                problems.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        page.goto(f"{base}/admin/")
        page.get_by_role("button", name="Login").click()
        page.get_by_text("Stories · English").first.wait_for()
        yield page, base, checkout
        context.close()
    assert problems == [], "the editor ran into errors or its policy"


def _publish(page, path):
    """Publish the entry; return once decap-server has written `path` anew."""
    before = path.read_bytes() if path.exists() else None
    page.get_by_role("button", name="Publish").click()
    page.get_by_role("menuitem", name="Publish now").click()
    for _ in range(200):
        if path.exists() and path.read_bytes() != before:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"the editor did not write {path}")


def _choose(page, field, option):
    page.locator(f"[id^={field}-field]").click()
    page.get_by_role("option", name=option).click()


def test_unchanged_files_round_trip_byte_for_byte(editor):
    """Every content file, read and written again by the editor's format, is
    the same bytes; and a changed summary changes that line alone."""
    page, _, checkout = editor
    texts = {
        str(path.relative_to(checkout)): path.read_text(encoding="utf-8")
        for path in sorted((checkout / "content").rglob("*.md"))
    }
    texts.update(
        {
            str(path.relative_to(ROOT)): path.read_text(encoding="utf-8")
            for path in sorted((ROOT / "tests" / "sites").rglob("*.md"))
            if "bad" not in path.parts
        }
    )
    result = page.evaluate(
        """(texts) => {
          const F = window.NewsroomFormat, out = {};
          for (const [name, text] of Object.entries(texts)) {
            const data = F.fromFile(text);
            out[name] = [F.toFile(data, Object.keys(data)) === text];
            if (data.summary !== undefined) {
              const changed = F.toFile({...data, summary: "Changed."}, Object.keys(data));
              const a = text.split("\\n"), b = changed.split("\\n");
              const differ = a.filter((line, i) => line !== b[i]).length;
              out[name].push(a.length === b.length && differ === 1);
            }
          }
          return out;
        }""",
        texts,
    )
    assert len(result) > 50
    assert {name: checks for name, checks in result.items() if not all(checks)} == {}


def test_a_new_arabic_story_and_its_french_translation(editor, tmp_path):
    page, base, checkout = editor
    photo = tmp_path / "forum-photo.jpg"
    Image.new("RGB", (1200, 800), (30, 90, 160)).save(photo, quality=85)
    page.goto(f"{base}/admin/#/collections/article-ar/new")
    title = page.locator("input[id^=title-field]")
    title.wait_for()
    page.locator("input[id^=slug-field]").fill(SLUG)
    title.fill("منتدى المهارات الرقمية")
    assert title.get_attribute("dir") == "rtl" and title.get_attribute("lang") == "ar"
    font = title.evaluate("field => getComputedStyle(field).fontFamily")
    assert font.startswith('"Noto Naskh Arabic Subset"')  # the theme's font, from /theme/fonts/
    assert page.locator("input[id^=slug-field]").get_attribute("dir") == "ltr"
    page.locator("input[id^=date-field]").fill("2025-05-18")
    _choose(page, "category", "أخبار")
    _choose(page, "partners", "هواوي")
    page.locator("textarea[id^=summary-field]").fill("ملخص قصير للخبر.")
    page.locator("input[id^=image_alt-field]").fill("قاعة المنتدى")
    page.get_by_role("button", name="Choose an image").click()
    page.locator("input[type=file]").set_input_files(str(photo))
    page.get_by_role("button", name="Choose selected").click()
    body = page.locator("[data-slate-editor=true]")
    body.click()
    page.keyboard.type("نص الخبر الأول.")
    assert body.get_attribute("dir") == "rtl"
    folder = checkout / "content" / "articles" / "2025"
    _publish(page, folder / f"{SLUG}.ar.md")

    # The preview lists the languages and starts the missing one beside it.
    page.wait_for_url(f"**/collections/article-ar/entries/2025/{SLUG}")
    preview = page.frame_locator("iframe").first
    preview.get_by_role("link", name="+ Français").wait_for()
    assert preview.get_by_role("link").all_inner_texts() == ["+ English", "+ Français"]
    preview.get_by_role("link", name="+ Français").click()
    french = page.locator("input[id^=title-field]")
    french.wait_for()
    assert page.locator("input[id^=slug-field]").input_value() == SLUG
    french.fill("Forum des compétences numériques")
    assert french.get_attribute("dir") == "ltr"
    page.locator("textarea[id^=summary-field]").fill("Un court résumé de la nouvelle.")
    page.locator("input[id^=image_alt-field]").fill("La salle du forum")
    page.locator("[data-slate-editor=true]").click()
    page.keyboard.type("Le texte de la nouvelle.")
    _publish(page, folder / f"{SLUG}.fr.md")

    assert sorted(path.name for path in folder.iterdir()) == [f"{SLUG}.ar.md", f"{SLUG}.fr.md"]
    assert (checkout / "content" / "images" / photo.name).is_file()
    arabic = (folder / f"{SLUG}.ar.md").read_text(encoding="utf-8")
    assert arabic == (
        "Title: منتدى المهارات الرقمية\n"
        "Date: 2025-05-18\n"
        "Category: news\n"
        f"Image: images/{photo.name}\n"
        "Image_alt: قاعة المنتدى\n"
        "Partners: huawei\n"
        "Summary: ملخص قصير للخبر.\n"
        "\n"
        "نص الخبر الأول.\n"
    )
    french_text = (folder / f"{SLUG}.fr.md").read_text(encoding="utf-8")
    assert french_text.startswith("Title: Forum des compétences numériques\nDate: 2025-05-18\n")
    assert "Partners: huawei\n" in french_text and "Category: news\n" in french_text
    assert not (folder / f"{SLUG}.en.md").exists()  # a language not written is no file

    checked = invoke("check", "--content", str(checkout / "content"))
    assert checked.returncode == 0, checked.stderr
    site = build_site(tmp_path / "output", checkout / "content")
    pages = {
        lang: site / lang / "news" / "2025" / "05" / SLUG / "index.html" for lang in ("ar", "fr")
    }
    for lang, path in pages.items():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        hreflang = {
            link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")
        }
        other = "fr" if lang == "ar" else "ar"
        assert hreflang[other].endswith(f"/{other}/news/2025/05/{SLUG}/")
        assert "en" not in hreflang


def test_changing_one_field_of_the_seed_story_changes_one_line(editor):
    page, base, checkout = editor
    for lang in LANGS:
        path = checkout / "content" / f"{SEED}.{lang}.md"
        before = path.read_bytes()
        # A page load of its own: the editor is opened on the story, as from a link.
        page.goto(
            f"{base}/admin/?{lang}#/collections/article-{lang}/entries/{SEED.split('/', 1)[1]}"
        )
        title = before.decode().split("Title: ", 1)[1].split("\n", 1)[0]
        expect(page.locator("input[id^=title-field]")).to_have_value(title)  # this language's
        # The preview links to the two other languages, which exist.
        links = page.frame_locator("iframe").first.get_by_role("link")
        expect(links).to_have_count(2)
        assert [links.nth(i).get_attribute("href") for i in range(2)] == [
            f"#/collections/article-{other}/entries/{SEED.split('/', 1)[1]}"
            for other in LANGS
            if other != lang
        ]
        page.locator("textarea[id^=summary-field]").fill(f"A corrected summary ({lang}).")
        _publish(page, path)
        diff = subprocess.run(
            ["git", "diff", "--unified=0", "--", str(path)],
            cwd=checkout,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        changed = [
            line
            for line in diff.splitlines()
            if line[:1] in "+-" and line[:3] not in ("+++", "---")
        ]
        assert changed == [
            f"-Summary: {before.decode().split('Summary: ', 1)[1].split(chr(10), 1)[0]}",
            f"+Summary: A corrected summary ({lang}).",
        ]


def test_its_interface_speaks_the_browsers_language_where_decap_has_it(editor):
    """French and English interfaces; Decap has no Arabic one (docs/editor.md)."""
    page, base, _ = editor
    for locale, login in (("fr-FR", "Se connecter"), ("ar-TN", "Login")):
        context = page.context.browser.new_context(locale=locale)
        other = context.new_page()
        other.goto(f"{base}/admin/")
        expect(other.get_by_role("button", name=login)).to_be_visible()
        context.close()
