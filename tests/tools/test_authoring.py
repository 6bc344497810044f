"""Authoring (issue 9): `invoke new`, `invoke translate`, `invoke status`,
drafts and scheduled stories, each driven through the real CLI on a copy of
a fixture content folder."""

import datetime
import json
import os
import shutil
import subprocess
from zoneinfo import ZoneInfo

import pytest

from conftest import ROOT, SITES, Site, invoke
from newsroom.build import build
from newsroom.model.frontmatter import read_source

PREVIEW = "http://127.0.0.1:8000"
TUNIS = ZoneInfo("Africa/Tunis")
PARTNER = "Name: Huawei\nKind: industry\n\nA fixture partner.\n"
ISSUE = "Issue: 1\nDate: 2020\n\nThe first issue.\n"


@pytest.fixture
def content(tmp_path):
    """A copy of tests/sites/one-language (ar: arabic-only, en: english-only),
    with a partner and a magazine issue to name."""
    folder = tmp_path / "content"
    shutil.copytree(SITES / "one-language", folder)
    (folder / "partners").mkdir()
    (folder / "partners/huawei.en.md").write_text(PARTNER, encoding="utf-8")
    (folder / "magazine").mkdir()
    (folder / "magazine/issue-1.en.md").write_text(ISSUE, encoding="utf-8")
    return folder


def run(task, *args, content):
    return invoke(task, *args, "--content", str(content))


def fields(path):
    return {key: field.value for key, field in read_source(path).fields.items()}


def story_files(content):
    return sorted(path.relative_to(content) for path in (content / "articles").rglob("*.md"))


def build_with(settings, content, output):
    overrides = {"PATH": str(content)}
    return Site(build(str(ROOT / settings), output=output, overrides=overrides))


def publish(path):
    """What an author does when the story is ready: drop `Status: draft`."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Status: draft\n", ""), encoding="utf-8")


# invoke new


def test_new_writes_a_draft_with_complete_front_matter_that_passes_the_check(content):
    result = run(
        "new",
        "AICTO and Huawei’s 5G plan",
        "--lang",
        "en",
        "--category",
        "news",
        "--partners",
        "huawei",
        "--date",
        "2024-05-01",
        content=content,
    )

    assert result.returncode == 0, result.stderr
    path = content / "articles/2024/aicto-and-huaweis-5g-plan.en.md"
    assert fields(path) == {
        "title": "AICTO and Huawei’s 5G plan",
        "date": "2024-05-01",
        "category": "news",
        "tags": "",
        "partners": "huawei",
        "summary": "",
        "status": "draft",
    }
    assert read_source(path).body.strip() == ""
    assert str(path) in result.stdout
    assert f"{PREVIEW}/en/drafts/aicto-and-huaweis-5g-plan/" in result.stdout
    check = run("check", content=content)
    assert check.returncode == 0, check.stderr


def test_new_dates_a_story_today_in_tunis_by_default(content):
    before = datetime.datetime.now(TUNIS).date()
    result = run("new", "Plain story", "--lang", "fr", "--category", "events", content=content)
    after = datetime.datetime.now(TUNIS).date()

    assert result.returncode == 0, result.stderr
    [path] = content.rglob("plain-story.fr.md")
    date = datetime.date.fromisoformat(fields(path)["date"])
    assert before <= date <= after
    assert path.parent == content / f"articles/{date.year}"
    assert "partners" not in fields(path)


def test_new_refuses_a_slug_taken_in_any_language(content):
    before = story_files(content)
    args = ("--category", "news", "--slug", "english-only")

    other = run("new", "Une histoire", "--lang", "fr", *args, content=content)
    same = run("new", "Another story", "--lang", "en", *args, content=content)

    assert other.returncode == 1 and same.returncode == 1
    original = content / "articles/2024/english-only.en.md"
    assert f"invoke translate {original} --to fr" in other.stderr
    assert f'"english-only" is taken by {original}; choose another --slug' in same.stderr
    assert story_files(content) == before


def test_an_arabic_title_needs_a_latin_slug(content):
    before = story_files(content)
    title = "المنظمة العربية وهواوي توقعان اتفاقية"

    refused = run("new", title, "--lang", "ar", "--category", "news", content=content)

    assert refused.returncode == 1
    assert "not in Latin letters" in refused.stderr and "--slug" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert story_files(content) == before

    args = ("--lang", "ar", "--category", "news", "--slug", "aicto-and-huawei-sign-an-agreement")
    result = run("new", title, *args, content=content)

    assert result.returncode == 0, result.stderr
    [path] = content.rglob("aicto-and-huawei-sign-an-agreement.ar.md")
    assert fields(path)["title"] == title
    assert f"{PREVIEW}/ar/drafts/aicto-and-huawei-sign-an-agreement/" in result.stdout


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--lang", "de", '--lang: "de" is not a language of the site; use one of: ar, en, fr'),
        (
            "--category",
            "sport",
            '--category: "sport" is not a category; use one of: news, press-releases, events',
        ),
        ("--date", "24/11/2020", '--date: "24/11/2020" is not a date; write it as YYYY-MM-DD'),
        ("--slug", "Bad_Slug", '--slug: "Bad_Slug" is not a slug'),
        ("--partners", "huwei", '--partners: "huwei" is not a partner; did you mean "huawei"?'),
    ],
)
def test_new_explains_a_wrong_option_in_one_line(content, option, value, message):
    options = {"--lang": "en", "--category": "news", option: value}
    args = [item for pair in options.items() for item in pair]
    before = story_files(content)

    result = run("new", "Some title", *args, content=content)

    assert result.returncode == 1
    assert result.stderr.startswith(f"invoke new: {message}"), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert story_files(content) == before


# invoke translate

ORIGINAL = """\
Title: A story in English only
Date: 2024-03-04 10:30
Modified: 2024-03-10
Category: events
Tags: Huawei, Cooperation
Partners: huawei
Magazine: 1
Image: images/pixel.png
Image_alt: A grey pixel
Summary: One sentence about the story.

A test story that exists in English only.

A paragraph that would close a comment --> early, and one that opens <!-- another.
"""


def test_translate_writes_a_draft_beside_the_original_with_its_metadata(content):
    original = content / "articles/2024/english-only.en.md"
    original.write_text(ORIGINAL, encoding="utf-8")

    result = run("translate", str(original), "--to", "fr", content=content)

    assert result.returncode == 0, result.stderr
    translation = content / "articles/2024/english-only.fr.md"
    assert str(translation) in result.stdout
    assert f"{PREVIEW}/fr/drafts/english-only/" in result.stdout
    assert fields(translation) == {
        "title": "[translate] A story in English only",
        "date": "2024-03-04 10:30",
        "modified": "2024-03-10",
        "category": "events",
        "tags": "",
        "partners": "huawei",
        "magazine": "1",
        "image": "images/pixel.png",
        "image_alt": "[translate] A grey pixel",
        "summary": "",
        "status": "draft",
        "translation_of": "en",
    }
    body = read_source(translation).body.strip()
    assert body.startswith("<!-- [translate]") and body.endswith("-->")
    assert body.count("-->") == 1 and body.count("<!--") == 1
    assert "The original's Summary: One sentence about the story." in body
    assert "The original's Tags: Huawei, Cooperation" in body
    assert "A test story that exists in English only." in body
    check = run("check", content=content)
    assert check.returncode == 0, check.stderr

    again = run("translate", str(original), "--to", "fr", content=content)

    assert again.returncode == 1
    assert f"{translation} exists already; edit it instead" in again.stderr


def test_translate_refuses_what_is_not_a_story_or_not_yet_translated(content):
    original = content / "articles/2024/english-only.en.md"
    partner = content / "partners/huawei.en.md"
    assert run("translate", str(original), "--to", "ar", content=content).returncode == 0
    draft = content / "articles/2024/english-only.ar.md"

    cases = {
        (str(original), "en"): "is the en version already",
        (str(original), "de"): '--to: "de" is not a language of the site',
        (str(partner), "fr"): "is not a story or a page",
        (str(draft), "fr"): "still holds [translate]",
        (str(content / "articles/2024/nothing.en.md"), "fr"): "is not a file",
    }
    for (path, lang), message in cases.items():
        result = run("translate", path, "--to", lang, content=content)
        assert result.returncode == 1 and message in result.stderr, (path, result.stderr)
    assert not (content / "articles/2024/english-only.fr.md").exists()


def test_a_translation_draft_shows_nothing_of_the_original(content, tmp_path):
    original = content / "articles/2024/english-only.en.md"
    original.write_text(ORIGINAL, encoding="utf-8")
    assert run("translate", str(original), "--to", "fr", content=content).returncode == 0

    site = build_with("pelicanconf.py", content, tmp_path / "output")

    soup = site.soup("/fr/drafts/english-only/")
    assert soup.select_one(".story__body").get_text().strip() == ""
    assert "A paragraph that would close" not in soup.select_one("body").get_text()
    assert "Brouillon" in soup.select_one(".status-banner").get_text()
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"


def test_a_new_arabic_story_and_its_french_translation_build_and_link_both_ways(content, tmp_path):
    slug = "aicto-and-huawei-sign-an-agreement"
    new = run(
        "new",
        "المنظمة العربية وهواوي توقعان اتفاقية",
        *("--lang", "ar", "--category", "news", "--partners", "huawei"),
        *("--slug", slug, "--date", "2024-06-02"),
        content=content,
    )
    assert new.returncode == 0, new.stderr
    arabic = content / f"articles/2024/{slug}.ar.md"
    arabic.write_text(arabic.read_text(encoding="utf-8") + "نص الخبر.\n", encoding="utf-8")
    publish(arabic)
    translate = run("translate", str(arabic), "--to", "fr", content=content)
    assert translate.returncode == 0, translate.stderr
    french = content / f"articles/2024/{slug}.fr.md"
    head = french.read_text(encoding="utf-8").split("\n\n")[0]
    head = head.replace("[translate] المنظمة العربية وهواوي توقعان اتفاقية", "Un accord")
    french.write_text(head + "\n\nLe texte de l’article.\n", encoding="utf-8")
    publish(french)
    output = tmp_path / "output"

    result = invoke("build", "--content", str(content), "--output", str(output))

    assert result.returncode == 0, result.stderr
    site = Site(output)
    urls = {lang: f"/{lang}/news/2024/06/{slug}/" for lang in ("ar", "fr")}
    for lang, other in (("ar", "fr"), ("fr", "ar")):
        soup = site.soup(urls[lang])
        assert [a["href"] for a in soup.select(".also-in a")] == [urls[other]]
        assert not soup.select(".status-banner")
    body = site.soup(urls["fr"]).select_one(".story__body").get_text().replace("\xa0", " ")
    assert body.strip() == "Le texte de l’article."  # the original's comment is gone


# invoke status


def scheduled_story(content):
    path = content / "articles/2999/launch.en.md"
    path.parent.mkdir()
    path.write_text(
        "Title: Launch\nDate: 2999-01-01 09:00\nCategory: news\n\nSoon.\n", encoding="utf-8"
    )
    return path


def test_status_reports_languages_missing_out_of_date_drafts_and_scheduled(content):
    original = content / "articles/2024/english-only.en.md"
    assert run("translate", str(original), "--to", "ar", content=content).returncode == 0
    translation = content / "articles/2024/english-only.ar.md"
    changed = original.stat().st_mtime
    os.utime(translation, (changed - 3600, changed - 3600))  # translated before the change
    scheduled_story(content)

    table = run("status", content=content)
    report = run("status", "--json", content=content)

    assert table.returncode == 0 and report.returncode == 0, table.stderr + report.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["story", "date", "ar", "en", "fr"]
    row = next(line for line in lines if line.startswith("english-only "))
    assert "draft, out of date, to translate" in row and "published, original" in row
    assert row.split()[-1] == "missing"
    assert next(line for line in lines if line.startswith("launch ")).split()[1] == "2999-01-01"
    text = table.stdout
    assert f"Out of date (the original changed after the translation):\n  {translation}" in text
    assert f"Drafts (never published):\n  {translation}" in text
    assert f"{content / 'articles/2999/launch.en.md'}: 2999-01-01 09:00" in text
    assert "Changes dated by file modification times (not a git checkout)." in text

    data = json.loads(report.stdout)
    assert data["changes_dated_by"] == "file modification times (not a git checkout)"
    stories = {story["slug"]: story for story in data["stories"]}
    assert list(stories) == ["launch", "arabic-only", "english-only"]  # newest first
    story = stories["english-only"]
    assert story["languages"] == ["ar", "en"] and story["missing"] == ["fr"]
    assert story["original"] == "en"
    assert story["out_of_date"] == ["ar"] and story["drafts"] == ["ar"]
    assert story["to_translate"] == ["ar"] and story["scheduled"] == {}
    assert story["versions"]["ar"]["path"] == str(translation)
    assert stories["arabic-only"]["missing"] == ["en", "fr"]
    assert stories["launch"]["scheduled"] == {"en": "2999-01-01T09:00:00+01:00"}
    assert stories["launch"]["drafts"] == []

    os.utime(translation)  # the translator catches up
    again = json.loads(run("status", "--json", content=content).stdout)
    assert next(s for s in again["stories"] if s["slug"] == "english-only")["out_of_date"] == []


def git(folder, *args, date="2024-01-01T12:00:00+01:00"):
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run(["git", *identity, *args], cwd=folder, env=env, check=True, capture_output=True)


@pytest.mark.skipif(not shutil.which("git"), reason="git is not installed")
def test_status_dates_changes_by_git_commits_in_a_checkout(tmp_path, content):
    repository = tmp_path / "repository"
    shutil.move(content, repository / "content")
    content = repository / "content"
    original = content / "articles/2024/english-only.en.md"
    translation = content / "articles/2024/english-only.fr.md"
    git(repository, "init", "-q")
    git(repository, "add", ".")
    git(repository, "commit", "-q", "-m", "The original")
    # No `Translation_of:` here: the version git saw first is the original.
    translation.write_text(
        "Title: Un article\nDate: 2024-03-04\nCategory: events\n\nTexte.\n", encoding="utf-8"
    )
    git(repository, "add", ".")
    git(repository, "commit", "-q", "-m", "Its translation", date="2024-01-15T12:00:00+01:00")
    original.write_text(original.read_text() + "\nA new paragraph.\n")
    git(repository, "commit", "-q", "-am", "The original changes", date="2024-02-01T12:00:00+01:00")
    # Modification times say nothing in a checkout: git's history decides.
    os.utime(translation, (4_000_000_000, 4_000_000_000))

    data = json.loads(run("status", "--json", content=content).stdout)

    assert data["changes_dated_by"] == "git commit times"
    story = next(s for s in data["stories"] if s["slug"] == "english-only")
    assert story["original"] == "en"
    assert story["out_of_date"] == ["fr"]
    assert story["versions"]["en"]["changed"] == "2024-02-01T12:00:00+01:00"

    translation.write_text(translation.read_text() + "\nTexte mis à jour.\n")  # not committed
    data = json.loads(run("status", "--json", content=content).stdout)

    assert data["changes_dated_by"].startswith("git commit times (1 uncommitted or new files")
    story = next(s for s in data["stories"] if s["slug"] == "english-only")
    assert story["out_of_date"] == []


# Drafts and scheduled stories in builds


def test_drafts_page_lists_drafts_and_scheduled_stories_in_development_only(content, tmp_path):
    args = ("--lang", "en", "--category", "news", "--date", "2024-05-01")
    assert run("new", "Work in progress", *args, content=content).returncode == 0
    scheduled_story(content)
    (content / "pages").mkdir()
    (content / "pages/about.en.md").write_text("Title: About\nStatus: draft\n\nSoon.\n")

    dev = build_with("pelicanconf.py", content, tmp_path / "dev")

    page = dev.soup("/en/drafts/")
    links = {a["href"] for a in page.select("main li a")}
    assert links == {
        "/en/drafts/work-in-progress/",
        "/en/drafts/pages/about/",
        "/en/news/2999/01/launch/",
    }
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert "January 1, 2999" in page.select_one("main").get_text()
    assert dev.exists("/ar/drafts/") and dev.exists("/fr/drafts/")
    draft = dev.soup("/en/drafts/work-in-progress/").select_one(".status-banner")
    assert "Draft" in draft.get_text() and draft.select_one('a[href="/en/drafts/"]')
    scheduled = dev.soup("/en/news/2999/01/launch/").select_one(".status-banner")
    assert "Scheduled" in scheduled.get_text() and "January 1, 2999" in scheduled.get_text()
    assert not dev.soup("/en/events/2024/03/english-only/").select(".status-banner")

    production = build_with("publishconf.py", content, tmp_path / "production")

    assert not list(production.root.rglob("drafts"))
    assert not list(production.root.rglob("*launch*")) and not list(
        production.root.rglob("*about*")
    )
    assert production.exists("/en/events/2024/03/english-only/")


def test_a_draft_made_by_new_is_never_published(content, tmp_path):
    args = ("--lang", "en", "--category", "news", "--date", "2024-05-01")
    assert run("new", "Work in progress", *args, content=content).returncode == 0
    output = tmp_path / "output"

    result = invoke("build", "--publish", "--content", str(content), "--output", str(output))

    assert result.returncode == 0, result.stderr
    assert not list(output.rglob("*work-in-progress*"))
    assert not list(output.rglob("drafts"))
