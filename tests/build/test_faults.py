"""Faults: a build killed at any moment (SIGKILL to its whole process group:
the build, its language runs, Pagefind) leaves output/ the previous site or
the new one, byte for byte, and the next build succeeds without `make clean`.

The kills are aimed, not random: a first build is timed phase by phase, as
seen from outside (`Watch`), and each kill comes a fraction of a phase's
length after the build is seen entering it. Each kill records the phase it
landed in. Pagefind missing or crashing: tests/build/test_search.py."""

import contextlib
import ctypes
import itertools
import os
import re
import select
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT, SITEURL, invoke, snapshot
from newsroom.tools.bench import generate

STORIES = 12  # per language: a warm build of about 2 s when the machine is quiet, enough to aim
# The phases of a build in order, as `Watch` sees them.
PHASES = ("start-up", "scan", "runs", "merge", "search", "swap", "done")
# The 20 kills: (phase, fraction of its length in the timed build).
MOMENTS = [
    *(("scan", fraction) for fraction in (0.15, 0.4, 0.65, 0.9)),
    *(("runs", fraction) for fraction in (0.1, 0.3, 0.5, 0.7, 0.9)),
    *(("merge", fraction) for fraction in (0.2, 0.5, 0.8)),
    *(("search", fraction) for fraction in (0.1, 0.3, 0.5, 0.7, 0.9)),
    *(("swap", fraction) for fraction in (0.0, 0.3, 0.6)),  # two renames: milliseconds
]

LIBC = ctypes.CDLL(None, use_errno=True)
IN_OPEN, IN_MODIFY, IN_CREATE, IN_ISDIR = 0x20, 0x2, 0x100, 0x40000000


def _inotify(folders, mask):
    """A non-blocking inotify descriptor watching the files of `folders`."""
    fd = LIBC.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
    assert fd >= 0, os.strerror(ctypes.get_errno())
    for folder in folders:
        assert LIBC.inotify_add_watch(fd, os.fsencode(folder), mask) >= 0, folder
    return fd


def _events(fd):
    """(mask, name) of each event waiting on `fd`."""
    try:
        data = os.read(fd, 1 << 16)
    except BlockingIOError:
        return []
    events, at = [], 0
    while at < len(data):
        _, mask, _, length = struct.unpack_from("iIII", data, at)
        events.append((mask, data[at + 16 : at + 16 + length].rstrip(b"\0").decode()))
        at += 16 + length
    return events


class Watch:
    """`invoke build` in a process group of its own, and the phase it is in,
    seen from outside: "scan" from the first content file it opens (inotify;
    the scan, then images and run settings), "runs" while its forked language
    runs live, "merge" once they have all ended (merge, assets, redirects,
    sitemaps, the search index's reuse check), "search" from its first
    Pagefind process (both from the group's processes in /proc), "swap" from
    its line "Search index: …", "done" from "Built …". With `cache`
    (folders), writes there are seen too."""

    def __init__(self, content, output, cache=()):
        folders = [content, *(path for path in content.rglob("*") if path.is_dir())]
        self.opened = _inotify(folders, IN_OPEN)
        self.writes = _inotify(cache, IN_MODIFY | IN_CREATE) if cache else None
        self.cache_written = False
        command = [sys.executable, "-m", "invoke", "-r", str(ROOT), "build"]
        self.process = subprocess.Popen(
            [*command, "--content", str(content), "--output", str(output)],
            cwd=ROOT,
            env={**os.environ, "SITEURL": SITEURL},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,  # a process group of its own, which the kill takes whole
        )
        self.started = time.monotonic()
        self.seen = {"start-up": 0.0}  # phase: when it was first seen, from the start
        self.stderr = b""
        self.others, self.members = set(), {}  # pids outside the group; pid: "run" or "pagefind"

    @property
    def phase(self):
        return max(self.seen, key=PHASES.index)

    def look(self, timeout):
        """Wait at most `timeout` seconds for news; return the phase."""
        descriptors = [fd for fd in (self.opened, self.writes) if fd is not None]
        ready = select.select([*descriptors, self.process.stderr], [], [], timeout)[0]
        if self.opened in ready and any(
            name.endswith(".md") and not mask & IN_ISDIR for mask, name in _events(self.opened)
        ):
            self._enter("scan")
        if self.writes in ready and _events(self.writes):
            self.cache_written = True
        if self.process.stderr in ready:
            # Never blocks: the pipe is ready. Its end comes late (the background
            # `rm -rf` of the old site holds it), so no loop waits for it.
            self.stderr += os.read(self.process.stderr.fileno(), 1 << 16)
        alive = self._group().values()
        if "run" in alive:
            self._enter("runs")
        elif "runs" in self.seen:
            self._enter("merge")  # every run has ended
        if "pagefind" in alive:
            self._enter("search")
        if re.search(rb"^Search index: ", self.stderr, re.M):
            self._enter("swap")
        if re.search(rb"^Built ", self.stderr, re.M) or self.process.poll() is not None:
            self._enter("done")
        return self.phase

    def _enter(self, phase):
        self.seen.setdefault(phase, time.monotonic() - self.started)

    def _group(self):
        """The live processes of the build's group, the build aside: {pid: kind}."""
        alive = {}
        for name in os.listdir("/proc"):
            if not name.isdigit() or int(name) in self.others:
                continue
            pid = int(name)
            try:
                stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                state, group = stat[0], int(stat[2])
                if group != self.process.pid or pid == self.process.pid:
                    self.others.add(pid)
                    continue
                if pid not in self.members:
                    argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
                    pagefind = argv[1:3] == ["-m", "pagefind"] or "pagefind" in Path(argv[0]).name
                    self.members[pid] = "pagefind" if pagefind else "run"
            except (OSError, ValueError, IndexError):
                continue  # gone meanwhile
            if state != "Z":
                alive[pid] = self.members[pid]
        return alive

    def kill(self):
        """SIGKILL to the whole group; returns the phase it landed in ("done"
        if the build had ended), once no process of the group is left."""
        landed = self.look(0)
        with contextlib.suppress(ProcessLookupError):  # it had ended
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self._close()
        if self.process.returncode == 0:
            landed = "done"  # it ended before the signal
        deadline = time.monotonic() + 10
        while self._group() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not self._group(), "a process of the killed build lived on"
        return landed

    def wait(self):
        """Watch the build to its end; returns its return code."""
        while self.process.poll() is None:
            self.look(0.01)
        self.look(0)
        self._close()
        return self.process.returncode

    def _close(self):
        for fd in (self.opened, self.writes):
            if fd is not None:
                os.close(fd)
        self.opened = self.writes = None
        self.process.stderr.close()

    def text(self):
        return self.stderr.decode("utf-8", "replace")


def _site(root):
    """A generated three-language site in `root`/content, built into
    `root`/output; returns them and the English story the tests edit."""
    content, output = root / "content", root / "output"
    generate(content, articles_per_language=STORIES, seed=0)
    result = invoke("build", "--content", str(content), "--output", str(output))
    assert result.returncode == 0, result.stderr
    return content, output, sorted(content.rglob("*.en.md"))[0]


def _kill_in(watch, phase, fraction, durations):
    """Kill the build `fraction` of `phase`'s length after it is seen entering
    `phase` (or a later one); returns the phase the kill landed in."""
    target = None
    while watch.process.poll() is None:
        if target is None:
            if PHASES.index(watch.look(0.001)) >= PHASES.index(phase):
                target = time.monotonic() + fraction * durations[phase]
        elif (left := target - time.monotonic()) > 0:
            watch.look(min(0.001, left))
        else:
            break
    return watch.kill()


def _differ(one, two):
    return sorted(path for path in one.keys() | two.keys() if one.get(path) != two.get(path))


def test_a_build_killed_at_any_moment_leaves_the_last_site_or_the_new_one(tmp_path):
    content, output, story = _site(tmp_path)
    texts = {"old": story.read_text(encoding="utf-8")}
    texts["new"] = texts["old"] + "\nOne more paragraph, so that the two sites differ.\n"
    sites = {"old": snapshot(output)}
    story.write_text(texts["new"], encoding="utf-8")
    timed = Watch(content, output)
    assert timed.wait() == 0, timed.text()
    sites["new"] = snapshot(output)
    assert sites["new"] != sites["old"]
    assert sorted(timed.seen, key=PHASES.index) == list(PHASES), timed.seen  # each phase seen
    durations = {
        now: timed.seen[then] - timed.seen[now] for now, then in itertools.pairwise(PHASES)
    }

    kills, current = [], "new"  # current: the site in output/
    for phase, fraction in MOMENTS:
        # Build the other site, so that the previous site and the new one differ.
        previous, new = current, "old" if current == "new" else "new"
        story.write_text(texts[new], encoding="utf-8")
        watch = Watch(content, output)
        landed = _kill_in(watch, phase, fraction, durations)
        assert watch.process.returncode in (0, -signal.SIGKILL), watch.text()  # it never failed
        after = snapshot(output)
        assert after in (sites[previous], sites[new]), (landed, _differ(after, sites[new]))
        current = new if after == sites[new] else previous
        kills.append((phase, landed, "new" if current == new else "previous"))

    print(
        "",
        *(f"aimed at {aim:6} landed in {at:6} output/: {site}" for aim, at, site in kills),
        sep="\n",
    )
    # The merge lasts from 30 ms to half a second here: aimed at, not required.
    assert {"scan", "runs", "search", "swap"} <= {landed for _, landed, _ in kills}, kills

    # The next build, with whatever the kills left behind: staging folders, caches.
    result = invoke("build", "--content", str(content), "--output", str(output))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(output) == sites[new]
    assert not list(tmp_path.glob("output.*")), "a staging or old folder was left behind"


def test_a_build_killed_as_a_run_saves_its_content_cache_does_not_break_the_next(tmp_path):
    # A moment the kills above only rarely hit: each language run saves
    # Pelican's content cache (.cache/pelican/<key>/<lang>/) as it finishes
    # reading, and the next build's run reads it back.
    content, output, story = _site(tmp_path)
    story.write_text(story.read_text(encoding="utf-8") + "\nOne more paragraph.\n")
    cache = sorted(path for path in (tmp_path / ".cache/pelican").glob("*/*") if path.is_dir())
    assert len(cache) == 3, cache  # one folder per language
    watch = Watch(content, output, cache)
    while not watch.cache_written and watch.process.poll() is None:
        watch.look(0.01)
    assert watch.cache_written, watch.text()
    assert watch.kill() == "runs"

    result = invoke("build", "--content", str(content), "--output", str(output))

    assert result.returncode == 0, result.stderr
    clean = tmp_path / "clean" / "output"
    assert invoke("build", "--content", str(content), "--output", str(clean)).returncode == 0
    assert snapshot(output) == snapshot(clean)
