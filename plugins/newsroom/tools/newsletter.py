"""`invoke newsletter.new | .render | .send`: the email edition, from the same stories.

- `newsletter.new --lang L` writes content/newsletter/<n>.<lang>.md: the next number,
  today's date, and the stories published in that language since the
  language's previous edition (newest first), for the editor to edit and
  introduce. `--like <n>` makes edition n in another language, with the
  stories that exist in it.
- `newsletter.render <n> [--lang L]` writes output-newsletter/<n>/<lang>.html, .txt and
  .eml (newsletter_email.py), to look at before sending.
- `newsletter.send <n> --lang L` sends it over SMTP to the language's mailing list (its
  posting address: the list manager holds the subscribers), or with `--to`
  a test copy to one person. A real send writes `Sent:` into the edition,
  and a sent edition is not sent again without `--again`.

Addresses and the SMTP server come from the environment (NEWSLETTER_*; the
password never in a file). Each refusal is one line (NewsletterError).
"""

import datetime
import os
import smtplib
import ssl
from pathlib import Path
from zoneinfo import ZoneInfo

from ..model.editions import slugs
from ..model.frontmatter import read_source
from ..model.problems import shown_path
from ..model.scan import scan
from ..model.values import parse_date
from . import newsletter_email as email
from .authoring import AuthoringError

SMTP_TIMEOUT = 30  # seconds
NEW_WINDOW = datetime.timedelta(days=31)  # a first edition: the last month's stories


class NewsletterError(AuthoringError):
    """A refusal of `invoke newsletter`, in one line."""


# new


def new(settings, lang, like=None, *, preview):
    """Write the next edition (or edition `like` in `lang`); return what to print."""
    _language(settings, lang)
    folder = Path(settings["PATH"]) / settings["NEWSLETTER_PATHS"][0]
    index = scan(settings)
    editions = _editions(index)
    if like is not None:
        number = _number(like, "--like")
        source = _original(editions, number, settings)
        stories = [slug for slug in _stories(source) if _published(index, slug, lang)]
        date = source.meta["date"].value
    else:
        number = 1 + max((int(item.slug) for item in editions), default=0)
        previous = max((e for e in editions if e.lang == lang), key=_number_of, default=None)
        since = _date_of(previous, settings) if previous else _now(settings) - NEW_WINDOW
        stories = _since(index, lang, since, settings)
        date = _now(settings).date().isoformat()
    path = folder / f"{number}.{lang}.md"
    if path.exists():
        raise NewsletterError(f"{shown_path(path)} exists already; edit it, or give another --lang")
    lines = [f"Edition: {number}", f"Date: {date}"]
    lines.append("Stories: " + "\n    ".join(stories) if stories else "Stories:")
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n\n")
    url = f"{preview}/{settings['EDITION_URL'].replace('{lang}', lang).format(slug=number)}"
    return "\n".join(
        [
            f"Created {shown_path(path)}: edition {number}, {len(stories)} "
            f"{'story' if len(stories) == 1 else 'stories'}.",
            "Write the introduction below the blank line, and edit Stories (their order is "
            "the email's).",
            f"Preview: {url} (while `make serve` runs), then: invoke newsletter.render {number} "
            f"--lang {lang}",
        ]
    )


# render and send


def render(settings, number, lang=None, environ=os.environ):
    """Write output-newsletter/<n>/<lang>.html, .txt and .eml; return what to print."""
    number = _number(number, "the edition")
    index = _checked(settings)
    items = [item for item in _editions(index) if int(item.slug) == number]
    if lang:
        _language(settings, lang)
        items = [item for item in items if item.lang == lang]
    if not items:
        where = f" in {lang}" if lang else ""
        raise NewsletterError(
            f"there is no edition {number}{where}; write it with invoke newsletter.new"
        )
    folder = Path(settings["NEWSLETTER_RENDER_DIR"]) / str(number)
    said = []
    for item in items:
        mail, html, text = _compose(settings, index, item, environ)
        folder.mkdir(parents=True, exist_ok=True)
        for suffix, data in ((".html", html), (".txt", text), (".eml", mail.as_string())):
            (folder / f"{item.lang}{suffix}").write_text(data, encoding="utf-8")
        size = len(html.encode())
        said.append(
            f"{shown_path(folder / item.lang)}.html, .txt, .eml: {len(_stories(item))} "
            f"stories, HTML {size / 1024:.0f} KB (Gmail clips at {email.CLIP // 1024} KB)"
            + (": too long to send, take stories out" if size > email.CLIP else "")
        )
    return "\n".join(said)


def send(settings, number, lang, to=None, again=False, environ=os.environ):
    """Send edition `number` in `lang` to the list (or `to`); return what to print."""
    number = _number(number, "the edition")
    _language(settings, lang)
    index = _checked(settings)
    item = next((i for i in _editions(index) if int(i.slug) == number and i.lang == lang), None)
    if item is None:
        raise NewsletterError(
            f"there is no edition {number} in {lang}; write it with invoke newsletter.new"
        )
    sent = item.meta.get("sent")
    if sent and sent.value and not to and not again:
        raise NewsletterError(
            f"edition {number} ({lang}) was sent on {sent.value}; to send it again, add --again"
        )
    host = _needed(environ, "NEWSLETTER_SMTP_HOST", "the SMTP server's name")
    port = int(environ.get("NEWSLETTER_SMTP_PORT") or 587)
    recipient = to or _needed(
        environ, f"NEWSLETTER_TO_{lang.upper()}", f"the posting address of the {lang} list"
    )
    mail, html, _ = _compose(settings, index, item, environ, recipient)
    if len(html.encode()) > email.CLIP:
        raise NewsletterError(
            f"the HTML of edition {number} ({lang}) is {len(html.encode()) // 1024} KB, over "
            f"the {email.CLIP // 1024} KB Gmail shows whole; take stories out or shorten "
            "the introduction"
        )
    try:
        with smtplib.SMTP(host, port, timeout=SMTP_TIMEOUT) as server:
            server.ehlo()
            if server.has_extn("starttls"):
                server.starttls(context=ssl.create_default_context())
                server.ehlo()
            if environ.get("NEWSLETTER_SMTP_USER"):
                server.login(
                    environ["NEWSLETTER_SMTP_USER"], environ.get("NEWSLETTER_SMTP_PASSWORD", "")
                )
            server.send_message(mail, to_addrs=[recipient])
    except smtplib.SMTPRecipientsRefused as error:
        code, reason = next(iter(error.recipients.values()))
        raise NewsletterError(
            f"the server refused {recipient} ({code} {_said(reason)}); "
            "the edition is not marked sent"
        ) from None
    except smtplib.SMTPAuthenticationError as error:
        raise NewsletterError(
            f"{host} refused the login of NEWSLETTER_SMTP_USER ({error.smtp_code} "
            f"{_said(error.smtp_error)}); the edition is not marked sent"
        ) from None
    except (OSError, smtplib.SMTPException) as error:
        raise NewsletterError(
            f"cannot send through {host}:{port} ({_said(error)}); the edition is not marked sent"
        ) from None
    if to:
        return (
            f"Sent a test copy of edition {number} ({lang}) to {to}; "
            "the edition is not marked sent."
        )
    when = datetime.datetime.now(ZoneInfo(settings["TIMEZONE"])).strftime("%Y-%m-%d %H:%M")
    _mark_sent(_path(item), when)
    return (
        f"Sent edition {number} ({lang}) to {recipient}; {shown_path(_path(item))} now says "
        f"Sent: {when}: commit it."
    )


def _compose(settings, index, item, environ, recipient=None):
    lang = item.lang
    unsubscribe = _needed(
        environ,
        f"NEWSLETTER_UNSUBSCRIBE_{lang.upper()}",
        f"the {lang} list's one-click unsubscribe address (https://…)",
    )
    sender = _needed(environ, "NEWSLETTER_FROM", 'the sender, e.g. "AICTO <news@aicto.org>"')
    recipient = recipient or _needed(
        environ, f"NEWSLETTER_TO_{lang.upper()}", f"the posting address of the {lang} list"
    )
    edition = email.read_edition(settings, item, index, unsubscribe)
    html = email.html(edition, settings)
    text = email.text(edition, settings)
    return email.message(edition, html, text, sender, recipient), html, text


# Helpers


def _checked(settings):
    """The content index; a content problem stops the command (as a build would)."""
    index = scan(settings)
    if index.problems:
        first = index.problems[0]
        more = len(index.problems) - 1
        also = f" (and {more} more: run invoke check)" if more else ""
        raise NewsletterError(f"the content has a problem: {first}{also}")
    return index


def _editions(index):
    return [item for item in index.items + index.drafts if item.kind == "edition"]


def _original(editions, number, settings):
    versions = {item.lang: item for item in editions if int(item.slug) == number}
    if not versions:
        raise NewsletterError(f"--like: there is no edition {number} to follow")
    for lang in (settings["X_DEFAULT_LANG"], *settings["LANGUAGES"]):
        if lang in versions:
            return versions[lang]


def _stories(item):
    return slugs(item.meta["stories"].value) if "stories" in item.meta else []


def _published(index, slug, lang):
    return any(i.kind == "article" and i.slug == slug and i.lang == lang for i in index.items)


def _since(index, lang, since, settings):
    """The slugs of `lang`'s stories published after `since`, newest first."""
    found = []
    for item in index.items:
        if item.kind == "article" and item.lang == lang:
            when = _aware(parse_date(item.meta["date"].value)[0], settings)
            if when > since:
                found.append((when, item.slug))
    return [slug for _, slug in sorted(found, reverse=True)]


def _date_of(item, settings):
    return _aware(parse_date(item.meta["date"].value)[0], settings) + datetime.timedelta(days=1)


def _aware(moment, settings):
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(settings["TIMEZONE"]))


def _now(settings):
    return datetime.datetime.now(ZoneInfo(settings["TIMEZONE"]))


def _number_of(item):
    return int(item.slug)


def _number(value, what):
    text = str(value).strip()
    if not text.isdigit() or int(text) < 1:
        raise NewsletterError(f'{what}: "{value}" is not an edition number (1, 2, 3…)')
    return int(text)


def _language(settings, lang):
    if lang not in settings["LANGUAGES"]:
        raise NewsletterError(
            f'--lang: "{lang}" is not a language of the site; use one of: '
            + ", ".join(settings["LANGUAGES"])
        )


def _needed(environ, name, what):
    value = (environ.get(name) or "").strip()
    if not value:
        raise NewsletterError(f"{name} is not set: set it in the environment to {what}")
    return value


def _said(error):
    text = error.decode(errors="replace") if isinstance(error, bytes) else str(error)
    return " ".join(text.split()) or type(error).__name__


def _path(item):
    path = Path(item.path)
    return path if path.is_absolute() else Path.cwd() / path


def _mark_sent(path, when):
    """Write `Sent: <when>` into the edition's front matter (in place of an older one)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    fields = read_source(path).fields
    if "sent" in fields:
        lines[fields["sent"].line - 1] = f"Sent: {when}\n"
    else:  # at the end of the front matter: before the first blank line
        end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
        lines.insert(end, f"Sent: {when}\n")
    path.write_text("".join(lines), encoding="utf-8")
