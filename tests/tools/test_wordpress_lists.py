"""Moving from WordPress, the rest of the old site (issue 17, item 9): its
category, tag, date-archive, author and feed addresses, redirected in each
language through a redirects file (content/redirects/<slug>.<lang>.md), and
its media, copied from a copy of wp-content/uploads (--media-from) or
downloaded from the old site (--fetch-media, here a real HTTP server on
127.0.0.1 holding the uploads).

aicto.xml (tests/data/wordpress/) is a Polylang site: English at the root,
Arabic under /ar/.
"""

import functools
import http.server
import shutil
import threading

import pytest
from PIL import Image

from conftest import build_refuses, invoke, snapshot
from newsroom.model.frontmatter import read_source
from test_wordpress import CATEGORIES, EXPORT, MEETING, TECH4ALL, built, import_into, imported

__all__ = ["built", "imported"]  # the fixtures, shared with test_wordpress.py

UPLOADS = {  # the files the posts show, under wp-content/uploads/
    "2020/11/aicto-huawei-meeting-1024x683.jpg": (200, 30, 30),
    "2020/11/aicto-huawei-meeting.jpg": (30, 200, 30),
    "2020/11/tech4all.png": (30, 30, 200),
}
EN_LISTS = [
    "/category/news/ -> category news",
    "/category/news/feed/ -> category feed news",
    "/category/smart-magazine/ -> tag Smart Magazine",  # not ours: it became a tag
    "/category/smart-magazine/feed/ -> tag Smart Magazine",
    "/tag/cooperation/ -> tag Cooperation",
    "/tag/cooperation/feed/ -> tag Cooperation",
    "/tag/huawei/ -> tag Huawei",
    "/tag/huawei/feed/ -> tag Huawei",
    "/2020/ -> archives",
    "/2020/11/ -> archives",
    "/2020/11/24/ -> archives",
    "/author/aicto/ -> home",
    "/category/press-releases/ -> category press-releases",
    "/category/press-releases/feed/ -> category feed press-releases",
    "/tag/tech4all/ -> tag Tech4ALL",
    "/tag/tech4all/feed/ -> tag Tech4ALL",
    "/feed/ -> feed",
    "/feed/rss2/ -> feed",
    "/feed/atom/ -> feed",
    "/feed/rdf/ -> feed",
]
AR_LISTS = [
    "/ar/category/أخبار/ -> category news",
    "/ar/category/أخبار/feed/ -> category feed news",
    "/ar/tag/هواوي/ -> tag هواوي",
    "/ar/tag/هواوي/feed/ -> tag هواوي",
    "/ar/tag/تعاون/ -> tag تعاون",
    "/ar/tag/تعاون/feed/ -> tag تعاون",
    "/ar/2020/ -> archives",
    "/ar/2020/11/ -> archives",
    "/ar/2020/11/24/ -> archives",
    "/ar/author/aicto-ar/ -> home",
    "/ar/category/بيانات-صحفية/ -> category press-releases",
    "/ar/category/بيانات-صحفية/feed/ -> category feed press-releases",
    "/ar/tag/tech4all/ -> tag Tech4ALL",
    "/ar/tag/tech4all/feed/ -> tag Tech4ALL",
    "/ar/feed/ -> feed",
    "/ar/feed/rss2/ -> feed",
    "/ar/feed/atom/ -> feed",
    "/ar/feed/rdf/ -> feed",
]


def lines(path):
    value = read_source(path).fields["redirects"].value
    return [line.strip() for line in value.splitlines()]


# The lists


def test_the_import_writes_the_old_sites_lists_for_each_language(imported):
    folder = imported.content / "redirects"

    assert sorted(path.name for path in folder.iterdir()) == ["wordpress.ar.md", "wordpress.en.md"]
    assert lines(folder / "wordpress.en.md") == EN_LISTS
    assert lines(folder / "wordpress.ar.md") == AR_LISTS


@pytest.mark.parametrize(
    ("old", "new", "lang"),
    [
        ("/category/news/", "/en/news/", "en"),
        ("/category/news/feed/", "/en/feeds/news.atom.xml", "en"),
        ("/ar/category/أخبار/", "/ar/news/", "ar"),
        ("/category/smart-magazine/", "/en/tags/smart-magazine/", "en"),
        ("/tag/huawei/", "/en/tags/huawei/", "en"),
        ("/ar/tag/هواوي/", "/ar/tags/هواوي/", "ar"),
        ("/2020/11/", "/en/archives/", "en"),
        ("/ar/2020/11/24/", "/ar/archives/", "ar"),
        ("/author/aicto/", "/en/", "en"),
        ("/feed/", "/en/feeds/all.atom.xml", "en"),
        ("/ar/feed/", "/ar/feeds/all.atom.xml", "ar"),
    ],
)
def test_each_list_leads_to_its_counterpart_in_its_language(built, old, new, lang):
    page = built.site.soup(old)

    assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={new}"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.html["lang"] == lang
    assert page.find("a", href=new).get_text().strip()
    assert built.site.exists(new)


def test_a_category_page_is_named_in_its_language(built):
    assert built.site.soup("/category/news/").find("a").get_text() == "News"
    arabic = built.site.soup("/ar/category/أخبار/").find("a").get_text()
    assert arabic == built.site.soup("/ar/news/").find("h1").get_text().strip()
    assert built.site.soup("/tag/huawei/").find("a").get_text() == "Huawei"


def test_every_line_of_redirects_leads_to_a_page_the_site_has(built):
    """Each `/old /new 301` line of _redirects (the lists' and the stories')."""
    checked = 0
    for line in (built.site.root / "_redirects").read_text(encoding="utf-8").splitlines():
        fields = line.split()
        target = fields[-2]
        assert built.site.exists(target), line
        checked += 1
    assert checked == 14 + len(EN_LISTS) + len(AR_LISTS)


def test_an_existing_redirects_file_is_never_overwritten(tmp_path):
    content = tmp_path / "content"
    mine = content / "redirects/wordpress.ar.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("Redirects: /old/ -> home\n", encoding="utf-8")
    before = snapshot(tmp_path)

    result = import_into(content, "--categories", CATEGORIES)

    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"invoke import-wordpress: {mine} exists already; the import writes over nothing: "
        "move it away, or import into another --content folder"
    )
    assert snapshot(tmp_path) == before


# A redirects file written by hand: the same rules, and lenient about form


@pytest.fixture
def copy(imported, built, tmp_path):
    content, output = tmp_path / "content", tmp_path / "output"
    shutil.copytree(imported.content, content)
    shutil.copytree(built.site.root, output)
    return content, output


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "/old/ -> somewhere",
            '"somewhere" is not a list of the site; lead it to home, archives, tags, feed, '
            "category <key>, category feed <key> or tag <name>",
        ),
        ("/old/ home", '"/old/ home" is not "<old address> -> <target>", a target being home, '),
        ("/old/ -> category sports", '"sports" is not a category; use one of: news, '),
        (
            "/old/ -> tag Nobody",
            'no published story in en has the tag "Nobody"; name a tag one has, or lead it '
            "to tags (the list of every tag)",
        ),
        (
            "/category/news/ -> home",
            '"/category/news/" is claimed by {content}/redirects/wordpress.en.md too; keep it '
            "in one file only",
        ),
        (
            "/en/news/ -> home",
            '"/en/news/" is the address of a page of the site; remove it from Redirects',
        ),
        ("/sitemap.xml -> home", '"/sitemap.xml" is an address the build writes itself'),
    ],
    ids=["no-list", "no-arrow", "no-category", "no-tag", "twice", "a-page", "ours"],
)
def test_a_bad_line_is_refused_with_its_file_line_and_field(copy, line, message):
    content, output = copy
    text = f"Title: By hand\nRedirects: /older/ -> home\n    {line}\n"

    refusal = build_refuses(content, output, "redirects/zz-by-hand.en.md", text)

    assert refusal.startswith(f"{content}/redirects/zz-by-hand.en.md:3: redirects: ")
    assert message.format(content=content) in refusal


def test_a_category_without_stories_in_the_language_is_refused(copy):
    """The import wrote nothing in French: no French page of a category yet
    (but the events page, which is there empty or not)."""
    content, output = copy
    text = "Redirects: /fr/old/ -> category news\n    /fr/evenements/ -> category events\n"

    refusal = build_refuses(content, output, "redirects/zz-by-hand.fr.md", text)

    assert refusal == (
        f"{content}/redirects/zz-by-hand.fr.md:1: redirects: no published story in fr is in "
        'the category "news"; name a category that has stories, or lead it to archives'
    )


def test_targets_are_read_in_any_case_and_spacing(copy):
    content, output = copy
    (content / "redirects/zz-by-hand.en.md").write_text(
        "Redirects: /old-news/ -> Category  NEWS\n    /old-tag/ → TAG huawei\n\nA note.\n",
        encoding="utf-8",
    )

    result = invoke("build", "--content", str(content), "--output", str(output))

    assert result.returncode == 0, result.stderr
    redirects = (output / "_redirects").read_text(encoding="utf-8").splitlines()
    assert "/old-news/ /en/news/ 301" in redirects
    assert "/old-tag/ /en/tags/huawei/ 301" in redirects
    assert not (output / "en/zz-by-hand").exists()  # a redirects file has no page


# Media


def make_uploads(folder, names):
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (8, 6), UPLOADS[name]).save(path)


def test_media_from_a_copy_of_uploads_puts_each_file_in_place(tmp_path):
    uploads = tmp_path / "uploads"
    make_uploads(uploads, list(UPLOADS)[:2])  # tech4all.png is not in the copy
    content = tmp_path / "content"

    result = import_into(content, "--categories", CATEGORIES, "--media-from", str(uploads))

    assert result.returncode == 0, result.stderr
    for name in list(UPLOADS)[:2]:
        assert (content / "images" / name).read_bytes() == (uploads / name).read_bytes()
    assert f"  media files: 2 copied from {uploads}\n" in result.stdout
    assert (
        "Still missing (1), each with the files that show it (the build stops on them until "
        "the file is in place):\n"
        f"  {content}/images/2020/11/tech4all.png: {content}/articles/2020/{TECH4ALL}.en.md\n"
    ) in result.stdout


def test_media_from_a_folder_that_is_not_there_is_refused_before_anything(tmp_path):
    content = tmp_path / "content"

    result = import_into(content, "--media-from", str(tmp_path / "nothing"))

    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"invoke import-wordpress: --media-from: {tmp_path / 'nothing'} is not a folder; "
        "give a copy of the old site's wp-content/uploads folder"
    )
    assert not content.exists() or not any(content.rglob("*"))


@pytest.fixture
def old_site(tmp_path):
    """The old site's uploads on a real HTTP server on 127.0.0.1, and the
    export with its addresses moved there."""
    root = tmp_path / "old-site"
    make_uploads(root / "wp-content/uploads", [list(UPLOADS)[0]])
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=root)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    text = EXPORT.read_text(encoding="utf-8")
    assert text.count("https://aicto.org/wp-content/uploads/") >= 3
    export = tmp_path / "export.xml"
    export.write_text(text.replace("https://aicto.org", base), encoding="utf-8")
    yield export, base, root
    server.shutdown()
    server.server_close()


def test_fetch_media_downloads_what_the_copy_lacks_and_lists_failures(tmp_path, old_site):
    export, base, root = old_site
    uploads = tmp_path / "uploads"
    make_uploads(uploads, [list(UPLOADS)[1]])  # the copy has one, the old site another
    content = tmp_path / "content"
    options = ("--media-from", str(uploads), "--fetch-media")

    result = import_into(content, "--categories", CATEGORIES, *options, export=export)

    assert result.returncode == 0, result.stderr
    out = result.stdout
    first, second, third = UPLOADS
    assert (content / "images" / first).read_bytes() == (
        root / "wp-content/uploads" / first
    ).read_bytes()
    assert (content / "images" / second).read_bytes() == (uploads / second).read_bytes()
    assert f"  [1/2] images/{first}\n" in out  # progress, as each file arrives
    missing = f"{base}/wp-content/uploads/{third}"
    assert f"  [2/2] {missing}: not fetched (HTTP 404 File not found)\n" in out
    assert f"  media files: 1 copied from {uploads}, 1 downloaded\n" in out
    assert f"Could not download (1):\n  {missing}: HTTP 404 File not found\n" in out
    assert "Still missing (1), each with the files that show it" in out
    assert f"  {content}/images/{third}: {content}/articles/2020/{TECH4ALL}.en.md\n" in out
    assert not list((content / "images").rglob(".fetching-*"))  # no partial file left


def test_the_imported_lists_and_media_build(tmp_path):
    """With every file in the copy of uploads, the import builds at once."""
    uploads = tmp_path / "uploads"
    make_uploads(uploads, UPLOADS)
    content, output = tmp_path / "content", tmp_path / "output"

    imported_now = import_into(content, "--categories", CATEGORIES, "--media-from", str(uploads))
    result = invoke("build", "--content", str(content), "--output", str(output))

    assert imported_now.returncode == 0, imported_now.stderr
    assert "Still missing" not in imported_now.stdout
    assert result.returncode == 0, result.stderr
    assert (output / "category/news/index.html").is_file()
    assert (output / "ar/tag/هواوي/index.html").is_file()
    assert MEETING in (output / "_redirects").read_text(encoding="utf-8")
