"""The press room, /<lang>/press/: contacts, press kit, press releases, feeds.

Most tests build a copy of tests/sites/press-room/ to which they add the two
raster images of its kit, made here with Pillow: a transparent PNG logo small
enough to be its own thumbnail, and a JPEG photograph stored sideways (EXIF
orientation 6) and larger than a thumbnail. The SVG logo, the PDF and the text
file are committed. The last tests read the press rooms of the real content/.
"""

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from pelican.settings import read_settings
from PIL import Image, ImageOps

from conftest import LANGS, SETTINGS, SITES, SITEURL, Site, build_refuses, build_site, invoke, text
from newsroom.model.i18n import localized_file_size
from newsroom.model.kit import THUMBNAIL_BOX
from newsroom.model.scan import scan
from newsroom.tools.browser import open_page, serve
from validators import AXE, AXE_OPTIONS, AXE_RUN, VNU, vnu_report

FIXTURE = SITES / "press-room"
PRESS = "/{lang}/press/"
RELEASE = "/{lang}/press-releases/2024/{month:02d}/release-{n}/"
LOGO_PNG = "press/kit/logo-white.png"
PHOTO = "press/kit/signing.jpg"


def make_images(content):
    """The kit's raster images: a transparent 300×100 logo and a 2400×1600 photo
    stored sideways, which cameras mark with EXIF orientation 6."""
    logo = Image.new("RGBA", (300, 100), (0, 0, 0, 0))
    logo.paste((255, 255, 255, 255), (20, 20, 280, 80))
    logo.save(content / LOGO_PNG)
    photo = Image.new("RGB", (2400, 1600), (120, 130, 140))
    photo.paste((30, 80, 160), (0, 0, 1200, 1600))
    exif = Image.Exif()
    exif[0x0112] = 6
    photo.save(content / PHOTO, quality=85, exif=exif)


@pytest.fixture(scope="module")
def press(tmp_path_factory):
    """The fixture, with its images, built once: (content folder, Site)."""
    folder = tmp_path_factory.mktemp("press-room")
    content = folder / "content"
    shutil.copytree(FIXTURE, content)
    make_images(content)
    return content, Site(build_site(folder / "output", content))


@pytest.fixture(scope="module")
def room(press):
    return press[1]


def section_titles(soup):
    return [text(h2) for h2 in soup.select("main h2")]


# Media contacts ---------------------------------------------------------------


def contacts(soup):
    """[(name, role, {fact: (text, href)}, note)] as the page shows them."""
    shown = []
    for item in soup.select(".contact"):
        role = item.select_one(".contact__role")
        note = item.select_one(".contact__note")
        facts = {
            text(dt): (text(dd), dd.a["href"])
            for dt, dd in zip(item.select("dt"), item.select("dd"), strict=True)
        }
        shown.append(
            (
                text(item.select_one(".contact__name")),
                role and text(role),
                facts,
                note and text(note),
            )
        )
    return shown


def test_contacts_show_what_their_files_say_in_order(room):
    assert contacts(room.soup(PRESS.format(lang="en"))) == [
        (
            "Press office",
            None,
            {
                "Email": ("press@example.org", "mailto:press@example.org"),
                "Phone": ("+216 71 000 000", "tel:+21671000000"),
            },
            "Open Monday to Friday, 9:00 to 17:00 (Tunis time).",
        ),
        (
            "Alex Example",
            "Spokesperson",
            {"Email": ("alex@example.org", "mailto:alex@example.org")},
            None,
        ),
        # No Order: after those with one. The draft contact is left out.
        (
            "Aaron Unordered",
            "Communication officer",
            {"Phone": ("+216 71 000 001", "tel:+21671000001")},
            None,
        ),
    ]
    french = contacts(room.soup(PRESS.format(lang="fr")))
    assert french == [
        (
            "Service de presse",
            "Relations avec les médias",
            {"E-mail": ("press@example.org", "mailto:press@example.org")},
            None,
        )
    ]


def test_arabic_press_room_is_right_to_left_with_numbers_and_addresses_left_to_right(room):
    soup = room.soup(PRESS.format(lang="ar"))
    assert (soup.html["lang"], soup.html["dir"]) == ("ar", "rtl")
    assert text(soup.h1) == "ركن الصحافة"
    assert section_titles(soup) == [
        "جهات الاتصال الإعلامي",
        "أحدث البيانات الصحفية",
        "الحقيبة الإعلامية",
        "الموجزات",
    ]
    contact = soup.select_one(".contact")
    assert text(contact.select_one(".contact__name")) == "المكتب الإعلامي"
    links = contact.select("dd a")
    assert [a["href"] for a in links] == ["mailto:press@example.org", "tel:+21671000000"]
    assert all(a["dir"] == "ltr" for a in links)


# Press releases -----------------------------------------------------------------


def releases(soup):
    section = soup.select_one("section[aria-labelledby=press-releases]")
    return [a["href"] for a in section.select(".card__title a")] if section else []


def test_latest_press_releases_newest_first_in_the_language_and_limited(room):
    limit = read_settings(str(SETTINGS))["PRESS_RELEASES_MAX"]
    assert limit == 5
    # Six in English, newest first: the oldest is left out, and so are the
    # hidden and draft ones (newer still) and the news story (the newest).
    english = releases(room.soup(PRESS.format(lang="en")))
    assert english == [RELEASE.format(lang="en", month=n, n=n) for n in (6, 5, 4, 3, 2)]
    assert releases(room.soup(PRESS.format(lang="fr"))) == [
        RELEASE.format(lang="fr", month=n, n=n) for n in (6, 5)
    ]
    assert releases(room.soup(PRESS.format(lang="ar"))) == [RELEASE.format(lang="ar", month=6, n=6)]
    assert all(room.exists(url) for url in english)
    assert room.exists("/en/press-releases/2024/07/release-hidden/")  # online, listed nowhere


def test_press_releases_link_to_their_section_and_its_feed(room):
    soup = room.soup(PRESS.format(lang="fr"))
    links = {text(a): a["href"] for a in soup.select(".more-links a")}
    assert links == {
        "Tous les communiqués de presse": "/fr/press-releases/",
        "Flux des communiqués de presse (Atom)": "/fr/feeds/press-releases.atom.xml",
    }
    assert all(room.exists(url) for url in links.values())
    head = soup.select_one(
        'head link[type="application/atom+xml"][href$="press-releases.atom.xml"]'
    )
    assert head["href"] == f"{SITEURL}/fr/feeds/press-releases.atom.xml"


# Press kit -----------------------------------------------------------------------


def kit(soup):
    """{title: item element}, and the group headings in page order."""
    section = soup.select_one("section[aria-labelledby=press-kit]")
    items = {text(li.select_one(".kit-item__title")): li for li in section.select(".kit-item")}
    return items, [text(h3) for h3 in section.select("h3")]


def test_kit_is_grouped_by_kind_in_settings_order(room):
    items, groups = kit(room.soup(PRESS.format(lang="en")))
    assert groups == ["Logos", "Photos", "Documents", "Other files"]
    logos = room.soup(PRESS.format(lang="en")).select("#kit-logo + ul .kit-item__title")
    assert [text(t) for t in logos] == [
        "Fixture logo, colour",  # Order: 1
        "Fixture logo, white, for dark backgrounds",  # Order: 2
    ]
    assert len(items) == 5


def displayed_size(path):
    """An image's size as shown: EXIF orientation applied."""
    with Image.open(path) as image:
        return ImageOps.exif_transpose(image).size


@pytest.mark.parametrize(
    ("title", "path", "kind", "pixels"),
    [
        ("Fixture logo, colour", "press/kit/logo.svg", "SVG", None),
        ("Fixture logo, white, for dark backgrounds", LOGO_PNG, "PNG", "300 × 100 px"),
        ("The “fixture” signing", PHOTO, "JPEG", "1600 × 2400 px"),
        ("Fact sheet", "press/kit/fact-sheet.pdf", "PDF", None),
        (
            "About the fixture organization (boilerplate text)",
            "press/kit/boilerplate.txt",
            "TXT",
            None,
        ),
    ],
)
def test_kit_item_links_its_file_and_tells_its_type_size_and_dimensions(
    press, title, path, kind, pixels
):
    content, site = press
    items, _ = kit(site.soup(PRESS.format(lang="en")))
    item = items[title]
    source = content / path
    download = item.select_one("a.kit-item__download")
    assert download["href"] == f"/{path}" and download.has_attr("download")
    assert site.file(download["href"]).read_bytes() == source.read_bytes()
    facts = item.select_one(".kit-item__file")
    assert text(facts.bdi) == kind
    size = localized_file_size(source.stat().st_size, "en")
    assert text(facts.select_one(".kit-item__size")) == size
    shown = facts.select_one(".kit-item__pixels")
    assert (text(shown) if shown else None) == pixels
    if pixels:  # the numbers are the file's own, as displayed
        assert pixels == "{} × {} px".format(*displayed_size(source))


def test_kit_thumbnails_exist_fit_the_box_and_have_alt_text(press):
    content, site = press
    items, _ = kit(site.soup(PRESS.format(lang="en")))
    thumbnails = {
        title: item.select_one("img.kit-item__thumbnail") for title, item in items.items()
    }
    assert [title for title, img in thumbnails.items() if img is None] == [
        "Fact sheet",
        "About the fixture organization (boilerplate text)",
    ]
    for title, img in thumbnails.items():
        if img is None:
            continue
        assert img["alt"].strip(), title
        assert (img["loading"], img["decoding"]) == ("lazy", "async")
        width, height = int(img["width"]), int(img["height"])
        assert width <= THUMBNAIL_BOX[0] and height <= THUMBNAIL_BOX[1], title
        assert site.exists(img["src"]), title
    # The photo gets a small WebP thumbnail, upright, of exactly the size the page says.
    photo = thumbnails["The “fixture” signing"]
    assert photo["src"] == "/press/kit/thumbnails/signing.jpg.webp"
    with Image.open(site.file(photo["src"])) as image:
        assert image.format == "WEBP"
        assert image.size == (int(photo["width"]), int(photo["height"])) == (427, 640)
    # A logo smaller than the box is its own thumbnail: never enlarged, never re-encoded.
    logo = thumbnails["Fixture logo, white, for dark backgrounds"]
    assert (logo["src"], logo["width"], logo["height"]) == (f"/{LOGO_PNG}", "300", "100")
    # A vector logo keeps its viewBox's proportions (200 × 80).
    svg = thumbnails["Fixture logo, colour"]
    assert svg["src"] == "/press/kit/logo.svg"
    assert int(svg["width"]) * 80 == int(svg["height"]) * 200
    assert "vector image" in text(items["Fixture logo, colour"].select_one(".kit-item__file"))


def test_a_thumbnail_is_made_once_per_image(tmp_path):
    """The second build copies the cached thumbnail; a changed photo gets a new
    one, and the cache keeps only what the site uses."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    make_images(content)
    site = Site(build_site(tmp_path / "output", content))
    thumbnail = site.file("/press/kit/thumbnails/signing.jpg.webp")
    [cached] = (tmp_path / ".cache").rglob("press-thumbnails/*.webp")
    assert cached.read_bytes() == thumbnail.read_bytes()
    cached.write_bytes(b"made by the first build")  # a remake would overwrite this

    # Into a new output beside the first (one cache): output/ itself would
    # be kept as it is, nothing having changed (uptodate.py).
    again = Site(build_site(tmp_path / "again", content))
    assert again.file("/press/kit/thumbnails/signing.jpg.webp").read_bytes() == (
        b"made by the first build"
    )

    with Image.open(content / PHOTO) as photo:
        photo.rotate(180).save(content / PHOTO, exif=photo.getexif())
    build_site(tmp_path / "output", content)
    # The new photo's thumbnail; the old one, which no kit file uses, is gone.
    [remade] = (tmp_path / ".cache").rglob("press-thumbnails/*.webp")
    assert remade != cached
    with Image.open(thumbnail) as image:
        assert (image.format, image.size) == ("WEBP", (427, 640))


def test_kit_item_shows_its_licence_and_credit(room):
    items, _ = kit(room.soup(PRESS.format(lang="en")))
    photo = items["The “fixture” signing"]
    facts = dict(zip(map(text, photo.select("dt")), photo.select("dd"), strict=True))
    assert list(facts) == ["Licence", "Credit"]
    assert text(facts["Licence"]) == "CC BY 4.0"
    assert facts["Licence"].a["href"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "license" in facts["Licence"].a["rel"]
    assert text(facts["Credit"]) == "Photo: Fixture Photographer"
    assert text(photo.select_one(".kit-item__description")).startswith("Made by the tests")
    logo = items["Fixture logo, white, for dark backgrounds"]
    assert [text(dt) for dt in logo.select("dt")] == ["Licence"]  # no credit in its file
    assert not logo.select_one(".kit-item__licence a")


def test_kit_sizes_are_localized(room):
    soup = room.soup(PRESS.format(lang="ar"))
    size = text(soup.select_one(".kit-item__size"))
    expected = localized_file_size((FIXTURE / "press/kit/logo.svg").stat().st_size, "ar", "latn")
    assert size == expected and "كيلوبايت" in size


# Feeds ---------------------------------------------------------------------------


def feeds(soup):
    section = soup.select_one("section[aria-labelledby=press-feeds]")
    return [
        (text(li.select_one(".feeds__name")), a["href"]) for li in section("li") for a in li("a")
    ]


def test_feeds_are_those_the_language_has_and_resolve(room):
    assert feeds(room.soup(PRESS.format(lang="en"))) == [
        ("All stories", "/en/feeds/all.atom.xml"),
        ("All stories", "/en/feeds/all.rss.xml"),
        ("All stories", "/en/feed.json"),
        ("News", "/en/feeds/news.atom.xml"),
        ("Press releases", "/en/feeds/press-releases.atom.xml"),
        ("Events", "/en/feeds/events.atom.xml"),  # the events page is there, empty or not
        ("Smart Magazine", "/en/magazine/feed.atom.xml"),
        ("Partner One", "/en/partners/partner-one/feed.atom.xml"),
    ]
    # French has press releases only: no news, no issue, no partner.
    assert feeds(room.soup(PRESS.format(lang="fr"))) == [
        ("Tous les articles", "/fr/feeds/all.atom.xml"),
        ("Tous les articles", "/fr/feeds/all.rss.xml"),
        ("Tous les articles", "/fr/feed.json"),
        ("Communiqués de presse", "/fr/feeds/press-releases.atom.xml"),
        ("Événements", "/fr/feeds/events.atom.xml"),
    ]
    for lang in LANGS:
        for _, url in feeds(room.soup(PRESS.format(lang=lang))):
            assert room.exists(url), url
            if url.endswith(".json"):
                assert json.loads(room.file(url).read_text())["language"] == lang
            else:
                ET.parse(room.file(url))  # well-formed XML


# Navigation, languages, sitemaps ---------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_press_room_is_in_the_navigation_and_every_language(room, lang):
    home = room.soup(f"/{lang}/")
    assert PRESS.format(lang=lang) in [a["href"] for a in home.select(".site-nav a")]
    soup = room.soup(PRESS.format(lang=lang))
    current = soup.select_one('.site-nav a[aria-current="page"]')
    assert current["href"] == PRESS.format(lang=lang)
    hreflang = {link["hreflang"]: link["href"] for link in soup.select("link[hreflang]")}
    urls = {other: SITEURL + PRESS.format(lang=other) for other in LANGS}
    assert hreflang == {**urls, "x-default": urls["en"]}
    switcher = {a["hreflang"]: a["href"] for a in soup.select(".language-switcher a")}
    assert switcher == {other: PRESS.format(lang=other) for other in LANGS}
    assert soup.select_one('link[rel="canonical"]')["href"] == urls[lang]


def test_sitemaps_list_the_press_rooms_with_their_translations(room):
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    for lang in LANGS:
        tree = ET.parse(room.root / lang / "sitemap.xml")
        locations = [url.findtext("sm:loc", namespaces=ns) for url in tree.iterfind("sm:url", ns)]
        assert SITEURL + PRESS.format(lang=lang) in locations
        # Contacts and kit items have no page: nothing else under /press/.
        assert [loc for loc in locations if "/press/" in loc] == [SITEURL + PRESS.format(lang=lang)]
        entry = next(
            u
            for u in tree.iterfind("sm:url", ns)
            if "/press/" in u.findtext("sm:loc", namespaces=ns)
        )
        links = {link.get("hreflang") for link in entry.iterfind("x:link", ns)}
        assert links == {*LANGS, "x-default"}


# Validators: the full press room, every section -------------------------------------


def test_full_press_rooms_are_valid_html(room):
    pages = [room.file(PRESS.format(lang=lang)) for lang in LANGS]
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--stdout",
            "--format",
            "json",
            "--errors-only",
            *map(str, pages),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(result.stdout)["messages"]
    assert not messages, "Nu Html Checker:\n" + vnu_report({"press": messages})


@pytest.fixture(scope="module")
def fixture_url(room):
    with serve(room.root) as url:
        yield url


@pytest.mark.parametrize("lang", LANGS)
def test_full_press_rooms_pass_axe(browser, fixture_url, lang):
    for width, scheme in ((1280, "light"), (375, "dark")):
        url = fixture_url + PRESS.format(lang=lang)
        with open_page(browser, url, width, scheme, bypass_csp=True) as page:
            page.add_script_tag(path=AXE)
            violations = page.evaluate(AXE_RUN, AXE_OPTIONS)
        assert not violations, (lang, width, scheme, violations)


# Bad input ------------------------------------------------------------------------

KIT_ITEM = "Title: A logo\nFile: press/kit/logo.svg\nAlt: A logo\nLicence: CC BY 4.0\n"
BAD_FILES = {
    "kit item without licence": (
        "press/kit/bad.en.md",
        "Title: A logo\nFile: press/kit/logo.svg\nAlt: A logo\n",
        ':1: licence: missing; add a line "Licence: …"',
    ),
    "unknown field in a contact": (
        "press/contacts/bad.en.md",
        "Name: Someone\nPhone: +216 71 000 003\nEmial: someone@example.org\n",
        ':3: emial: "emial" is not a field of a media contact; did you mean "email"?',
    ),
    "unknown field in a kit item": (
        "press/kit/bad.fr.md",
        KIT_ITEM + "Credits: Someone\n",
        ':5: credits: "credits" is not a field of a press kit item; did you mean "credit"?',
    ),
    "kit file that does not exist": (
        "press/kit/bad.ar.md",
        KIT_ITEM.replace("logo.svg", "nothing.png"),
        ':2: file: "press/kit/nothing.png" is not a file under content/',
    ),
    "kit image without alt text": (
        "press/kit/bad.en.md",
        KIT_ITEM.replace("Alt: A logo\n", ""),
        ':2: alt: missing; add a line "Alt: …" describing the image',
    ),
    "unknown kind of kit item": (
        "press/kit/bad.en.md",
        KIT_ITEM + "Kind: poster\n",
        ':5: kind: "poster" is not a kind of press kit item; use one of: logo, photo, document',
    ),
    "contact without email or phone": (
        "press/contacts/bad.en.md",
        "Name: Someone\nRole: Spokesperson\n",
        ':1: email: missing; add a line "Email: …" or "Phone: …"',
    ),
    "contact with a bad email": (
        "press/contacts/bad.en.md",
        "Name: Someone\nEmail: someone-at-example.org\n",
        ':2: email: "someone-at-example.org" is not an email address',
    ),
    "contact with a bad phone": (
        "press/contacts/bad.en.md",
        "Name: Someone\nPhone: call us\n",
        ':2: phone: "call us" is not a phone number',
    ),
    "contact with a phone number in local form": (
        "press/contacts/bad.en.md",
        "Name: Someone\nPhone: 71 000 000\n",
        ':2: phone: "71 000 000" is not a phone number; write it with digits and spaces, '
        "in international form: + and the country code first",
    ),
    "bad order": (
        "press/contacts/bad.en.md",
        "Name: Someone\nEmail: someone@example.org\nOrder: first\n",
        ':3: order: "first" is not a whole number',
    ),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_press_file_stops_the_build_naming_file_and_field(press, case):
    content, site = press
    relative, data, expected = BAD_FILES[case]
    try:
        assert expected in build_refuses(content, site.root, relative, data)
    finally:
        (content / relative).unlink()


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("broken.png", b"not a PNG at all", '"press/kit/broken.png" cannot be read as an image'),
        (
            "sizeless.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"/>',
            "has no size: give its <svg>",
        ),
        ("broken.svg", b"<svg", '"press/kit/broken.svg" is not a readable SVG file'),
    ],
)
def test_unreadable_kit_image_stops_the_build(press, name, data, expected):
    content, site = press
    image = content / "press/kit" / name
    image.write_bytes(data)
    relative = "press/kit/unreadable.en.md"
    try:
        line = build_refuses(
            content,
            site.root,
            relative,
            KIT_ITEM.replace("press/kit/logo.svg", f"press/kit/{name}"),
        )
        assert ":2: file: " in line and expected in line
    finally:
        image.unlink()
        (content / relative).unlink()


def test_check_reports_every_press_problem(press):
    content, _ = press
    bad = {
        "press/kit/one.en.md": "Title: One\nFile: press/kit/logo.svg\n",
        "press/contacts/two.en.md": "Name: Two\nMobile: +216 71 000 002\n",
    }
    for relative, data in bad.items():
        (content / relative).write_text(data, encoding="utf-8")
    try:
        result = invoke("check", "--content", str(content))
    finally:
        for relative in bad:
            (content / relative).unlink()
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = sorted(line.split("press/", 1)[1] for line in result.stderr.splitlines())
    assert lines == [
        'contacts/two.en.md:1: email: missing; add a line "Email: …" or "Phone: …", '
        "so that journalists can reach this contact",
        'contacts/two.en.md:2: mobile: "mobile" is not a field of a media contact; '
        "use: name, role, email, phone, order, status",
        'kit/one.en.md:1: licence: missing; add a line "Licence: …" saying how journalists '
        "may use the file",
        'kit/one.en.md:2: alt: missing; add a line "Alt: …" describing the image, '
        "for readers who cannot see it",
    ]


# The real content -------------------------------------------------------------------


def real_content():
    """{(kind, lang)} of the real content's published press files and press releases."""
    settings = read_settings(str(SETTINGS))
    index = scan(settings)
    found = set()
    for item in index.items:
        if item.kind in ("contact", "kit"):
            found.add((item.kind, item.lang))
        elif item.category == settings["PRESS_CATEGORY"]:
            found.add(("release", item.lang))
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_real_press_rooms_show_only_what_the_content_holds(site, lang):
    soup = site.soup(PRESS.format(lang=lang))
    found = real_content()
    assert (soup.html["lang"], soup.html["dir"]) == (lang, "rtl" if lang == "ar" else "ltr")
    sections = [section["aria-labelledby"] for section in soup.select("main section")]
    expected = [
        name
        for name, kind in (
            ("press-contacts", "contact"),
            ("press-releases", "release"),
            ("press-kit", "kit"),
        )
        if (kind, lang) in found
    ]
    assert sections == [*expected, "press-feeds"]
    # Every heading introduces something: no empty section.
    for section in soup.select("main section"):
        assert section.select("li"), section["aria-labelledby"]
    for _, url in feeds(soup):
        assert site.exists(url), url
    assert SITEURL + PRESS.format(lang=lang) in {
        link["href"] for link in soup.select("link[hreflang]")
    }
