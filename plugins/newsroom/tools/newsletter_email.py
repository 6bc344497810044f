"""`invoke newsletter render` and `send`: one edition as an email.

The edition (model/editions.py) and the stories it names are read as the
language runs read them (run/reader.py: typography, the HTML allowlist),
then rendered with the theme's second set of templates, theme/email/:
- edition.html, with email.css inlined into every element (css-inline; only
  the dark-scheme @media rules stay in a <style>, for the clients that read
  one), a single column, `lang` and `dir` on a wrapper too (clients drop
  <html> and <body>), absolute links, images with width, height and alt;
- edition.txt, the plain-text alternative, wrapped at 78 characters (a web
  address alone on its line may be longer: it cannot be cut).
`message` makes them one multipart/alternative UTF-8 email.
"""

import datetime
import re
import textwrap
import uuid
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import css_inline
import jinja2
from babel.dates import format_date
from bs4 import BeautifulSoup
from markupsafe import Markup

from ..build import media
from ..build.run_settings import language_settings
from ..model.editions import slugs
from ..model.i18n import translations, with_digits
from ..run.reader import NewsroomMarkdownReader

TEMPLATES = "email"  # theme/email/
WIDTH = 560  # px: the column's content width (600 with its padding)
CLIP = 102 * 1024  # bytes: Gmail cuts a longer HTML part ("[Message clipped]")
LINE = 78  # characters a line of the text part (RFC 5322's advice)


@dataclass
class Story:
    title_html: Markup
    title: str
    summary: str
    url: str
    date: str
    image: dict | None = None  # src, width, height, alt


@dataclass
class Edition:
    number: int
    lang: str
    dir: str
    subject: str
    date: str
    intro_html: Markup
    stories: list
    web_url: str
    archive_url: str
    home_url: str
    site_name: str
    unsubscribe_url: str
    subscribe_url: str | None = None
    headers: dict = field(default_factory=dict)


def read_edition(settings, item, index, unsubscribe_url):
    """The Edition of the scan's `item` (a newsletter edition), in its language."""
    lang = item.lang
    run = {**settings, **language_settings(settings, lang, primary=False)}
    reader = NewsroomMarkdownReader(run)
    catalog = translations(settings["THEME"], lang)
    language = run["LANGUAGE"]
    siteurl = settings["SITEURL"]
    stories_by_slug = {i.slug: i for i in index.items if i.kind == "article" and i.lang == lang}
    body, meta = reader.read(_real(settings, item.path))
    number = int(meta["edition"])
    subject = meta.get("title_text") or catalog.gettext("Newsletter, edition %(number)s") % {
        "number": number
    }
    stories = []
    for slug in slugs(item.meta["stories"].value if "stories" in item.meta else ""):
        found = stories_by_slug[slug]  # the scan checked each slug
        _, story = reader.read(_real(settings, found.path))
        stories.append(
            Story(
                title_html=story["title_html"],
                title=story["title_text"],
                summary=story.get("summary_text", ""),
                url=f"{siteurl}/{found.url}",
                date=_day(story["date"], language),
                image=_image(settings, story),
            )
        )
    return Edition(
        number=number,
        lang=lang,
        dir=language["dir"],
        subject=subject,
        date=_day(meta["date"], language),
        intro_html=Markup(_absolute(body, siteurl, index, settings)),
        stories=stories,
        web_url=f"{siteurl}/{item.url}",
        archive_url=f"{siteurl}/{run['NEWSLETTER_URL']}",
        home_url=f"{siteurl}/{run['INDEX_URL']}",
        site_name=run["SITENAME"],
        unsubscribe_url=unsubscribe_url,
        subscribe_url=(settings.get("NEWSLETTER_SUBSCRIBE_URL") or {}).get(lang),
    )


def html(edition, settings):
    """The HTML part: rendered, then every style inlined."""
    page = _environment(settings, edition.lang).get_template("edition.html").render(e=edition)
    css = (Path(settings["THEME"]) / TEMPLATES / "email.css").read_text(encoding="utf-8")
    inliner = css_inline.CSSInliner(
        keep_at_rules=True, extra_css=css, load_remote_stylesheets=False
    )
    return inliner.inline(page)


def text(edition, settings):
    """The plain-text part, wrapped at LINE characters."""
    raw = _environment(settings, edition.lang, html=False).get_template("edition.txt")
    paragraphs = re.split(r"\n\s*\n", raw.render(e=edition, intro=_plain(edition.intro_html)))
    return "\n\n".join(_wrap(p) for p in paragraphs if p.strip()) + "\n"


def message(edition, html_part, text_part, sender, to):
    """One multipart/alternative UTF-8 email, the text part first (RFC 2046)."""
    mail = EmailMessage()
    mail["Subject"] = edition.subject
    mail["From"] = sender
    mail["To"] = to
    mail["Date"] = format_datetime(datetime.datetime.now(datetime.UTC))
    domain = urlsplit(edition.home_url).hostname or "localhost"
    # Short enough never to be folded onto a line of its own (78 characters).
    mail["Message-ID"] = (
        f"<newsletter-{edition.number}-{edition.lang}-{uuid.uuid4().hex[:20]}@{domain}>"
    )
    mail["List-Unsubscribe"] = f"<{edition.unsubscribe_url}>"
    mail["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"  # RFC 8058
    mail.set_content(text_part, charset="utf-8")
    mail.add_alternative(html_part, subtype="html", charset="utf-8")
    mail["Content-Language"] = edition.lang  # after set_content, which drops Content-* headers
    return mail


def _environment(settings, lang, html=True):
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(settings["THEME"]) / TEMPLATES),
        autoescape=html,
        extensions=["jinja2.ext.i18n"],
        keep_trailing_newline=True,
    )
    env.install_gettext_translations(translations(settings["THEME"], lang), newstyle=True)
    return env


def _real(settings, shown):
    """A scan Item's path, which may be relative to the current folder."""
    path = Path(shown)
    return str(path if path.is_absolute() else Path.cwd() / path)


def _day(value, language):
    day = format_date(value, "long", locale=language["locale"])
    return with_digits(day, language.get("digits"))


def _image(settings, story):
    """The story's image as the email shows it: a JPEG/PNG rendition the build
    publishes (build/media.py names it), the column's width, and alt text."""
    image = story.get("image")
    if not image:
        return None
    plan = media.plan(Path(settings["PATH"]), image, settings, Path(settings["CACHE_PATH"]))
    if plan is None:
        return None
    width = next((w for w in plan.widths if w >= WIDTH), plan.widths[-1])
    shown = min(WIDTH, width)
    return {
        "src": f"{settings['SITEURL']}/{plan.name(width, plan.fallback)}",
        "width": shown,
        "height": round(plan.height_at(width) * shown / width),
        "alt": story.get("image_alt", ""),
    }


def _absolute(body, siteurl, index, settings):
    """The introduction's links and images with their full address."""
    soup = BeautifulSoup(body, "html.parser")
    pages = {Path(item.path).resolve(): item.url for item in index.items if item.url}
    content = Path(settings["PATH"]).resolve()
    for tag, attribute in [("a", "href"), ("img", "src")]:
        for element in soup.find_all(tag, **{attribute: True}):
            value = element[attribute]
            for mark in ("{filename}", "{static}", "|filename|", "|static|"):
                if value.startswith(mark):
                    target = (content / value[len(mark) :].lstrip("/")).resolve()
                    value = "/" + pages.get(target, str(target.relative_to(content)))
            element[attribute] = urljoin(siteurl + "/", value)
    return str(soup)


def _plain(html_text):
    """HTML as text: paragraphs apart, links written out after their words."""
    soup = BeautifulSoup(html_text, "html.parser")
    for link in soup.find_all("a", href=True):
        words = link.get_text(" ", strip=True)
        link.replace_with(f"{words} ({link['href']})" if words != link["href"] else words)
    blocks = soup.find_all(["p", "li", "h2", "h3", "blockquote"])
    return "\n\n".join(" ".join(b.get_text().split()) for b in blocks if b.get_text().strip())


def _wrap(paragraph):
    """A paragraph wrapped at LINE characters; a line that is one web address stays whole."""
    lines = []
    for line in paragraph.strip().splitlines():
        if len(line) <= LINE or re.fullmatch(r"\S+", line.strip()):
            lines.append(line.rstrip())
        else:
            lines += textwrap.wrap(line, LINE, break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines)
