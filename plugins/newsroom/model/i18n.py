"""The theme's UI strings (gettext catalogs) and localized dates (Babel/CLDR).

Catalog sources live in theme/translations/<lang>/LC_MESSAGES/messages.po.
They are compiled in memory when a run starts: no .mo file is written or
committed, so a catalog edit shows up on the next build.
"""

import gettext
import io
from functools import cache
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.units import format_unit

DOMAIN = "messages"


@cache
def translations(theme, lang):
    """The compiled catalog for `lang`; English, the source language, has none."""
    po = Path(theme) / "translations" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.exists():
        return gettext.NullTranslations()
    with po.open("rb") as f:
        catalog = read_po(f, locale=lang)
    mo = io.BytesIO()
    write_mo(mo, catalog)
    mo.seek(0)
    return gettext.GNUTranslations(mo)


LATIN_DIGITS = "0123456789"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
TO_DIGITS = {
    "latn": str.maketrans(ARABIC_DIGITS, LATIN_DIGITS),
    "arab": str.maketrans(LATIN_DIGITS, ARABIC_DIGITS),
}


def with_digits(text, digits):
    """`text` written with the digits a language's setting asks for."""
    return text.translate(TO_DIGITS[digits]) if digits else text


def localized_date(value, locale, format="long", digits=None):
    """A date in the reader's language, e.g. «24 نوفمبر 2020», "24 novembre 2020"."""
    return with_digits(format_date(value, format=format, locale=locale), digits)


def _rounded(value):
    """One decimal below 10, whole numbers above: 0.3, 9.9, 12, 350."""
    return round(value, 1) if round(value, 1) < 10 else round(value)


def localized_file_size(size, locale, digits=None):
    """A file's size for people: "350 kB", "1,2 Mo", "1.2 م.ب"."""
    unit, value = "kilobyte", _rounded(size / 1000)
    if value >= 1000:  # after rounding: 999,999 bytes is "1 MB", not "1,000 kB"
        unit, value = "megabyte", _rounded(size / 1_000_000)
    text = format_unit(
        value, f"digital-{unit}", "short", locale=locale, numbering_system=digits or "latn"
    )
    return with_digits(text, digits)  # Babel changes the separators only


def iso_date(value, precision="day"):
    """For <time datetime> and JSON-LD: 2020, 2020-11 or the full date and time."""
    return {"year": f"{value:%Y}", "month": f"{value:%Y-%m}"}.get(precision, value.isoformat())


def localized_number(value, locale, digits=None):
    """A number as the reader's language writes it (grouping, digits, separators)."""
    text = format_decimal(value, locale=locale, numbering_system=digits or "latn")
    return with_digits(text, digits)  # Babel changes the separators only
