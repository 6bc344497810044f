"""WordPress migration (issue 9): `invoke import-wordpress` on hand-written
WXR exports (tests/data/wordpress/), then a real build of what it wrote.

aicto.xml is a Polylang site in English and Arabic: two stories in both
languages, an Arabic story whose only slug is Arabic, an English draft, a
page in both languages, media (one image with alt text, one without) and a
reader's comment. The import runs through the CLI into an empty content
folder; the test then puts each listed media file in place (small images
made with Pillow, as an author would after downloading them) and builds.
"""

import json
import re
import shutil
import subprocess
from types import SimpleNamespace

import pytest
from PIL import Image

from conftest import ROOT, SITEURL, Site, build_refuses, invoke, snapshot
from newsroom.model.frontmatter import read_source
from newsroom.model.old_urls import FIELD, parse, values

DATA = ROOT / "tests/data/wordpress"
EXPORT = DATA / "aicto.xml"
# Polylang gives each language its own categories: the Arabic ones are mapped by slug.
CATEGORIES = "أخبار=news,بيانات-صحفية=press-releases"
MEETING = "aicto-and-huawei-strengthen-their-cooperation"
TECH4ALL = "huawei-presents-its-rd-investment-and-the-tech4all-program-to-aicto"
DRAFT = "smart-magazine-aicto-thanks-huawei-for-its-contribution"
# Every file the import writes: file -> the URL it is built at.
FILES = {
    f"articles/2020/{MEETING}.en.md": f"/en/news/2020/11/{MEETING}/",
    f"articles/2020/{MEETING}.ar.md": f"/ar/news/2020/11/{MEETING}/",
    f"articles/2020/{TECH4ALL}.en.md": f"/en/press-releases/2020/11/{TECH4ALL}/",
    f"articles/2020/{TECH4ALL}.ar.md": f"/ar/press-releases/2020/11/{TECH4ALL}/",
    "articles/2020/post-105.ar.md": "/ar/news/2020/11/post-105/",
    f"articles/2020/{DRAFT}.en.md": f"/en/drafts/{DRAFT}/",
    "pages/about.en.md": "/en/about/",
    "pages/about.ar.md": "/ar/about/",
}
PUBLISHED = {file: url for file, url in FILES.items() if "/drafts/" not in url}
MEETING_AR_PATH = (
    "/ar/2020/11/24/المنظمة-العربية-لتكنولوجيات-الاتصال-والمعلومات-وهواوي-تعززان-تعاونهما/"
)
MEDIA = "https://aicto.org/wp-content/uploads/2020/11/"
# A line of _redirects for one of the old site's lists (test_wordpress_lists.py)
LIST_REDIRECT_RE = re.compile(r"^(/ar)?/((category|tag|author|feed)/|\d{4}/(\d\d/){0,2} )")


def fields(path):
    return {key: field.value for key, field in read_source(path).fields.items()}


def import_into(content, *args, export=EXPORT):
    return invoke("import-wordpress", str(export), "--content", str(content), *args)


def fetch_media(media_list):
    """What an author does with the list: put a file at each path (here, a
    small image instead of the download)."""
    for line in media_list.read_text(encoding="utf-8").splitlines():
        url, path = line.split("\t")
        path = ROOT / path  # relative to where the import ran, or absolute
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (8, 6), (120, 120, 120)).save(path)


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    root = tmp_path_factory.mktemp("wordpress")
    content = root / "content"
    content.mkdir()
    result = import_into(content, "--categories", CATEGORIES)
    assert result.returncode == 0, result.stderr
    return SimpleNamespace(root=root, content=content, result=result)


@pytest.fixture(scope="module")
def built(imported):
    """The imported content with its media in place, built with the CLI."""
    fetch_media(imported.root / "wordpress-media.txt")
    output = imported.root / "output"
    result = invoke("build", "--content", str(imported.content), "--output", str(output))
    return SimpleNamespace(site=Site(output), result=result)


def old_urls(path):
    meta = read_source(path).fields
    return [parse(value) for value in values(meta[FIELD])] if FIELD in meta else []


# The import


def test_the_import_writes_each_post_and_page_in_our_layout(imported):
    written = sorted(str(p.relative_to(imported.content)) for p in imported.content.rglob("*.md"))

    # and the redirects of the old site's lists (test_wordpress_lists.py)
    lists = ["redirects/wordpress.ar.md", "redirects/wordpress.en.md"]
    assert written == sorted([*FILES, *lists])
    media_list = imported.root / "wordpress-media.txt"
    assert media_list.read_text(encoding="utf-8").splitlines() == [
        f"{MEDIA}aicto-huawei-meeting-1024x683.jpg\t"
        f"{imported.content}/images/2020/11/aicto-huawei-meeting-1024x683.jpg",
        f"{MEDIA}aicto-huawei-meeting.jpg\t{imported.content}/images/2020/11/aicto-huawei-meeting.jpg",
        f"{MEDIA}tech4all.png\t{imported.content}/images/2020/11/tech4all.png",
    ]


def test_the_import_reports_counts_media_and_what_needs_attention(imported):
    out = imported.result.stdout
    tech4all_en = imported.content / f"articles/2020/{TECH4ALL}.en.md"

    assert "4 stories: 6 files (ar 3, en 3), 1 of them a draft" in out
    assert "1 page: 2 files (ar 1, en 1)" in out
    assert f"3 media files listed in {imported.root / 'wordpress-media.txt'}" in out
    # Without --media-from or --fetch-media, each file is missing: said once, with its stories.
    en, ar = (imported.content / f"articles/2020/{MEETING}.{lang}.md" for lang in ("en", "ar"))
    images = imported.content / "images/2020/11"
    assert (
        "Still missing (3), each with the files that show it (the build stops on them until "
        "the file is in place):\n"
        f"  {images}/aicto-huawei-meeting-1024x683.jpg: {en}\n"
        f"  {images}/aicto-huawei-meeting.jpg: {en}, {ar}\n"
        f"  {images}/tech4all.png: {tech4all_en}\n"
    ) in out
    lists = [imported.content / f"redirects/wordpress.{lang}.md" for lang in ("en", "ar")]
    assert (
        "38 addresses of the old site's categories, tags, date archives, authors and feeds in "
        f"{lists[0]}, {lists[1]}: the build redirects them"
    ) in out
    assert "Not imported: 1 comment (the site has none); 1 nav_menu_item (publish)." in out
    assert "Needs your attention (3):" in out
    assert (
        f"{tech4all_en}: an image without alt text is left in a comment ([alt text needed]): "
        "describe it and put it back as ![what it shows]({static}/images/2020/11/tech4all.png)"
    ) in out
    assert f"{TECH4ALL}.ar.md: the WordPress excerpt has 267 characters, more than 200" in out
    assert 'post-105.ar.md: no Latin slug in WordPress: named "post-105"' in out
    assert imported.result.stderr == ""


def test_front_matter_keeps_dates_categories_tags_authors_and_summaries(imported):
    en = fields(imported.content / f"articles/2020/{MEETING}.en.md")
    ar = fields(imported.content / f"articles/2020/{MEETING}.ar.md")

    assert en == {
        "title": "AICTO and HUAWEI strengthen their cooperation",
        "date": "2020-11-24 11:00",  # 10:00 UTC in WordPress, in Tunis time
        "category": "news",
        "tags": "Cooperation, Huawei, Smart Magazine",  # "Smart Magazine" was a category
        "author": "AICTO",  # the display name, not the login
        "summary": "A meeting held on Tuesday, November 24, 2020 brought together AICTO’s "
        "officials with their counterparts from Huawei to strengthen the cooperation between "
        "the two.",
        "image": "images/2020/11/aicto-huawei-meeting.jpg",
        "image_alt": "Officials of AICTO and Huawei at their meeting",
        "image_caption": "The meeting of 24 November 2020.",
        "old_urls": f"/2020/11/24/{MEETING}/\n/?p=101",
    }
    assert ar["category"] == "news"  # أخبار, by --categories
    assert ar["tags"] == "هواوي, تعاون"
    assert ar["author"] == "المنظمة العربية لتكنولوجيات الاتصال والمعلومات"
    assert ar["image_alt"] == "مسؤولو المنظمة وهواوي خلال اجتماعهم"
    assert ar["old_urls"] == f"{MEETING_AR_PATH}\n/?p=102"
    press = fields(imported.content / f"articles/2020/{TECH4ALL}.ar.md")
    assert press["category"] == "press-releases"  # بيانات صحفية, by --categories
    assert "summary" not in press  # the excerpt is too long: reported instead
    draft = fields(imported.content / f"articles/2020/{DRAFT}.en.md")
    assert draft["status"] == "draft"
    assert draft["date"] == "2020-11-26 09:30"  # a draft has no UTC date: its local one
    assert draft["old_urls"] == "/?p=106"
    page = fields(imported.content / "pages/about.en.md")
    assert page == {"title": "About AICTO", "old_urls": "/about/\n/?page_id=110"}


def test_bodies_are_markdown_with_media_in_content_images(imported):
    body = read_source(imported.content / f"articles/2020/{MEETING}.en.md").body
    press = read_source(imported.content / f"articles/2020/{TECH4ALL}.en.md").body

    assert body.startswith("Within the framework of strengthening cooperation")
    # [caption] became the image (with its alt text, linked to the full size) and its caption.
    assert (
        "[![Officials of AICTO and Huawei at their meeting]"
        "({static}/images/2020/11/aicto-huawei-meeting-1024x683.jpg)]"
        "({static}/images/2020/11/aicto-huawei-meeting.jpg)\n\n*The meeting of 24 November 2020.*"
    ) in body
    assert "> “The last two years of cooperation were very fruitful" in body
    assert "**AICTO strategic projects**" in body
    assert "srcset" not in body and "wp-image" not in body and "https://aicto.org" not in body
    assert "A reader" not in body  # comments are not migrated
    # The block editor's image without alt text is a comment for the author.
    assert (
        "<!-- [alt text needed] an image without alt text: {static}/images/2020/11/tech4all.png -->"
    ) in press
    assert "<!-- wp:" not in press and "![" not in press


def test_without_a_latin_slug_the_translation_group_takes_its_siblings(imported):
    """Polylang's Arabic posts have Arabic slugs: the group takes the English one."""
    for slug in (MEETING, TECH4ALL):
        versions = sorted(p.name for p in imported.content.rglob(f"{slug}.*.md"))
        assert versions == [f"{slug}.ar.md", f"{slug}.en.md"]


def test_wpml_translations_are_linked_and_remember_their_original(tmp_path):
    content = tmp_path / "content"

    result = import_into(content, export=DATA / "wpml.xml")

    assert result.returncode == 0, result.stderr
    en, ar = (
        content / f"articles/2020/huawei-officials-confirm-their-involvement.{lang}.md"
        for lang in ("en", "ar")
    )
    assert "translation_of" not in fields(en)
    assert fields(ar)["translation_of"] == "en"
    assert fields(ar)["old_urls"] == "/ar/مسؤولو-هواوي/\n/?p=502"
    assert "media files" not in result.stdout and not (tmp_path / "wordpress-media.txt").exists()


def test_posts_without_language_data_need_lang(tmp_path):
    export = tmp_path / "plain.xml"
    text = (DATA / "wpml.xml").read_text(encoding="utf-8")
    export.write_text(re.sub(r"<wp:postmeta>.*?</wp:postmeta>", "", text, flags=re.S))
    content = tmp_path / "content"

    refused = import_into(content, export=export)

    assert refused.returncode == 1
    assert refused.stderr.strip().splitlines() == [
        "invoke import-wordpress: 2 posts have no language (no Polylang or WPML data), "
        "e.g. post 501; give the language of the site's posts with --lang (ar, en, fr)"
    ]
    assert not content.exists() or not any(content.rglob("*"))

    result = import_into(content, "--lang", "en", export=export)

    assert result.returncode == 0, result.stderr
    # Two posts in one language, no translation group: two stories.
    assert "2 stories: 2 files (en 2)" in result.stdout


# The build


def test_the_imported_content_builds_without_errors_or_warnings(built):
    assert built.result.returncode == 0, built.result.stderr
    assert "ERROR" not in built.result.stderr and "WARNING" not in built.result.stderr


@pytest.mark.parametrize(("file", "url"), PUBLISHED.items())
def test_each_story_and_page_is_at_its_url(imported, built, file, url):
    title = fields(imported.content / file)["title"]

    page = built.site.soup(url)

    assert " ".join(page.h1.get_text().split()) == title
    assert page.html["lang"] == file.split(".")[-2]


def test_the_draft_is_a_draft(built):
    assert built.site.exists(f"/en/drafts/{DRAFT}/")
    assert not list(built.site.root.glob(f"en/news/*/*/{DRAFT}"))


@pytest.mark.parametrize("slug_url", [f"news/2020/11/{MEETING}/", "about/"])
def test_translations_are_linked_both_ways(built, slug_url):
    for lang, other in (("en", "ar"), ("ar", "en")):
        page = built.site.soup(f"/{lang}/{slug_url}")
        hreflang = {
            link["hreflang"]: link["href"]
            for link in page.find_all("link", rel="alternate")
            if link.get("hreflang")
        }
        assert hreflang[other] == f"{SITEURL}/{other}/{slug_url}"
        switcher = page.select_one(f'.language-switcher a[hreflang="{other}"]')
        assert switcher and switcher["href"] == f"/{other}/{slug_url}"


def test_stories_keep_author_tags_category_date_and_images(built):
    en = built.site.soup(f"/en/news/2020/11/{MEETING}/")
    ar = built.site.soup(f"/ar/news/2020/11/{MEETING}/")

    assert en.select_one(".story__byline").get_text(" ", strip=True) == "By AICTO"
    assert "المنظمة العربية لتكنولوجيات الاتصال والمعلومات" in ar.select_one(".story__byline").text
    assert en.find("time")["datetime"] == "2020-11-24T11:00:00+01:00"
    tags = {a.get_text(strip=True) for a in en.find_all("a", href=re.compile("/en/tags/"))}
    assert {"Cooperation", "Huawei", "Smart Magazine"} <= tags
    assert en.find("a", href="/en/news/")
    # Images are shown as renditions (build/media.py): /generated/<path>.<digest>.<width>w.jpg
    shown = {img["src"]: img["alt"] for img in en.find("article").find_all("img")}
    for src in shown:
        assert built.site.exists(src)
    original = re.compile(r"^/generated(/.*)\.[0-9a-f]{10}\.\d+w\.jpg$")
    images = {original.sub(r"\1.jpg", src): alt for src, alt in shown.items()}
    assert images["/images/2020/11/aicto-huawei-meeting-1024x683.jpg"] == (
        "Officials of AICTO and Huawei at their meeting"
    )
    assert (
        images["/images/2020/11/aicto-huawei-meeting.jpg"]
        == images["/images/2020/11/aicto-huawei-meeting-1024x683.jpg"]
    )
    press = built.site.soup(f"/en/press-releases/2020/11/{TECH4ALL}/")
    assert not press.find("article").find("img", src=re.compile("tech4all"))


def test_no_comment_is_published(built):
    for path in built.site.root.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json"):
            assert "A reader" not in path.read_text(encoding="utf-8"), path


# Redirects


def test_every_old_path_has_a_redirect_page_to_the_new_url(imported, built):
    checked = 0
    for file, url in PUBLISHED.items():
        for old in old_urls(imported.content / file):
            if old.query:
                continue
            page = built.site.soup(old.path)
            refresh = page.find("meta", attrs={"http-equiv": "refresh"})
            assert refresh["content"] == f"0; url={url}"
            assert page.find("link", rel="canonical")["href"] == f"{SITEURL}{url}"
            assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
            assert page.find("a", href=url).get_text() == fields(imported.content / file)["title"]
            assert page.html["lang"] == file.split(".")[-2]
            assert built.site.exists(url)
            checked += 1
    assert checked == 7
    assert built.site.exists(MEETING_AR_PATH)  # Arabic paths are Arabic folders


def test_redirects_file_lists_every_old_url_including_queries(imported, built):
    lines = (built.site.root / "_redirects").read_text(encoding="utf-8").splitlines()
    expected = set()
    for file, url in PUBLISHED.items():
        for old in old_urls(imported.content / file):
            if old.query:  # Netlify's form for a query string
                expected.add(f"/ {old.query} {url} 301!")
            else:
                expected.add(f"{old.encoded_path} {url} 301")

    stories = [line for line in lines if not LIST_REDIRECT_RE.match(line)]
    assert len(stories) == len(expected) == 14
    assert set(stories) == expected
    assert f"/ p=101 /en/news/2020/11/{MEETING}/ 301!" in lines
    assert "/ page_id=111 /ar/about/ 301!" in lines
    assert (
        "/ar/2020/11/24/%D8%A7%D9%84%D9%85%D9%86%D8%B8%D9%85%D8%A9-%D8%A7%D9%84%D8%B9%D8%B1%D8%A8"
        in (built.site.root / "_redirects").read_text()
    )
    assert not any("p=106" in line for line in lines)  # a draft: no redirect yet


def test_redirect_pages_are_valid_html(imported, built):
    """The Nu Html Checker (npm vnu-jar, run with Java), as tests/site/test_validators.py does."""
    java = shutil.which("java")
    vnu = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
    assert java, "Java is missing: run `make test`, or sudo apt-get install default-jre-headless"
    assert vnu.is_file(), f"{vnu} is missing: run `make test`, or `npm ci`"
    pages = [
        built.site.file(old.path)
        for file in PUBLISHED
        for old in old_urls(imported.content / file)
        if not old.query
    ]
    assert len(pages) == 7 and all(page.is_file() for page in pages)

    result = subprocess.run(
        [java, "-jar", str(vnu), "--stdout", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stdout
    assert json.loads(result.stdout)["messages"] == []  # no error, no warning


# Refusals: one line, nothing written


def test_an_existing_file_is_never_overwritten(imported, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(imported.content, content, ignore=shutil.ignore_patterns("images"))
    before = snapshot(tmp_path)

    result = import_into(content, "--categories", CATEGORIES)

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"invoke import-wordpress: {content}/articles/2020/{MEETING}.en.md exists already "
        "(WordPress post 101 has its slug and language); the import writes over nothing: "
        "move it away, or import into another --content folder"
    ]
    assert snapshot(tmp_path) == before


def test_an_existing_media_list_is_never_overwritten(tmp_path):
    (tmp_path / "wordpress-media.txt").write_text("mine\n")
    content = tmp_path / "content"

    result = import_into(content)

    assert result.returncode == 1
    assert "wordpress-media.txt exists already" in result.stderr
    assert (tmp_path / "wordpress-media.txt").read_text() == "mine\n"
    assert not content.exists() or not any(content.rglob("*.md"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            EXPORT.read_text(encoding="utf-8")[:3000],
            "is not well-formed XML (line ",
        ),
        (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>A feed</title>'
            "</channel></rss>",
            "is not a WordPress export (WXR): export it from WordPress, "
            "Tools > Export > All content",
        ),
    ],
    ids=["truncated", "plain-rss"],
)
def test_a_bad_export_is_refused_in_one_line(tmp_path, text, message):
    export = tmp_path / "export.xml"
    export.write_text(text, encoding="utf-8")
    content = tmp_path / "content"

    result = import_into(content, export=export)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"invoke import-wordpress: {export} {message}"), line
    assert not content.exists() or not any(content.rglob("*"))


def test_a_missing_export_is_refused(tmp_path):
    result = import_into(tmp_path / "content", export=tmp_path / "nothing.xml")

    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"invoke import-wordpress: {tmp_path / 'nothing.xml'} is not a file; "
        "give the path of the WordPress export (.xml)"
    )


def test_translate_leaves_the_old_urls_to_the_original(imported, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(imported.content, content)
    original = content / f"articles/2020/{MEETING}.en.md"

    result = invoke("translate", str(original), "--to", "fr", "--content", str(content))

    assert result.returncode == 0, result.stderr
    assert FIELD not in fields(content / f"articles/2020/{MEETING}.fr.md")


# Old_URLs that clash: content errors naming the file, the line and the field


def page_claiming(*urls):
    return "Title: A page\nOld_URLs: " + "\n    ".join(urls) + "\n\nText.\n"


@pytest.fixture
def copy(imported, built, tmp_path):
    """A copy of the imported content (media included) and of its built site."""
    content, output = tmp_path / "content", tmp_path / "output"
    shutil.copytree(imported.content, content)
    shutil.copytree(built.site.root, output)
    return SimpleNamespace(content=content, output=output)


@pytest.mark.parametrize(
    ("urls", "message"),
    [
        (
            ["/about/"],
            '"/about/" is claimed by {content}/pages/about.en.md too; keep it in one file only',
        ),
        (
            ["https://aicto.org/en/news/"],
            '"/en/news/" is the address of a page of the site; remove it from Old_URLs',
        ),
        (
            ["/ar/about/"],
            '"/ar/about/" is the address of a page of the site; remove it from Old_URLs',
        ),
        (
            ["aicto.org/old/"],
            '"aicto.org/old/" is not an address; write it in full (https://…) or from its '
            "first / (e.g. /2020/11/24/my-story/)",
        ),
    ],
    ids=["claimed-twice", "a-section", "a-page", "not-an-address"],
)
def test_the_check_refuses_an_old_url_that_clashes(copy, urls, message):
    bad = copy.content / "pages/zz-page.en.md"
    bad.write_text(page_claiming(*urls), encoding="utf-8")

    result = invoke("check", "--content", str(copy.content))

    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if str(bad) in line]
    assert lines == [f"{bad}:2: old_urls: {message.format(content=copy.content)}"]


def test_the_build_refuses_an_old_url_that_a_built_page_has_and_keeps_the_output(copy):
    line = build_refuses(
        copy.content, copy.output, "pages/zz-page.en.md", page_claiming("/en/tags/huawei/")
    )

    assert line.endswith(
        'pages/zz-page.en.md:2: old_urls: "/en/tags/huawei/" is the address of a page of '
        "the site (/en/tags/huawei/index.html); remove it from Old_URLs"
    )


def test_an_author_may_add_old_urls_by_hand(copy):
    """The field is content, not only the importer's: a page gets a redirect too."""
    path = copy.content / "pages/about.en.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("/?page_id=110", "/?page_id=110\n    /who-we-are.html"))

    result = invoke("build", "--content", str(copy.content), "--output", str(copy.output))

    assert result.returncode == 0, result.stderr
    site = Site(copy.output)
    page = site.soup("/who-we-are.html")
    assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=/en/about/"
    assert "/who-we-are.html /en/about/ 301" in (copy.output / "_redirects").read_text()


def test_a_hostile_export_imports_as_plain_one_line_fields(tmp_path):
    """A display name, an excerpt or a language code with line breaks cannot
    add front-matter fields (publishing a draft, steering Pelican); links to
    javascript: and event handlers are removed and reported; a source language
    that is no language of the site is not kept."""
    text = (DATA / "wpml.xml").read_text(encoding="utf-8")
    hostile = {
        "<wp:author_display_name><![CDATA[AICTO]]>": (
            "<wp:author_display_name><![CDATA[AICTO\nStatus: draft\nSave_as: _headers]]>"
        ),
        "<excerpt:encoded><![CDATA[]]></excerpt:encoded>": (
            "<excerpt:encoded><![CDATA[An excerpt\nSlug: x <script>alert(1)</script>]]>"
            "</excerpt:encoded>"
        ),
        "in the various AICTO strategic projects": (
            'in the <a href="javascript:alert(1)">various</a> AICTO'
            ' <b onmouseover="alert(2)">strategic</b> projects'
        ),
        "<wp:meta_value><![CDATA[en]]></wp:meta_value>\n\t\t</wp:postmeta>\n\t\t<wp:postmeta>"
        "\n\t\t\t<wp:meta_key><![CDATA[_wpml_import_translation_group": (
            "<wp:meta_value><![CDATA[en\nStatus: published]]></wp:meta_value>\n\t\t</wp:postmeta>"
            "\n\t\t<wp:postmeta>\n\t\t\t<wp:meta_key><![CDATA[_wpml_import_translation_group"
        ),
    }
    for old, new in hostile.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    export = tmp_path / "hostile.xml"
    export.write_text(text, encoding="utf-8")
    content = tmp_path / "content"

    result = import_into(content, export=export)

    assert result.returncode == 0, result.stderr
    en, ar = (
        content / f"articles/2020/huawei-officials-confirm-their-involvement.{lang}.md"
        for lang in ("en", "ar")
    )
    assert fields(en)["author"] == "AICTO Status: draft Save_as: _headers"
    assert "status" not in fields(en) and "save_as" not in fields(en) and "slug" not in fields(en)
    assert fields(en)["summary"] == "An excerpt Slug: x"  # the excerpt's text, one line
    assert "translation_of" not in fields(ar)  # "en\nStatus: published" is no language
    body = en.read_text(encoding="utf-8")
    assert "javascript:" not in body and "onmouseover" not in body
    assert "various" in body and "strategic" in body  # the text stays
    notes = [line for line in result.stdout.splitlines() if "removed from the post" in line]
    assert len(notes) == 2, result.stdout
    assert invoke("check", "--content", str(content)).returncode == 0
