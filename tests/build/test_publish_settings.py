"""Production settings: what is not published is never linked."""

import re
import shutil

from conftest import SITES, SITEURL, Site, invoke


def test_scheduled_translation_is_neither_built_nor_linked(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SITES / "no-english-original", content)
    scheduled = content / "articles/2024/no-english.fr.md"
    scheduled.write_text(scheduled.read_text().replace("2024-05-06", "2999-05-06"))
    output = tmp_path / "output"

    result = invoke("build", "--publish", "--content", str(content), "--output", str(output))

    assert result.returncode == 0, result.stderr
    site = Site(output)
    arabic = "/ar/events/2024/05/no-english/"
    assert site.exists(arabic)
    assert not list((output / "fr").rglob("no-english*"))
    soup = site.soup(arabic)
    hreflang = {link["hreflang"] for link in soup.select('link[rel="alternate"][hreflang]')}
    assert hreflang == {"ar", "x-default"}
    assert not soup.select(".also-in a")
    assert soup.select_one('link[rel="canonical"]')["href"] == SITEURL + arabic


def test_drafts_are_not_written(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SITES / "one-language", content)
    draft = content / "articles/2024/english-only.en.md"
    draft.write_text("Status: draft\n" + draft.read_text())
    output = tmp_path / "output"

    result = invoke("build", "--publish", "--content", str(content), "--output", str(output))

    assert result.returncode == 0, result.stderr
    assert not list(output.rglob("english-only*"))


def test_images_named_with_a_language_reach_the_output(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SITES / "one-language", content)
    (content / "images").mkdir(exist_ok=True)
    (content / "images/chart.en.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    output = tmp_path / "output"

    result = invoke("build", "--content", str(content), "--output", str(output))

    assert result.returncode == 0, result.stderr
    assert (output / "images/chart.en.svg").is_file()


def test_a_featured_image_outside_images_is_copied(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SITES / "one-language", content)
    (content / "media").mkdir()
    shutil.copy(SITES / "stories/images/pixel.png", content / "media/pixel.png")
    story = content / "articles/2024/english-only.en.md"
    story.write_text(
        story.read_text().replace(
            "Category: events", "Category: events\nImage: media/pixel.png\nImage_alt: A grey pixel"
        )
    )
    output = tmp_path / "output"

    result = invoke("build", "--content", str(content), "--output", str(output))

    assert result.returncode == 0, result.stderr
    assert (output / "media/pixel.png").is_file()
    page = Site(output).soup("/en/events/2024/03/english-only/")
    # Shown as its rendition (images.py), beside where the file is published.
    src = page.select_one("figure img")["src"]
    assert re.fullmatch(r"/generated/media/pixel\.[0-9a-f]{10}\.1w\.jpg", src) and Site(
        output
    ).exists(src)
