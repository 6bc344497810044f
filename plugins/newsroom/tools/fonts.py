"""`invoke fonts`: the Arabic web font subsets and the social cards' font.

Made from Debian's fonts-noto-core, byte for byte the same from the same
Debian fonts (tests/tools/test_fonts.py remakes them and compares):

- theme/static/fonts/noto-naskh-arabic-{400,700}.woff2: Noto Naskh Arabic cut
  down to ARABIC_UNICODES, which the stylesheet's `unicode-range` repeats (a
  test holds the two together);
- theme/cards/noto-card-bold.ttf: Noto Sans Bold for LATIN_UNICODES merged
  with the same Arabic subset, for run/social_cards.py;
- each folder's OFL.txt: the fonts' notices and the SIL Open Font License.
"""

import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

BIN = Path(sys.executable).parent  # the venv's tools, whatever PATH says
ROOT = Path(__file__).resolve().parents[3]

# The Arabic web font: Noto Naskh Arabic from Debian's fonts-noto-core, cut down
# to what Modern Standard Arabic news text needs. Shaping comes from the GSUB
# table, so the presentation forms (U+FB50-FDFF, U+FE70-FEFF) are left out.
# The same string is pyftsubset's --unicodes and the CSS unicode-range.
ARABIC_UNICODES = ",".join(
    [
        "U+0020,U+00A0",  # space, no-break space
        "U+00AB,U+00BB",  # « »
        "U+060C,U+061B,U+061F",  # Arabic comma, semicolon, question mark
        "U+0621-063A",  # hamza, alef forms, letters
        "U+0640-0655",  # tatweel, letters, tashkeel (harakat, shadda, sukun, madda, hamza marks)
        "U+0660-066C",  # Arabic-Indic digits, percent, decimal and thousands separators
        "U+0670",  # superscript (dagger) alef
        "U+200C-200F",  # ZWNJ, ZWJ, LRM, RLM
    ]
)
NOTO_PACKAGE = "fonts-noto-core"
NOTO = Path("/usr/share/fonts/truetype/noto")
WEB_FONTS = ROOT / "theme/static/fonts"
ARABIC_FONTS = {  # output file: Debian's font file
    "noto-naskh-arabic-400.woff2": "NotoNaskhArabic-Regular.ttf",
    "noto-naskh-arabic-700.woff2": "NotoNaskhArabic-Bold.ttf",
}
# The social cards' font (run/social_cards.py): Noto Sans Bold for
# Latin text (the theme's CSS stack names it) merged with the same Noto Naskh
# Arabic Bold subset as the web font, so one font, shaped by raqm, sets a
# headline mixing both scripts ("AICTO" or "5G" in an Arabic title). TrueType,
# not woff2: any FreeType build reads it.
CARD_FONTS = ROOT / "theme/cards"
CARD_FONT = "noto-card-bold.ttf"
CARD_SOURCES = ["NotoSans-Bold.ttf", "NotoNaskhArabic-Bold.ttf"]  # Latin, Arabic
LATIN_UNICODES = ",".join(
    [
        "U+0020-007E",  # ASCII
        "U+00A0-017F",  # Latin-1 and Latin Extended-A: French and other European letters
        "U+2010-2027",  # dashes, quotes, bullet, ellipsis (typogrify's output)
        "U+202F-203A",  # narrow no-break space (French), per mille, single guillemets
        "U+20AC",  # euro
    ]
)


class FontsError(Exception):
    """The fonts cannot be made here; the message says what to install."""


def make(output=WEB_FONTS, cards=CARD_FONTS):
    """Write the web fonts into `output` and the cards' font into `cards`, each
    with its OFL.txt; return the font files made."""
    from fontTools.misc.timeTools import epoch_diff
    from fontTools.ttLib import TTFont

    if not all((NOTO / source).is_file() for source in [*ARABIC_FONTS.values(), *CARD_SOURCES]):
        raise FontsError(
            f"Debian's {NOTO_PACKAGE} is missing: sudo apt-get install -y {NOTO_PACKAGE}"
        )
    made = []

    def subset(source, unicodes, target, *options):
        # The subset keeps the source's date (head.modified), so the same
        # Debian font gives the same bytes.
        modified = TTFont(source, lazy=True)["head"].modified - epoch_diff
        command = [
            f"{BIN}/pyftsubset",
            str(source),
            f"--unicodes={unicodes}",
            "--layout-features=*",
            "--name-IDs=0,1,2,3,4,5,6,13,14",  # with the copyright and licence
            *options,
            f"--output-file={target}",
        ]
        environment = {**os.environ, "SOURCE_DATE_EPOCH": str(modified)}
        subprocess.run(command, check=True, env=environment)

    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    for name, source in ARABIC_FONTS.items():
        subset(NOTO / source, ARABIC_UNICODES, output / name, "--flavor=woff2")
        made.append(output / name)
    (output / "OFL.txt").write_text(_ofl(NOTO / next(iter(ARABIC_FONTS.values()))))

    from fontTools.merge import Merger

    cards = Path(cards)
    cards.mkdir(parents=True, exist_ok=True)
    latin, arabic = (NOTO / source for source in CARD_SOURCES)
    with tempfile.TemporaryDirectory() as work:
        parts = [Path(work) / "latin.ttf", Path(work) / "arabic.ttf"]
        # No hinting: cards are drawn large, and the two fonts' hinting programs cannot merge.
        subset(latin, LATIN_UNICODES, parts[0], "--no-hinting")
        subset(arabic, ARABIC_UNICODES, parts[1], "--no-hinting")
        merged = Merger().merge([str(part) for part in parts])  # Latin first: it keeps the names
    # The merger dates the font now: give it the sources' date, so the same
    # Debian fonts give the same bytes.
    dated = max(TTFont(source, lazy=True)["head"].modified for source in (latin, arabic))
    merged["head"].created = merged["head"].modified = dated
    merged.recalcTimestamp = False
    merged.save(cards / CARD_FONT)
    made.append(cards / CARD_FONT)
    (cards / "OFL.txt").write_text(_ofl(latin, arabic))
    return made


def _ofl(*fonts):
    """Each font's copyright and licence notice, then the SIL OFL 1.1 as Debian ships it."""
    from fontTools.ttLib import TTFont

    notice = []
    for font in fonts:
        name = TTFont(font, lazy=True)["name"]
        notice += [
            f"{name.getDebugName(1)}: subsets of Debian's {NOTO_PACKAGE}, made by `invoke fonts`.",
            name.getDebugName(0),
            name.getDebugName(13),
        ]
    # Debian's copyright file: one "License: OFL-1.1" stanza holds the text,
    # one phrase per line indented by a space, paragraphs separated by " .".
    stanzas = Path(f"/usr/share/doc/{NOTO_PACKAGE}/copyright").read_text().split("\n\n")
    text = next(s for s in stanzas if s.startswith("License: OFL-1.1\n"))
    paragraphs = [
        textwrap.fill(" ".join(line.strip() for line in paragraph.splitlines()), 76)
        for paragraph in text.split("\n", 1)[1].split("\n .\n")
    ]
    title = "SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007"
    notice = [textwrap.fill(line, 76) for line in notice]
    return "\n\n".join([*notice, f"{title}\n{'-' * len(title)}", *paragraphs]) + "\n"
