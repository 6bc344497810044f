"""theme/static/fonts/ holds what `invoke fonts` makes from Debian's fonts-noto-core."""

from conftest import ROOT, invoke

FONTS = ROOT / "theme/static/fonts"
MADE = ["OFL.txt", "noto-naskh-arabic-400.woff2", "noto-naskh-arabic-700.woff2"]


def test_invoke_fonts_remakes_the_committed_fonts_byte_for_byte(tmp_path):
    result = invoke("fonts", "--output", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == MADE
    for name in MADE:
        fresh, committed = (tmp_path / name).read_bytes(), (FONTS / name).read_bytes()
        assert fresh == committed, f"theme/static/fonts/{name} is stale: run `invoke fonts`"


def test_the_web_fonts_stay_small():
    sizes = [(FONTS / name).stat().st_size for name in MADE if name.endswith(".woff2")]
    assert sum(sizes) <= 80 * 1024
