"""The email edition (issue 19): `invoke newsletter.new | .render | .send` on a
copy of tests/sites/newsletter/, sent to a real SMTP server (aiosmtpd) on
127.0.0.1 and read back with Python's `email` package; the links of what
was received are checked against a real build of the same content.

The fixture: stories in English and Arabic (one with a photograph), one in
English only, a draft; edition 1 in both languages; two stories published
after it.
"""

import email
import email.policy
import json
import re
import shutil
import subprocess
from urllib.parse import unquote, urlsplit

import feedparser
import pytest
from aiosmtpd.controller import Controller
from bs4 import BeautifulSoup

from conftest import SITES, SITEURL, THEME, Site, build_site, free_port, invoke
from newsroom.model.frontmatter import read_source
from newsroom.tools.browser import open_page, read_headers, serve
from validators import AXE, AXE_OPTIONS, AXE_RUN, VNU, axe_report, vnu_report

FIXTURE = SITES / "newsletter"
UNSUBSCRIBE = {lang: f"https://lists.example.org/unsubscribe/{lang}" for lang in ("ar", "en")}
LISTS = {"ar": "aicto-ar@lists.example.org", "en": "aicto-en@lists.example.org"}
OPEN_DATA = "/{lang}/press-releases/2026/03/open-data-report/"
FORUM = "/{lang}/news/2026/03/digital-skills-forum/"


class Inbox:
    """What the SMTP server received: (envelope sender, recipients, bytes)."""

    def __init__(self):
        self.received = []

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address.startswith("refused@"):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    inbox.port = controller.port
    yield inbox
    controller.stop()


@pytest.fixture
def content(tmp_path):
    copy = tmp_path / "content"
    shutil.copytree(FIXTURE, copy)
    return copy


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The fixture built with the development settings (SITEURL as below)."""
    return Site(build_site(tmp_path_factory.mktemp("newsletter") / "output", FIXTURE))


def environment(smtp=None, **more):
    env = {
        "SITEURL": SITEURL,
        "NEWSLETTER_FROM": "AICTO <news@example.org>",
        **{f"NEWSLETTER_TO_{lang.upper()}": address for lang, address in LISTS.items()},
        **{f"NEWSLETTER_UNSUBSCRIBE_{lang.upper()}": url for lang, url in UNSUBSCRIBE.items()},
    }
    if smtp is not None:
        env.update(NEWSLETTER_SMTP_HOST="127.0.0.1", NEWSLETTER_SMTP_PORT=str(smtp.port))
    env.update(more)
    return env


def newsletter(content, action, *args, env=None):
    """invoke newsletter.<action> … on `content`."""
    return invoke(
        f"newsletter.{action}", *args, "--content", str(content), env=env or environment()
    )


def received(smtp):
    [(sender, recipients, data)] = smtp.received
    return sender, recipients, email.message_from_bytes(data, policy=email.policy.default)


def one_line(result):
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    return line


# invoke newsletter new


def test_new_writes_the_next_edition_with_the_stories_since_the_last(content):
    result = newsletter(content, "new", "--lang", "en")

    assert result.returncode == 0, result.stderr
    fields = read_source(content / "newsletter/2.en.md").fields
    assert fields["edition"].value == "2"
    assert fields["stories"].value.split() == ["late-english-only", "smart-cities-workshop"]
    assert "Created" in result.stdout and "2.en.md: edition 2, 2 stories." in result.stdout


def test_new_like_makes_the_same_edition_in_another_language(content):
    newsletter(content, "new", "--lang", "en")

    result = newsletter(content, "new", "--lang", "ar", "--like", "2")

    assert result.returncode == 0, result.stderr
    english = read_source(content / "newsletter/2.en.md").fields
    arabic = read_source(content / "newsletter/2.ar.md").fields
    assert arabic["stories"].value.split() == [
        "smart-cities-workshop"
    ]  # no Arabic version of the other
    assert arabic["date"].value == english["date"].value
    assert invoke("check", "--content", str(content)).returncode == 0


# invoke newsletter render


def test_render_writes_html_text_and_a_message_outside_the_site(content, tmp_path):
    out = tmp_path / "rendered"

    result = newsletter(content, "render", "1", "--output", str(out))

    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (out / "1").iterdir()) == [
        "ar.eml",
        "ar.html",
        "ar.txt",
        "en.eml",
        "en.html",
        "en.txt",
    ]
    for lang in ("ar", "en"):
        html = (out / "1" / f"{lang}.html").read_bytes()
        assert len(html) < 102 * 1024  # Gmail clips longer messages
        assert_text_lines_fit((out / "1" / f"{lang}.txt").read_text(encoding="utf-8"))


def assert_text_lines_fit(text):
    for line in text.splitlines():
        assert len(line) <= 78 or " " not in line.strip(), line  # a long address stays whole


# invoke newsletter send: to a real SMTP server


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_an_edition_reaches_the_list_as_text_and_html(content, smtp, site, lang):
    result = newsletter(content, "send", "1", "--lang", lang, env=environment(smtp))

    assert result.returncode == 0, result.stderr
    sender, recipients, mail = received(smtp)
    assert recipients == [LISTS[lang]]
    assert sender == "news@example.org"
    assert mail["From"] == "AICTO <news@example.org>"
    assert mail["To"] == LISTS[lang]
    assert mail["Content-Language"] == lang
    assert mail["List-Unsubscribe"] == f"<{UNSUBSCRIBE[lang]}>"
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.fullmatch(rf"<newsletter-1-{lang}-[0-9a-f]{{20}}@127\.0\.0\.1>", mail["Message-ID"])
    assert f"\nMessage-ID: <newsletter-1-{lang}-".encode() in smtp.received[0][2]  # not folded
    assert mail["Date"].datetime.tzinfo is not None
    assert mail.get_content_type() == "multipart/alternative"
    plain, html = mail.get_body(("plain",)), mail.get_body(("html",))
    assert [part.get_content_type() for part in mail.iter_parts()] == ["text/plain", "text/html"]
    assert plain.get_content_charset() == html.get_content_charset() == "utf-8"
    assert_text_lines_fit(plain.get_content())
    soup = BeautifulSoup(html.get_content(), "html.parser")
    assert_every_style_is_inline(soup)
    assert_links_resolve(soup, site)
    assert_the_same_edition(soup, plain.get_content(), lang)
    sent = read_source(content / f"newsletter/1.{lang}.md").fields["sent"].value
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", sent)
    assert f"Sent: {sent}" in result.stdout


def assert_every_style_is_inline(soup):
    """Each element the stylesheet styles carries its style; the only <style>
    left holds the dark scheme's @media rules; no stylesheet link."""
    css = re.sub(
        r"/\*.*?\*/", "", (THEME / "email/email.css").read_text(encoding="utf-8"), flags=re.S
    )
    rules = css.split("@media", 1)[0]
    classes = set(re.findall(r"\.([a-z][a-z-]*)", rules))
    assert {"story", "story-image", "more-link", "footer"} <= classes
    for name in classes:
        for element in soup.select(f".{name}"):
            assert element.get("style"), (name, str(element)[:80])
    styles = soup.find_all("style")
    assert len(styles) == 1 and styles[0].get_text().strip().startswith(
        "@media (prefers-color-scheme: dark)"
    )
    assert not soup.select('link[rel="stylesheet"]')


def assert_links_resolve(soup, site):
    """Every link and image is absolute, and on the site, a file the build wrote."""
    checked = 0
    for element, attribute in [(a, "href") for a in soup.select("a[href]")] + [
        (img, "src") for img in soup.select("img[src]")
    ]:
        url = element[attribute]
        assert urlsplit(url).scheme in ("http", "https"), url
        if url.startswith(SITEURL):
            assert site.exists(unquote(urlsplit(url).path)), url
            checked += 1
        else:
            assert url in UNSUBSCRIBE.values(), url
    assert checked >= 10


def assert_the_same_edition(soup, text, lang):
    stories = [" ".join(a.get_text().split()) for a in soup.select(".story-title a")]
    titles = {
        "en": ["A report on open data", "A forum on digital skills"],
        "ar": ["تقرير عن البيانات المفتوحة", "منتدى حول المهارات الرقمية"],
    }[lang]
    assert stories == titles
    for title in titles:
        assert title in text
    assert soup.select(".more-link")[0]["href"] == SITEURL + OPEN_DATA.format(lang=lang)
    image = soup.select_one(".story-image")
    assert image["width"] == "560" and image["height"] == "315" and image["alt"]
    intro = soup.select_one(".intro a")
    assert intro["href"] == SITEURL + OPEN_DATA.format(lang=lang)  # {filename}, made absolute
    if lang == "ar":  # right to left where mail clients keep it: on the wrapper too
        for node in (soup.html, soup.body, soup.select_one(".wrapper")):
            assert (node.get("lang"), node.get("dir")) == ("ar", "rtl"), node.name
        assert "Tahoma" in soup.select_one(".wrapper")["style"]
    else:
        assert soup.select_one(".wrapper")["dir"] == "ltr"


def test_a_test_copy_goes_to_one_address_and_marks_nothing(content, smtp):
    before = (content / "newsletter/1.en.md").read_text(encoding="utf-8")

    result = newsletter(
        content, "send", "1", "--lang", "en", "--to", "editor@example.org", env=environment(smtp)
    )

    assert result.returncode == 0, result.stderr
    _, recipients, mail = received(smtp)
    assert recipients == ["editor@example.org"] and mail["To"] == "editor@example.org"
    assert (content / "newsletter/1.en.md").read_text(encoding="utf-8") == before


# Refusals: one line, exit 1, the edition not marked sent


def test_a_sent_edition_is_sent_again_only_with_again(content, smtp):
    newsletter(content, "send", "1", "--lang", "en", env=environment(smtp))
    sent = read_source(content / "newsletter/1.en.md").fields["sent"].value

    line = one_line(newsletter(content, "send", "1", "--lang", "en", env=environment(smtp)))

    assert line == (
        f"invoke newsletter.send: edition 1 (en) was sent on {sent}; to send it again, add --again"
    )
    assert len(smtp.received) == 1
    again = newsletter(content, "send", "1", "--lang", "en", "--again", env=environment(smtp))
    assert again.returncode == 0, again.stderr
    assert len(smtp.received) == 2
    fields = read_source(content / "newsletter/1.en.md").fields
    assert list(fields).count("sent") == 1


def test_an_smtp_server_that_is_down_is_one_line(content):
    port = free_port()  # nothing listens there
    env = environment(NEWSLETTER_SMTP_HOST="127.0.0.1", NEWSLETTER_SMTP_PORT=str(port))
    before = (content / "newsletter/1.en.md").read_text(encoding="utf-8")

    line = one_line(newsletter(content, "send", "1", "--lang", "en", env=env))

    assert line.startswith(f"invoke newsletter.send: cannot send through 127.0.0.1:{port} (")
    assert line.endswith("); the edition is not marked sent")
    assert (content / "newsletter/1.en.md").read_text(encoding="utf-8") == before


def test_a_refused_recipient_is_one_line(content, smtp):
    line = one_line(
        newsletter(
            content,
            "send",
            "1",
            "--lang",
            "en",
            "--to",
            "refused@example.org",
            env=environment(smtp),
        )
    )

    assert line == (
        "invoke newsletter.send: the server refused refused@example.org "
        "(550 5.1.1 No such mailbox here); the edition is not marked sent"
    )
    assert smtp.received == []


@pytest.mark.parametrize(
    ("unset", "message"),
    [
        (
            "NEWSLETTER_SMTP_HOST",
            "NEWSLETTER_SMTP_HOST is not set: set it in the environment to the SMTP server's name",
        ),
        (
            "NEWSLETTER_TO_EN",
            "NEWSLETTER_TO_EN is not set: set it in the environment to the posting address "
            "of the en list",
        ),
        (
            "NEWSLETTER_FROM",
            "NEWSLETTER_FROM is not set: set it in the environment to the sender, "
            'e.g. "AICTO <news@aicto.org>"',
        ),
        (
            "NEWSLETTER_UNSUBSCRIBE_EN",
            "NEWSLETTER_UNSUBSCRIBE_EN is not set: set it in the environment to the en list's "
            "one-click unsubscribe address (https://…)",
        ),
    ],
)
def test_a_missing_setting_is_named(content, smtp, unset, message):
    env = environment(smtp)
    env[unset] = ""

    line = one_line(newsletter(content, "send", "1", "--lang", "en", env=env))

    assert line == f"invoke newsletter.send: {message}"
    assert smtp.received == []


def test_an_edition_with_a_bad_story_is_not_sent(content, smtp):
    edition = content / "newsletter/1.en.md"
    edition.write_text(
        edition.read_text(encoding="utf-8").replace(
            "Stories: open-data-report", "Stories: open-data-reprot"
        ),
        encoding="utf-8",
    )

    line = one_line(newsletter(content, "send", "1", "--lang", "en", env=environment(smtp)))

    assert line == (
        f"invoke newsletter.send: the content has a problem: {edition}:4: stories: "
        '"open-data-reprot" is not a published story in en; did you mean "open-data-report"?'
    )
    assert smtp.received == []


def test_an_edition_gmail_would_clip_is_not_sent(content, smtp):
    edition = content / "newsletter/1.en.md"
    words = "The forum brought together ministries and companies of the region. " * 1700
    edition.write_text(edition.read_text(encoding="utf-8") + "\n" + words + "\n", encoding="utf-8")

    line = one_line(newsletter(content, "send", "1", "--lang", "en", env=environment(smtp)))

    assert re.fullmatch(
        r"invoke newsletter\.send: the HTML of edition 1 \(en\) is 1\d\d KB, over the 102 KB "
        r"Gmail shows whole; take stories out or shorten the introduction",
        line,
    ), line
    assert smtp.received == []


# The content check of an edition's stories


@pytest.mark.parametrize(
    ("lang", "stories", "message"),
    [
        (
            "ar",
            "english-only",
            '"english-only" has no ar version (only en); '
            "an edition carries stories of its own language",
        ),
        ("en", "a-draft", '"a-draft" is a draft; publish it first, or take it out of Stories'),
        (
            "en",
            "nothing-like-it",
            '"nothing-like-it" is not a published story in en; check the slug',
        ),
    ],
)
def test_the_check_refuses_a_story_an_edition_cannot_carry(content, lang, stories, message):
    bad = content / f"newsletter/2.{lang}.md"
    bad.write_text(
        f"Edition: 2\nDate: 2026-03-20\nStories: {stories}\n\nHello.\n", encoding="utf-8"
    )

    result = invoke("check", "--content", str(content))

    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[0] == f"{bad}:3: stories: {message}"


def test_an_edition_number_matches_its_file_name(content):
    bad = content / "newsletter/3.en.md"
    bad.write_text("Edition: 4\nDate: 2026-03-20\n\nHello.\n", encoding="utf-8")

    result = invoke("check", "--content", str(content))

    assert result.stderr.strip().splitlines()[0] == (
        f"{bad}:1: edition: edition 4 belongs in a file named 4.<lang>.md"
    )


# The web archive


def test_the_archive_lists_each_edition_and_its_page_shows_it(site):
    archive = site.soup("/en/newsletter/")
    page = site.soup("/ar/newsletter/1/")

    assert [a["href"] for a in archive.select(".edition-list a")] == ["/en/newsletter/1/"]
    assert " ".join(archive.select_one(".edition-list a").get_text().split()) == (
        "AICTO news, March 2026"
    )
    titles = [" ".join(a.get_text().split()) for a in page.select(".card__title a")]
    assert titles == ["تقرير عن البيانات المفتوحة", "منتدى حول المهارات الرقمية"]
    assert page.select_one(".story__body a")["href"] == OPEN_DATA.format(lang="ar")
    assert site.soup("/fr/newsletter/").select_one(".empty")  # no French edition yet
    feed = feedparser.parse((site.root / "en/newsletter/feed.atom.xml").read_bytes())
    assert not feed.bozo
    assert [entry.link for entry in feed.entries] == [f"{SITEURL}/en/newsletter/1/"]


def test_the_footer_says_where_to_subscribe_when_the_list_has_a_page(tmp_path, site):
    subscribe = {"en": "https://lists.example.org/aicto-en"}
    with_list = Site(build_site(tmp_path / "output", FIXTURE, NEWSLETTER_SUBSCRIBE_URL=subscribe))

    english, arabic = with_list.soup("/en/"), with_list.soup("/ar/")

    assert [a["href"] for a in english.select(".newsletter-links a")] == [
        "/en/newsletter/",
        "https://lists.example.org/aicto-en",
    ]
    assert [a["href"] for a in arabic.select(".newsletter-links a")] == ["/ar/newsletter/"]
    assert len(site.soup("/en/").select(".newsletter-links a")) == 1  # none set: left out


ARCHIVE_PAGES = ["/en/newsletter/", "/ar/newsletter/", "/en/newsletter/1/", "/ar/newsletter/1/"]


def test_the_archive_pages_are_valid_html(site):
    java = shutil.which("java")
    assert java, "Java is missing: run `make test`"
    assert VNU.is_file(), f"{VNU} is missing: run `make test`"
    pages = [str(site.file(path)) for path in ARCHIVE_PAGES]

    result = subprocess.run(
        [java, "-jar", str(VNU), "--stdout", "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=300,
    )

    messages = json.loads(result.stdout)["messages"]
    assert messages == [], vnu_report({"newsletter": messages})


@pytest.fixture(scope="module")
def site_url(site):
    with serve(site.root, headers=read_headers(site.root / "_headers")) as url:
        yield url


@pytest.mark.parametrize("path", ARCHIVE_PAGES)
def test_the_archive_pages_pass_axe(browser, site_url, path):
    with open_page(browser, site_url + path, 375, "dark", bypass_csp=True) as page:
        page.add_script_tag(path=AXE)
        violations = page.evaluate(AXE_RUN, AXE_OPTIONS)

    assert violations == [], axe_report(path, 375, "dark", violations)
