"""theme/static/fonts/ and theme/cards/ hold what `invoke fonts` makes from
Debian's fonts-noto-core."""

import re

import pytest

from conftest import ROOT, invoke

FONTS = ROOT / "theme/static/fonts"
MADE = ["OFL.txt", "noto-naskh-arabic-400.woff2", "noto-naskh-arabic-700.woff2"]
CARD_FONTS = ROOT / "theme/cards"
CARDS_MADE = ["OFL.txt", "noto-card-bold.ttf"]


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fonts")
    result = invoke("fonts", "--output", str(folder / "web"), "--cards", str(folder / "cards"))
    assert result.returncode == 0, result.stderr
    return folder


@pytest.mark.parametrize(
    "made_as, committed, names", [("web", FONTS, MADE), ("cards", CARD_FONTS, CARDS_MADE)]
)
def test_invoke_fonts_remakes_the_committed_fonts_byte_for_byte(made, made_as, committed, names):
    assert sorted(path.name for path in (made / made_as).iterdir()) == names
    for name in names:
        fresh = (made / made_as / name).read_bytes()
        assert fresh == (committed / name).read_bytes(), (
            f"{committed.relative_to(ROOT)}/{name} is stale: run `invoke fonts`"
        )


def test_the_web_fonts_stay_small():
    sizes = [(FONTS / name).stat().st_size for name in MADE if name.endswith(".woff2")]
    assert sum(sizes) <= 80 * 1024


def test_the_card_font_stays_small():
    """Committed to git and read once per run: Latin and Arabic, one weight."""
    assert (CARD_FONTS / "noto-card-bold.ttf").stat().st_size <= 100 * 1024


def test_the_stylesheet_names_the_characters_the_subset_has():
    """The Arabic subset's characters (tools/fonts.py) and the stylesheet's
    unicode-range are one list written twice: a character in only one of them
    is shown in a fallback font, or downloads the subset for nothing."""
    from newsroom.tools.fonts import ARABIC_UNICODES

    css = (ROOT / "theme/static/css/newsroom.css").read_text(encoding="utf-8")
    ranges = re.findall(r"unicode-range:\s*([^;]+);", css)
    subset = ARABIC_UNICODES.split(",")
    assert len(ranges) == 2  # one per weight
    for found in ranges:
        assert [part.strip() for part in found.split(",")] == subset
