"""The language runs: one forked process per language, and how they stop.

Each process runs `run.child.run_language`, the run's entry point, and sends
back one line: None, or what went wrong. The fork start method lets each
child inherit the modules the parent has imported, so it starts fast; for
the same reason `invoke serve` re-executes itself when the code changes.
"""

import multiprocessing
import time

from ..run.child import run_language
from .errors import BuildError


def run_all(settings_file, runs, keep=False):
    """Run Pelican once per language ({lang: overrides}), each in a process of
    its own. With `keep`, the processes stay to serve an `invoke serve`
    session: returns {lang: (process, connection)}."""
    context = multiprocessing.get_context("fork")  # inherit imports: fast start
    processes = {}
    for lang, run_overrides in runs.items():
        receiver, sender = context.Pipe(duplex=keep)
        # The child closes the parent's ends it inherits, so that a kept run
        # sees its connection end when this process does.
        ends = [receiver, *(end for _, end in processes.values())]
        process = context.Process(
            target=run_language,
            args=(settings_file, run_overrides, sender, keep, ends),
            name=f"pelican-{lang}",
            daemon=keep,  # ended with this process
        )
        process.start()
        sender.close()
        processes[lang] = (process, receiver)
    errors = []
    try:
        for lang, (_, receiver) in processes.items():
            try:
                error = receiver.recv()
            except EOFError:
                error = "the build process died without a word"
            if isinstance(error, list):  # content problems: each names its file
                errors += error
            elif error:
                errors.append(f"[{lang}] {error}")
    except BaseException:  # Ctrl-C: no run outlives the build
        stop_runs(processes)
        raise
    if errors or not keep:
        stop_runs(processes)
    if errors:
        raise BuildError("\n".join(errors))
    return processes if keep else {}


def stop_runs(processes, wait=10):
    """Close the runs' connections and wait for them to end: `wait` seconds,
    then they are terminated (a run still writing, or one that missed the end
    of its connection)."""
    for _, connection in processes.values():
        connection.close()  # a kept run reads the end of its requests
    deadline = time.monotonic() + wait
    for process, _ in processes.values():
        process.join(max(0, deadline - time.monotonic()))
        if process.is_alive():
            process.terminate()
            process.join()
