"""Partners and the Smart Magazine: listings, pages, feeds, links and the empty state.

Most tests read tests/sites/partners-magazine/ (three partners, four issues,
English and French); the last ones read the real content/.
"""

import datetime
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import jinja2
import pytest
from pelican.settings import read_settings

from conftest import LANGS, SETTINGS, SITES, SITEURL, text
from newsroom.build.run_settings import language_settings
from newsroom.model.i18n import localized_file_size
from newsroom.run import templating
from newsroom.run.partners import group_by_kind

FIXTURE = SITES / "partners-magazine"
ATOM = "{http://www.w3.org/2005/Atom}"
ALPHA, BETA, GAMMA = (f"/en/partners/partner-{name}/" for name in ("alpha", "beta", "gamma"))
AGREEMENT = "/en/news/2023/03/alpha-signs-an-agreement/"
WORKSHOP = "/en/events/2024/02/alpha-and-beta-workshop/"
IN_ISSUE_TWO = "/en/news/2024/03/inside-issue-two/"
NO_PARTNER = "/en/news/2024/04/no-partner-here/"
ISSUE = "/{lang}/magazine/issue-{number}/"
PDF = "/magazine/issue-2.pdf"
COVER = "/images/issue-2-cover.png"
LOGO = "/images/partner-alpha-logo.png"


def hreflangs(soup):
    return {
        link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')
    }


def feed(site, url):
    """An Atom feed's root element, parsed with the standard library."""
    root = ET.parse(site.file(url)).getroot()
    assert root.tag == ATOM + "feed"
    return root


def entry_links(root):
    return [entry.find(ATOM + "link").get("href") for entry in root.iter(ATOM + "entry")]


@pytest.fixture(scope="module")
def pm(fixture_sites):
    return fixture_sites("partners-magazine")


# Partners --------------------------------------------------------------------


def test_partners_page_groups_partners_by_kind_in_settings_order(pm):
    soup = pm.soup("/en/partners/")
    kinds = list(read_settings(str(SETTINGS))["PARTNER_KINDS"])
    used = {"government", "industry", "academia"}
    sections = soup.select("main section[aria-labelledby^='kind-']")
    assert [s["aria-labelledby"] for s in sections] == [f"kind-{k}" for k in kinds if k in used]
    assert [text(s.h2) for s in sections] == ["Government", "Industry", "Academia"]
    listed = {}
    for section in sections:
        for item in section.select(".partner-list__item"):
            logo = item.select_one("img.partner-logo")
            listed[text(item.a)] = (
                section["aria-labelledby"],
                item.a["href"],
                logo["src"] if logo else None,
                text(item.select_one(".partner-list__count")),
            )
    assert listed == {
        "Partner Beta": ("kind-government", BETA, None, "1 story"),
        "Partner Alpha": ("kind-industry", ALPHA, LOGO, "2 stories"),
        "Partner Gamma": ("kind-academia", GAMMA, None, "0 stories"),
    }
    assert pm.exists(LOGO)


def test_partner_page_shows_profile_website_and_facts(pm):
    soup = pm.soup(ALPHA)
    header = soup.select_one(".partner__header")
    assert text(header.h1) == "Partner Alpha"
    assert header.select_one("img.partner-logo")["src"] == LOGO
    assert text(header.select_one(".story__standfirst")) == "A fixture partner from industry."
    facts = dict(zip(map(text, header.select("dt")), map(text, header.select("dd")), strict=True))
    assert facts == {
        "Kind": "Industry",
        "Country": "Tunisia",
        "Partner since": "2019",
        "Website": "https://alpha.example.org/",
    }
    assert header.select_one(".facts a")["href"] == "https://alpha.example.org/"
    assert "every optional field" in text(soup.select_one(".partner .story__body"))
    # A partner with only the required fields shows only what it has.
    beta = pm.soup(BETA).select_one(".partner__header")
    assert [text(dt) for dt in beta.select("dt")] == ["Kind"]
    assert not beta.select("img, .facts a, .story__standfirst")


def timeline(soup):
    """[(year, [(link, <time datetime>)])] as the partner page shows them."""
    section = soup.select_one(".timeline")
    return [
        (text(h3), [(li.a["href"], li.time["datetime"]) for li in h3.find_next_sibling("ul")("li")])
        for h3 in section("h3")
    ]


def test_partner_timeline_lists_stories_and_issues_by_year_newest_first(pm):
    assert timeline(pm.soup(ALPHA)) == [
        ("2024", [(WORKSHOP, "2024-02-05T00:00:00+01:00")]),
        (
            "2023",
            [
                (ISSUE.format(lang="en", number=2), "2023-06"),
                (AGREEMENT, "2023-03-10T00:00:00+01:00"),
                (ISSUE.format(lang="en", number=1), "2023"),
            ],
        ),
    ]
    assert timeline(pm.soup(BETA)) == [
        ("2024", [(WORKSHOP, "2024-02-05T00:00:00+01:00")]),
        ("2023", [(ISSUE.format(lang="en", number=2), "2023-06")]),
    ]
    gamma = pm.soup(GAMMA)
    issue_3 = (ISSUE.format(lang="en", number=3), "2024-03-01T00:00:00+01:00")
    assert timeline(gamma) == [("2024", [issue_3])]
    issue = gamma.select_one(".timeline li")
    assert text(issue.time) == "March 1, 2024"
    assert text(issue.a) == "Smart Magazine, issue 3"


@pytest.mark.parametrize(
    ("slug", "stories"),
    [("alpha", [WORKSHOP, AGREEMENT]), ("beta", [WORKSHOP]), ("gamma", [])],
)
def test_partner_feed_has_exactly_the_partner_stories(pm, slug, stories):
    url = f"/en/partners/partner-{slug}/feed.atom.xml"
    assert entry_links(feed(pm, url)) == [SITEURL + story for story in stories]
    head = pm.soup(f"/en/partners/partner-{slug}/").select_one(
        'head link[href*="/partners/"][href$="/feed.atom.xml"]'
    )
    assert head["href"] == SITEURL + url


def test_article_lists_the_partners_it_names(pm):
    soup = pm.soup(WORKSHOP)
    titles = [text(h2) for h2 in soup.select(".story__footer-title")]
    assert "Partners in this story" in titles
    assert [(a["href"], text(a)) for a in soup.select(".partners a")] == [
        (ALPHA, "Partner Alpha"),
        (BETA, "Partner Beta"),
    ]
    assert not pm.soup(NO_PARTNER).select(".partners")


# The Smart Magazine ----------------------------------------------------------


def cover(node):
    """("img", src) for a cover image, ("svg", number shown) for a generated one."""
    image = node.select_one("img.cover")
    if image:
        return "img", image["src"]
    svg = node.select_one("svg.cover--generated")
    return "svg", text(svg("text")[1])


def pdf(node):
    """(href, size text or None) for a PDF link, None for "not available"."""
    box = node.select_one(".pdf")
    if "pdf--missing" in box["class"]:
        assert text(box) == "The PDF of this issue is not available."
        return None
    size = box.select_one(".pdf__size")
    return box.a["href"], text(size) if size else None


def local_pdf_size(lang="en"):
    return f"({localized_file_size((FIXTURE / PDF.lstrip('/')).stat().st_size, lang)})"


def test_magazine_page_leads_with_the_latest_issue(pm):
    lead = pm.soup("/en/magazine/").select_one(".issue-lead")
    assert lead.select_one(".lead__title a")["href"] == ISSUE.format(lang="en", number=4)
    assert text(lead.select_one(".lead__title")) == "Issue 4"
    assert cover(lead) == ("svg", "4")
    assert lead.time["datetime"].startswith("2024-09-15")
    assert text(lead.time) == "September 15, 2024"
    assert pdf(lead) is None


def test_magazine_page_lists_every_issue_by_year_newest_first(pm):
    soup = pm.soup("/en/magazine/")
    sections = soup.select("main section[aria-labelledby^='issues-']")
    assert [text(section.h3) for section in sections] == ["2024", "2023"]
    issues = [
        (
            text(section.h3),
            item.select_one("a")["href"],
            cover(item),
            item.time["datetime"],
            text(item.time),
            pdf(item),
        )
        for section in sections
        for item in section.select(".issue-list__item")
    ]
    url = ISSUE.format
    assert issues == [
        ("2024", url(lang="en", number=4), ("svg", "4"), "2024-09-15T00:00:00+01:00",
         "September 15, 2024", None),
        ("2024", url(lang="en", number=3), ("svg", "3"), "2024-03-01T00:00:00+01:00",
         "March 1, 2024", ("https://example.org/issue-3.pdf", None)),
        ("2023", url(lang="en", number=2), ("img", COVER), "2023-06", "June 2023",
         (PDF, local_pdf_size())),
        ("2023", url(lang="en", number=1), ("svg", "1"), "2023", "2023", None),
    ]  # fmt: skip
    assert local_pdf_size() == "(0.3 kB)"  # the fixture PDF is a few hundred bytes
    titles = [text(a) for a in soup.select(".issue-list__item > a")]
    assert titles == ["Issue 4", "Issue 3", "Issue 2: Digital inclusion", "Issue 1"]


def test_issue_page_has_cover_body_contributors_pdf_and_stories(pm):
    soup = pm.soup(ISSUE.format(lang="en", number=2))
    issue = soup.select_one("article.issue")
    assert cover(issue.select_one(".issue__header")) == ("img", COVER)
    assert text(issue.h1) == "Issue 2: Digital inclusion"
    assert text(issue.time) == "June 2023" and issue.time["datetime"] == "2023-06"
    assert text(issue.select_one(".story__body")) == "Body of fixture issue two."
    assert [(a["href"], text(a)) for a in issue.select(".contributors a")] == [
        (ALPHA, "Partner Alpha"),
        (BETA, "Partner Beta"),
    ]
    assert pdf(issue) == (PDF, local_pdf_size())
    assert [a["href"] for a in issue.select(".cards .card__title a")] == [IN_ISSUE_TWO]
    assert soup.select_one('.neighbours a[rel="prev"]')["href"] == ISSUE.format(lang="en", number=1)
    assert soup.select_one('.neighbours a[rel="next"]')["href"] == ISSUE.format(lang="en", number=3)


def test_first_and_last_issues_link_one_way_and_list_what_they_have(pm):
    first = pm.soup(ISSUE.format(lang="en", number=1))
    assert not first.select('a[rel="prev"]')
    assert first.select_one('a[rel="next"]')["href"] == ISSUE.format(lang="en", number=2)
    assert text(first.select_one("article.issue time")) == "2023"
    last = pm.soup(ISSUE.format(lang="en", number=4))
    assert not last.select('a[rel="next"]')
    assert last.select_one('a[rel="prev"]')["href"] == ISSUE.format(lang="en", number=3)
    assert not last.select(".contributors, .cards"), "no contributors, no stories"
    remote = pm.soup(ISSUE.format(lang="en", number=3))
    assert pdf(remote) == ("https://example.org/issue-3.pdf", None)
    assert [a["href"] for a in remote.select(".contributors a")] == [GAMMA]


def test_story_in_an_issue_links_to_it(pm):
    link = pm.soup(IN_ISSUE_TWO).select_one(".story__magazine a")
    assert text(link) == "In Smart Magazine issue 2"
    assert link["href"] == ISSUE.format(lang="en", number=2)
    assert not pm.soup(AGREEMENT).select(".story__magazine")


def test_magazine_feed_has_one_entry_per_issue(pm):
    for lang, numbers in (("en", [4, 3, 2, 1]), ("fr", [2, 1])):
        root = feed(pm, f"/{lang}/magazine/feed.atom.xml")
        assert entry_links(root) == [SITEURL + ISSUE.format(lang=lang, number=n) for n in numbers]
    head = pm.soup("/en/magazine/").select_one('head link[href$="/magazine/feed.atom.xml"]')
    assert head["href"] == SITEURL + "/en/magazine/feed.atom.xml"


def test_feed_titles_name_the_site_once(pm):
    """Pelican's feed writer already puts SITENAME before the title it is given."""
    for url in ("/en/partners/partner-alpha/feed.atom.xml", "/en/magazine/feed.atom.xml"):
        title = feed(pm, url).findtext(ATOM + "title")
        assert title.count("AICTO Newsroom") == 1, (url, title)


def test_home_page_shows_the_latest_issue_and_the_partners(pm):
    soup = pm.soup("/en/")
    magazine = soup.select_one(".home-magazine")
    assert magazine.select_one(".card__title a")["href"] == ISSUE.format(lang="en", number=4)
    assert [a["href"] for a in soup.select(".home-partners .partner-strip a")] == [
        ALPHA,
        BETA,
        GAMMA,
    ]
    nav = [a["href"] for a in soup.select(".site-nav a")]
    assert "/en/magazine/" in nav and "/en/partners/" in nav


def test_french_versions_exist_where_french_files_do(pm):
    for url in (
        "/fr/partners/",
        "/fr/partners/partner-alpha/",
        "/fr/partners/partner-beta/",
        "/fr/magazine/",
        ISSUE.format(lang="fr", number=1),
        ISSUE.format(lang="fr", number=2),
        "/fr/partners/partner-alpha/feed.atom.xml",
    ):
        assert pm.exists(url), url
    for url in ("/fr/partners/partner-gamma/", ISSUE.format(lang="fr", number=3)):
        assert not pm.exists(url), url
    soup = pm.soup("/fr/partners/partner-alpha/")
    assert text(soup.h1) == "Partenaire Alpha"
    # The French timeline links French pages only.
    assert timeline(soup) == [
        (
            "2023",
            [
                (ISSUE.format(lang="fr", number=2), "2023-06"),
                ("/fr/news/2023/03/alpha-signs-an-agreement/", "2023-03-10T00:00:00+01:00"),
                (ISSUE.format(lang="fr", number=1), "2023"),
            ],
        )
    ]
    listing = pm.soup("/fr/partners/")
    counts = [text(span) for span in listing.select(".partner-list__count")]
    assert counts == ["0 article", "1 article"]  # Bêta (government) first, then Alpha


@pytest.mark.parametrize("page", ["partners/partner-{}", "magazine/issue-{}"])
def test_english_and_french_versions_link_each_other(pm, page):
    key = "alpha" if page.startswith("partners") else "2"
    en, fr = (f"/{lang}/{page.format(key)}/" for lang in ("en", "fr"))
    expected = {"en": SITEURL + en, "fr": SITEURL + fr, "x-default": SITEURL + en}
    for url in (en, fr):
        soup = pm.soup(url)
        assert hreflangs(soup) == expected
        switcher = {a["hreflang"]: a["href"] for a in soup.select(".language-switcher a")}
        assert switcher == {"en": en, "fr": fr}


def test_partner_in_one_language_has_no_alternates(pm):
    only = pm.soup(GAMMA)
    assert hreflangs(only) == {"en": SITEURL + GAMMA, "x-default": SITEURL + GAMMA}
    assert not only.select(".language-switcher")


def test_cover_logo_and_pdf_are_copied_to_the_output(pm):
    for url in (COVER, LOGO, PDF):
        assert pm.exists(url), f"{url} is linked but was not copied"
        assert pm.file(url).read_bytes() == (FIXTURE / url.lstrip("/")).read_bytes()


# Empty state -----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_site_without_partners_or_issues_shows_empty_states(fixture_sites, lang):
    site = fixture_sites("empty")
    for url in (f"/{lang}/partners/", f"/{lang}/magazine/"):
        empty = site.soup(url).select_one("main .empty")
        assert empty and text(empty), url
    assert "No partners" in text(site.soup("/en/partners/").select_one(".empty"))
    home = site.soup(f"/{lang}/")
    assert home.select(".card__title, .lead__title"), "the site has stories"
    assert not home.select(".home-magazine, .home-partners")
    nav = [a["href"] for a in home.select(".site-nav a")]
    assert nav and f"/{lang}/partners/" not in nav and f"/{lang}/magazine/" not in nav
    if lang == "en":
        assert not {"Partners", "Smart Magazine"} & {text(a) for a in home.select(".site-nav a")}


# Helpers ---------------------------------------------------------------------


def test_group_by_kind_follows_the_order_of_kinds_then_others():
    def partner(name, kind=None):
        return SimpleNamespace(name=name, metadata={"kind": kind} if kind else {})

    partners = [
        partner("a", "academia"),
        partner("b", "industry"),
        partner("c"),
        partner("d", "government"),
        partner("e", "industry"),
        partner("f", "charity"),
    ]
    kinds = {"government": "G", "international-organization": "I", "industry": "N", "academia": "A"}
    groups = [(kind, [p.name for p in members]) for kind, members in group_by_kind(partners, kinds)]
    assert groups == [
        ("government", ["d"]),
        ("industry", ["b", "e"]),  # file order kept inside a group
        ("academia", ["a"]),
        (None, ["c", "f"]),  # no kind, or one outside the settings: last
    ]
    assert group_by_kind([], kinds) == []
    assert group_by_kind(partners[:2], kinds) == [
        ("industry", [partners[1]]),
        ("academia", [partners[0]]),
    ]


def render(lang, source, **values):
    """Render `source` with the filters a run of `lang` installs (templating.install)."""
    settings = read_settings(str(SETTINGS))
    settings = {**settings, **language_settings(settings, lang, primary=False)}
    env = jinja2.Environment()
    templating.install(SimpleNamespace(settings=settings, env=env))
    return env.from_string(source).render(**values)


@pytest.mark.parametrize(
    ("lang", "precision", "iso", "shown"),
    [
        ("en", "year", "2020", "2020"),
        ("en", "month", "2020-11", "November 2020"),
        ("en", "day", "2020-11-24T10:30:00", "November 24, 2020"),
        ("ar", "year", "2020", "2020"),
        ("ar", "month", "2020-11", "نوفمبر 2020"),
        ("ar", "day", "2020-11-24T10:30:00", "24 نوفمبر 2020"),
        ("fr", "month", "2020-11", "novembre 2020"),
        ("fr", "day", "2020-11-24T10:30:00", "24 novembre 2020"),
    ],
)
def test_date_filters_follow_the_precision(lang, precision, iso, shown):
    day = datetime.datetime(2020, 11, 24, 10, 30)
    source = "{{ d|isodate(p) }}|{{ d|localdate(precision=p) }}"
    assert render(lang, source, d=day, p=precision) == f"{iso}|{shown}"
    if precision == "day":  # the default, as article pages call them
        assert render(lang, "{{ d|localdate }}", d=day) == shown


@pytest.mark.parametrize(
    ("size", "lang", "digits", "expected"),
    [
        (336, "en", None, "0.3 kB"),
        (350_000, "en", None, "350 kB"),
        (1_234_567, "en", None, "1.2 MB"),
        (12_345_678, "en", None, "12 MB"),
        (336, "fr", None, "0,3\u202fko"),
        (1_234_567, "fr", None, "1,2\u202fMo"),
        (350_000, "ar", "latn", "350 كيلوبايت"),
        (1_234_567, "ar", "latn", "1.2 م.ب"),
        (350_000, "ar", "arab", "٣٥٠ كيلوبايت"),
    ],
)
def test_file_sizes_are_localized(size, lang, digits, expected):
    assert localized_file_size(size, lang, digits) == expected


def test_file_size_just_under_a_megabyte_is_written_in_megabytes():
    """999,999 bytes round to 1,000 kB: that is 1 MB."""
    assert localized_file_size(999_999, "en") == "1 MB"


# The real content ------------------------------------------------------------

SEED = "/{lang}/news/2020/11/aicto-and-huawei-strengthen-their-cooperation/"


@pytest.mark.parametrize("lang", LANGS)
def test_real_partner_and_issue_link_each_other(site, lang):
    partner = site.soup(f"/{lang}/partners/huawei/")
    links = [a["href"] for a in partner.select(".timeline a")]
    assert SEED.format(lang=lang) in links
    assert ISSUE.format(lang=lang, number=1) in links
    issue = site.soup(ISSUE.format(lang=lang, number=1))
    assert [a["href"] for a in issue.select(".contributors a")] == [f"/{lang}/partners/huawei/"]
    article = site.soup(SEED.format(lang=lang))
    assert [a["href"] for a in article.select(".partners a")] == [f"/{lang}/partners/huawei/"]


def test_real_magazine_lists_issue_one(site):
    soup = site.soup("/en/magazine/")
    assert soup.select_one(".issue-lead .lead__title a")["href"] == "/en/magazine/issue-1/"
    assert [a["href"] for a in soup.select(".issue-list__item > a")] == ["/en/magazine/issue-1/"]
    root = feed(site, "/en/partners/huawei/feed.atom.xml")
    assert entry_links(root) == [SITEURL + SEED.format(lang="en")]


def test_real_magazine_feed_title_is_in_the_page_language(site):
    title = feed(site, "/ar/magazine/feed.atom.xml").findtext(ATOM + "title")
    assert "المجلة الذكية" in title and "Smart Magazine" not in title, title
