"""How a front-matter value is read: dates, lists, numbers, addresses.

The scan checks values with these, and the language runs read them back with
the same functions, so a value means one thing everywhere.
"""

import datetime
import difflib
import re
from zoneinfo import ZoneInfo

# Magazine issues may be dated to the year or month only ("launched in 2020").
DATE_RE = {
    "day": re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "year": re.compile(r"^\d{4}$"),
}
DATE_FORMATS = {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}
YEAR_RE = re.compile(r"^\d{4}$")
URL_RE = re.compile(r"^https?://\S+$")
EMAIL_RE = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\".]+$")
PHONE_RE = re.compile(r"^\+[0-9][0-9 ().-]*[0-9]$")  # international: journalists call from abroad
ORDER_RE = re.compile(r"^[0-9]+$")


def parse_date(text, precisions=("day",)):
    """ISO 8601 dates: YYYY-MM-DD, optionally with a time; YYYY-MM or YYYY
    where `precisions` allows. Returns (datetime, precision)."""
    for precision in precisions:
        if DATE_RE[precision].match(text):
            padded = {"day": text, "month": f"{text}-01", "year": f"{text}-01-01"}[precision]
            return datetime.datetime.fromisoformat(padded), precision
    raise ValueError(text)


def is_future(date, timezone):
    """Pelican's test: a story dated after now, in the site's time zone."""
    zone = ZoneInfo(timezone)
    aware = date if date.tzinfo else date.replace(tzinfo=zone)
    return aware > datetime.datetime.now(zone)


def split_list(value):
    """ "huawei, itu" -> ["huawei", "itu"] (front-matter lists are comma-separated)."""
    return [item.strip() for item in value.split(",") if item.strip()]


def issue_number(text):
    """The positive integer an `Issue:` field holds, or None."""
    return int(text) if re.fullmatch(r"[1-9][0-9]*", text.strip()) else None


def canonical(value, keys):
    """The key of `keys` that `value` names, whatever its case and spacing
    ("News", " press releases", "Moved_Online" name "news", "press-releases",
    "moved-online"); None when it names none. Strict about meaning, lenient
    about form."""
    wanted = _folded(value)
    return next((key for key in keys if _folded(key) == wanted), None)


def _folded(text):
    return re.sub(r"[\s_-]+", "-", str(text).strip().casefold())


def not_one_of(value, what, keys):
    """The message for a value that names none of `keys`, with the nearest one."""
    message = f'"{value}" is not {what}; use one of: {", ".join(keys)}'
    nearest = difflib.get_close_matches(value.casefold(), list(keys), n=1, cutoff=0.6)
    return f'{message} (did you mean "{nearest[0]}"?)' if nearest else message
