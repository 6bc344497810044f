"""The redirect writer (build/redirects.py) on its own: items with `Old_URLs`
and a merged site folder in, redirect pages and `/_redirects` out.

The whole path, from a content file through a real build, is in
tests/tools/test_wordpress.py; these cases pin the writer's own rules.
"""

from bs4 import BeautifulSoup

from newsroom.build.redirects import REDIRECTS_FILE, write
from newsroom.model.frontmatter import Field
from newsroom.model.scan import Item

SETTINGS = {
    "SITEURL": "https://aicto.example",
    "LANGUAGES": {"ar": {"dir": "rtl"}, "en": {"dir": "ltr"}},
    "CONTENT_SECURITY_POLICY": "default-src 'self'",
}
URL = "en/news/2020/11/aicto-and-huawei/"


def item(old, title="AICTO & Huawei", lang="en", url=URL, path="content/a.en.md"):
    meta = {"title": Field(title, 1), "old_urls": Field("\n".join(old), 5)}
    return Item("article", "aicto-and-huawei", lang, path, url, "news", meta)


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def rules(site):
    return (site / REDIRECTS_FILE).read_text(encoding="utf-8").splitlines()


def test_a_page_at_each_old_path_and_a_rule_for_each_address(tmp_path):
    old = ["/2020/11/24/aicto-huawei/", "https://old.example/news.html", "/?p=123"]
    assert write(tmp_path, [item(old)], SETTINGS) == []

    page = soup(tmp_path / "2020/11/24/aicto-huawei/index.html")
    target = f"/{URL}"
    assert page.html["lang"] == "en" and page.html["dir"] == "ltr"
    assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={target}"
    assert page.find("link", rel="canonical")["href"] == f"{SETTINGS['SITEURL']}/{URL}"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert policy["content"] == SETTINGS["CONTENT_SECURITY_POLICY"]
    assert page.title.string == "AICTO & Huawei"  # escaped in the file, text when read
    assert "AICTO &amp; Huawei" in (tmp_path / "2020/11/24/aicto-huawei/index.html").read_text()
    assert page.find("a")["href"] == target
    assert (tmp_path / "news.html").is_file()  # an .html path is a page of its own

    assert rules(tmp_path) == [
        f"/2020/11/24/aicto-huawei/ {target} 301",
        f"/news.html {target} 301",
        f"/ p=123 {target} 301!",  # a query cannot be a file: Netlify's forced rule
    ]


def test_arabic_paths_are_encoded_in_the_rules_and_decoded_on_disk(tmp_path):
    arabic = item(["/2020/11/المنظمة/"], title="المنظمة", lang="ar", url="ar/news/x/")
    assert write(tmp_path, [arabic], SETTINGS) == []
    assert (tmp_path / "2020/11/المنظمة/index.html").is_file()
    assert soup(tmp_path / "2020/11/المنظمة/index.html").html["dir"] == "rtl"
    [rule] = rules(tmp_path)
    assert rule.startswith("/2020/11/%D8%A7%D9%84") and rule.endswith(" /ar/news/x/ 301")


def test_paths_no_static_host_serves_as_html_are_rules_only(tmp_path):
    assert write(tmp_path, [item(["/about.php", "/old.asp"])], SETTINGS) == []
    assert [path.name for path in tmp_path.rglob("*") if path.is_file()] == [REDIRECTS_FILE]
    assert len(rules(tmp_path)) == 2


def test_with_a_path_prefix_only_addresses_under_it_get_pages(tmp_path):
    settings = {**SETTINGS, "SITEURL": "https://aicto.example/newsroom"}
    assert write(tmp_path, [item(["/newsroom/old/", "/elsewhere/"])], settings) == []
    assert (tmp_path / "old/index.html").is_file()
    assert not (tmp_path / "elsewhere").exists()
    assert rules(tmp_path) == [
        f"/newsroom/old/ /newsroom/{URL} 301",
        f"/elsewhere/ /newsroom/{URL} 301",
    ]


def test_an_old_path_the_site_has_a_file_at_writes_nothing(tmp_path):
    (tmp_path / "en/tags/huawei").mkdir(parents=True)
    (tmp_path / "en/tags/huawei/index.html").write_text("the tag page")
    problems = write(tmp_path, [item(["/somewhere/", "/en/tags/huawei/"])], SETTINGS)
    assert [str(p) for p in problems] == [
        'content/a.en.md:5: old_urls: "/en/tags/huawei/" is the address of a page of the '
        "site (/en/tags/huawei/index.html); remove it from Old_URLs"
    ]
    assert (tmp_path / "en/tags/huawei/index.html").read_text() == "the tag page"
    assert not (tmp_path / "somewhere").exists() and not (tmp_path / REDIRECTS_FILE).exists()


def test_two_addresses_of_one_file_from_two_items_are_refused(tmp_path):
    first = item(["/about"], path="content/one.en.md")
    second = item(["/about/"], path="content/two.en.md", url="en/about/")
    problems = write(tmp_path, [first, second], SETTINGS)
    assert [p.path for p in problems] == ["content/two.en.md"]
    assert "claimed by content/one.en.md too (/about/index.html)" in problems[0].message
    assert not (tmp_path / "about").exists()


def test_no_old_urls_writes_no_rules_file(tmp_path):
    plain = Item("page", "about", "en", "content/about.en.md", "en/about/", None, {})
    assert write(tmp_path, [plain], SETTINGS) == []
    assert list(tmp_path.iterdir()) == []
