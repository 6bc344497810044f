"""`invoke bench`, the harness: our build timed against plain Pelican.

`run(articles, runs, json_path)` generates the corpora (corpus.py) and
times, side by side in one run, plain Pelican 4.12, our build (cold, warm,
after a body edit and after a front-matter edit under serve, cold at twice
the size, the CLI build after a body edit) and Hugo on the same stories
(hugo.py; skipped, with the reason printed, without a hugo binary), each
case `runs` times, and reports the medians as a Markdown table and a JSON
file. `profile()` runs cProfile on one language's Pelican run of a cold build.

Each timed build is a process of its own (`python -m
newsroom.tools.bench.harness …` or `python -m pelican …`), so its CPU time
(every process, read with getrusage(RUSAGE_CHILDREN)) and its memory (the
process tree sampled from /proc) are its own. docs/performance.md records
the results.
"""

import contextlib
import cProfile
import datetime
import io
import json
import os
import platform
import pstats
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

from ...model.layout import FILENAME_METADATA
from . import hugo
from .corpus import LANGS, ROOT, SETTINGS, generate

CASES = {
    "a": "plain Pelican 4.12, no plugins, notmyidea",
    "b": "ours, cold",
    "c": "ours, warm, nothing changed",
    "d": "ours, one article's body edited",
    "e": "ours, front-matter edit under serve (a title)",
    "f": "ours, cold, 2N",
    "g": "ours, CLI build after one body edit",
    "h": "Hugo 0.168, the same stories (reference)",
}
CHILD = "newsroom.tools.bench.harness"  # what the timed processes run: python -m CHILD …

# ---------------------------------------------------------------------------
# Measuring


class BenchError(Exception):
    """A timed build failed; the message ends with the tail of its log."""


@dataclass
class Measure:
    wall: float  # seconds
    cpu: float  # seconds, user + system, every process of the case
    peak_mib: float  # the process tree's peak, sum of PSS (RSS shared pages split)
    peak_rss_mib: float  # the same, sum of RSS (counts pages shared after fork again)
    pages: int  # .html files in the output
    size: int  # bytes in the output


class _TreeSampler(threading.Thread):
    """Samples the memory of a process and all its descendants from /proc."""

    INTERVAL = 0.25  # seconds; reading smaps_rollup costs about 2 ms per 200 MB process

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_pss = self.peak_rss = 0
        self.done = threading.Event()

    def run(self):
        while not self.done.is_set():
            self.sample()
            self.done.wait(self.INTERVAL)

    def sample(self):
        pss = rss = 0
        for pid in self._tree():
            try:
                rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            except OSError:
                continue  # it just ended
            for line in rollup.splitlines():
                key, _, value = line.partition(":")
                if key == "Pss":
                    pss += int(value.split()[0])
                elif key == "Rss":
                    rss += int(value.split()[0])
        self.peak_pss, self.peak_rss = max(self.peak_pss, pss), max(self.peak_rss, rss)

    def _tree(self):
        pids, queue = [], [self.pid]
        while queue:
            pid = queue.pop()
            pids.append(pid)
            for task in Path(f"/proc/{pid}/task").glob("*/children"):
                with contextlib.suppress(OSError):  # it just ended
                    queue += [int(child) for child in task.read_text().split()]
        return pids

    def stop(self):
        self.done.set()
        self.join()


def _cpu(who):
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _timed(command, log, env=None):
    """Run `command`; return (wall, CPU of it and its descendants, sampler)."""
    cpu = _cpu(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with open(log, "a", encoding="utf-8") as out:
        out.write(f"$ {' '.join(map(str, command))}\n")
        out.flush()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT, env=env)
        sampler = _TreeSampler(process.pid)
        sampler.sample()
        sampler.start()
        code = process.wait()
    wall = time.perf_counter() - started
    sampler.stop()
    cpu = _cpu(resource.RUSAGE_CHILDREN) - cpu
    if code:
        tail = "\n".join(Path(log).read_text(encoding="utf-8").splitlines()[-20:])
        raise BenchError(f"{command[2:4]} exited with status {code}:\n{tail}")
    return wall, cpu, sampler


def _output_stats(folder):
    pages = size = 0
    for path in Path(folder).rglob("*"):
        if path.is_file():
            size += path.stat().st_size
            pages += path.suffix == ".html"
    return pages, size


def _measure(command, output, log, env=None, inside=None):
    """Time one build. `inside`: a JSON file where the build process wrote its
    own wall and CPU seconds (save-to-done), which then replace the outer ones."""
    wall, cpu, sampler = _timed(command, log, env)
    if inside:
        timing = json.loads(Path(inside).read_text())
        wall, cpu = timing["wall"], timing["cpu"]
    pages, size = _output_stats(output)
    return Measure(wall, cpu, sampler.peak_pss / 1024, sampler.peak_rss / 1024, pages, size)


PLAIN_SETTINGS = """\
# Plain Pelican for `invoke bench`: its defaults, its built-in theme, no plugins,
# no typogrify, no cache; our file names, so it reads the same files.
SITENAME = "Bench"
SITEURL = "http://127.0.0.1:8000"
TIMEZONE = "Africa/Tunis"
DEFAULT_LANG = "en"
PLUGINS = []
THEME = "notmyidea"
TYPOGRIFY = False
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
FILENAME_METADATA = {filename_metadata!r}
"""


class _Cases:
    """The commands of the cases, on one working folder."""

    def __init__(self, work, corpus, corpus_2n, edited):
        self.work, self.corpus, self.corpus_2n = work, corpus, corpus_2n
        self.edited = edited  # the article the edit cases change
        self.log = work / "bench.log"
        self.env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
        self.plain_settings = work / "plain" / "settings.py"
        self.plain_settings.parent.mkdir()
        self.plain_settings.write_text(PLAIN_SETTINGS.format(filename_metadata=FILENAME_METADATA))
        self.hugo, self.skipped = hugo.find()  # the binary, or why there is none
        self.skipped = {"h": self.skipped} if self.skipped else {}

    def plain(self):
        output = self.work / "plain" / "output"
        shutil.rmtree(output, ignore_errors=True)
        command = [sys.executable, "-m", "pelican", str(self.corpus), "-o", str(output)]
        command += ["-s", str(self.plain_settings)]
        return _measure(command, output, self.log, self.env)

    def ours(self, folder, corpus, cold=False, edit=None):
        output = self.work / folder / "output"
        if cold:  # no output, no cache (<output's parent>/.cache)
            shutil.rmtree(output, ignore_errors=True)
            shutil.rmtree(output.parent / ".cache", ignore_errors=True)
        inside = self.work / "timing.json" if edit else None
        spec = {"settings": str(SETTINGS), "output": str(output), "content": str(corpus)}
        if edit:
            spec.update(edit=edit, timing=str(inside))
        command = [sys.executable, "-m", CHILD, "build", json.dumps(spec)]
        return _measure(command, output, self.log, self.env, inside)

    def run(self, case, round_):
        if case == "a":
            return self.plain()
        if case in ("b", "c"):
            return self.ours("ours", self.corpus, cold=case == "b")
        if case == "d":
            edit = {"path": str(self.edited), "body": f"An editor added this sentence ({round_})."}
            return self.ours("ours", self.corpus, edit=edit)
        if case == "e":
            edit = {"path": str(self.edited), "title": f"A new headline, version {round_}"}
            return self.ours("ours", self.corpus, edit=edit)
        if case == "f":
            return self.ours("ours-2n", self.corpus_2n, cold=True)
        if case == "g":
            return self.cli_after_edit(round_)
        return self.hugo_cold()

    def cli_after_edit(self, round_):
        """`invoke build`, as CI's content path runs it: a new process, with the
        output and caches of the build before (the last case on this output),
        after one sentence appended to one story (not timed)."""
        text = self.edited.read_text(encoding="utf-8").rstrip("\n")
        self.edited.write_text(f"{text}\n\nA correction from CI ({round_}).\n", encoding="utf-8")
        output = self.work / "ours" / "output"
        command = [sys.executable, "-m", "invoke", "-r", str(ROOT), "build"]
        command += ["--content", str(self.corpus), "--output", str(output)]
        return _measure(command, output, self.log, self.env)

    def hugo_cold(self):
        """Hugo on the corpus's stories, converted once (hugo.py), cold."""
        source, output = self.work / "hugo" / "site", self.work / "hugo" / "output"
        if not source.exists():
            hugo.site(self.corpus, source)
        shutil.rmtree(output, ignore_errors=True)
        shutil.rmtree(output.parent / "hugo-cache", ignore_errors=True)
        return _measure(hugo.command(self.hugo, source, output), output, self.log, self.env)


def _child_build(spec):
    """In the timed process: build, after an edit when asked. With an edit the
    process first builds with a Session, as `invoke serve` does when it
    starts (not timed); then the clock runs from the save to the end of
    `Session.update()`, which rewrites the story or builds in full."""
    from newsroom.build import build
    from newsroom.build.session import Session

    edit = spec.get("edit")
    overrides = {"PATH": spec["content"]}
    if not edit:
        build(spec["settings"], output=spec["output"], overrides=overrides)
        return
    session = Session(spec["settings"], spec["output"], overrides)
    session.build()
    session.settle()
    started, cpu = time.perf_counter(), _session_cpu(session)
    path = Path(edit["path"])
    text = path.read_text(encoding="utf-8")
    if "body" in edit:
        text = text.rstrip("\n") + f"\n\n{edit['body']}\n"
    else:
        text = re.sub(r"(?m)^Title: .*$", f"Title: {edit['title']}", text, count=1)
    path.write_text(text, encoding="utf-8")
    how = session.update()
    timing = {"wall": time.perf_counter() - started, "cpu": _session_cpu(session) - cpu, "how": how}
    session.settle()  # not in the figure: the page has reloaded
    timing["search_refreshed"] = time.perf_counter() - started
    session.stop()
    Path(spec["timing"]).write_text(json.dumps(timing))


def _session_cpu(session):
    """CPU seconds of this process, its ended children and the session's
    runs that are still alive (getrusage counts a child once it has ended)."""
    ticks = os.sysconf("SC_CLK_TCK")
    alive = 0
    for process, _ in session.workers.values():
        fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        alive += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN) + alive


def machine():
    """What the numbers were measured on."""
    memory = Path("/proc/meminfo").read_text().split("\n", 1)[0].split()[1]
    versions = {name: metadata.version(name) for name in ("pelican", "markdown", "pagefind")}
    return {
        "nproc": os.cpu_count(),
        "ram_gib": round(int(memory) / 1024**2, 1),
        "python": platform.python_version(),
        **versions,
        "system": platform.platform(),
    }


def run(articles=1000, runs=3, json_path=None, seed=0, workdir=None, progress=print):
    """Generate the corpora, time every case `runs` times, write `json_path`;
    return the results (see `table`)."""
    if runs < 1:
        raise ValueError("runs must be at least 1")
    work = Path(workdir or tempfile.mkdtemp(prefix="newsroom-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        started = datetime.datetime.now(datetime.UTC)
        load = os.getloadavg()[0]
        corpora = {}
        for name, size in (("corpus", articles), ("corpus-2n", 2 * articles)):
            progress(f"Generating {size} articles per language into {work / name} …")
            corpora[name] = generate(work / name, size, seed=seed)
        edited = _edited_article(work / "corpus")
        cases = _Cases(work, work / "corpus", work / "corpus-2n", edited)
        for case, why in cases.skipped.items():
            progress(f"({case}) {CASES[case]}: skipped, {why}")
        measures = {case: [] for case in CASES}
        for round_ in range(1, runs + 1):
            for case, label in CASES.items():
                if case in cases.skipped:
                    continue
                measure = cases.run(case, round_)
                measures[case].append(measure)
                progress(
                    f"[{round_}/{runs}] ({case}) {label}: {measure.wall:.2f} s, "
                    f"CPU {measure.cpu:.2f} s, {measure.peak_mib:.0f} MiB, {measure.pages} pages"
                )
        results = _results(measures, articles, runs, seed, corpora, edited, work, started)
        for case, why in cases.skipped.items():
            results["cases"][case] = {"label": CASES[case], "skipped": why}
        results["load_average"] = {"start": load, "end": os.getloadavg()[0]}
    finally:
        if not workdir:
            shutil.rmtree(work, ignore_errors=True)
    if json_path:
        json_path = Path(json_path)
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return results


def _edited_article(corpus):
    """The English version of the first story (by path) that is in every language."""
    for path in sorted((corpus / "articles").rglob("*.en.md")):
        if all(path.with_name(path.name.replace(".en.", f".{lang}.")).exists() for lang in LANGS):
            return path
    return min((corpus / "articles").rglob("*.md"))


def _results(measures, articles, runs, seed, corpora, edited, work, started):
    cases = {}
    for case, label in CASES.items():
        if not measures[case]:
            continue  # skipped
        median = {
            key: statistics.median(getattr(m, key) for m in measures[case])
            for key in Measure.__dataclass_fields__
        }
        walls = [m.wall for m in measures[case]]
        cases[case] = {
            "label": label,
            "median": median,
            "wall_range": [min(walls), max(walls)],
            "runs": [asdict(m) for m in measures[case]],
        }
    reference = cases["a"]["median"]
    for case in cases.values():
        case["wall_vs_a"] = case["median"]["wall"] / reference["wall"]
        case["cpu_vs_a"] = case["median"]["cpu"] / reference["cpu"]
    cases["f"]["wall_vs_b"] = cases["f"]["median"]["wall"] / cases["b"]["median"]["wall"]
    cases["f"]["cpu_vs_b"] = cases["f"]["median"]["cpu"] / cases["b"]["median"]["cpu"]
    return {
        "date": started.isoformat(timespec="seconds"),
        "articles_per_language": articles,
        "runs": runs,
        "seed": seed,
        "machine": machine(),
        "corpus": corpora["corpus"],
        "corpus_2n": corpora["corpus-2n"],
        "edited": str(edited.relative_to(work)),
        "cases": cases,
    }


def table(results):
    """The results as a Markdown table (medians)."""
    lines = [
        "| case | wall s | wall min–max | CPU s | peak MiB | pages | output MB "
        "| wall × (a) | CPU × (a) |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for case, data in results["cases"].items():
        if "skipped" in data:
            lines.append(f"| ({case}) {data['label']} | skipped: {data['skipped']} |" + " |" * 8)
            continue
        m = data["median"]
        ratio = f"{data['wall_vs_a']:.2f}"
        if "wall_vs_b" in data:
            ratio += f" ({data['wall_vs_b']:.2f} × (b))"
        lines.append(
            f"| ({case}) {data['label']} | {m['wall']:.2f} | "
            f"{data['wall_range'][0]:.1f}–{data['wall_range'][1]:.1f} | {m['cpu']:.2f} | "
            f"{m['peak_mib']:.0f} | {m['pages']:.0f} | {m['size'] / 1e6:.1f} | "
            f"{ratio} | {data['cpu_vs_a']:.2f} |"
        )
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Profile


def profile(articles=1000, lang="en", top=15, seed=0, workdir=None, progress=print):
    """cProfile one language's Pelican run in a cold build of the corpus (the
    other languages run beside it, as usual); return pstats' top entries by
    cumulative time."""
    work = Path(workdir or tempfile.mkdtemp(prefix="newsroom-profile-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        progress(f"Generating {articles} articles per language into {work / 'corpus'} …")
        generate(work / "corpus", articles, seed=seed)
        stats = work / f"{lang}.prof"
        spec = {
            "settings": str(SETTINGS),
            "output": str(work / "output"),
            "content": str(work / "corpus"),
            "lang": lang,
            "stats": str(stats),
        }
        env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
        command = [sys.executable, "-m", CHILD, "profile", json.dumps(spec)]
        wall, cpu, _ = _timed(command, work / "bench.log", env)
        progress(f"Cold build under the profiler: {wall:.1f} s, CPU {cpu:.1f} s")
        text = io.StringIO()
        pstats.Stats(str(stats), stream=text).sort_stats("cumulative").print_stats(top)
        return text.getvalue()
    finally:
        if not workdir:
            shutil.rmtree(work, ignore_errors=True)


def _child_profile(spec):
    """Build, with `lang`'s forked run under cProfile (stats dumped in the child)."""
    from newsroom.build import build, runs

    run_language = runs.run_language

    def profiled(settings_file, overrides, *args):
        if overrides.get("DEFAULT_LANG") != spec["lang"]:
            return run_language(settings_file, overrides, *args)
        profiler = cProfile.Profile()
        try:
            return profiler.runcall(run_language, settings_file, overrides, *args)
        finally:
            profiler.dump_stats(spec["stats"])

    runs.run_language = profiled
    build(spec["settings"], output=spec["output"], overrides={"PATH": spec["content"]})


if __name__ == "__main__":  # the timed processes: python -m CHILD build|profile SPEC
    {"build": _child_build, "profile": _child_profile}[sys.argv[1]](json.loads(sys.argv[2]))
