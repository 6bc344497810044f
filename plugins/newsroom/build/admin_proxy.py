"""decap-server beside `invoke serve`: the web editor's local mode.

Under `make serve` /admin/ reads and writes this checkout's files through
Decap's own proxy (npm decap-server, pinned in package-lock.json), so an
author can try the editor with no account. It listens on 127.0.0.1 only
(ADMIN_PROXY_PORT), accepts requests from local origins only, and stops
with the server. Nothing is committed: the author commits, as with any edit.
"""

import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

SERVER = Path("decap-server") / "dist" / "index.js"  # under node_modules


@contextmanager
def running(settings, checkout):
    """Run decap-server on `checkout` while the block runs, when /admin/ uses it."""
    if not settings.get("ADMIN") or settings.get("ADMIN_BACKEND") != "proxy":
        yield None
        return
    script = Path(settings["ADMIN_BUNDLE"]).parents[1] / SERVER
    node = shutil.which("node")
    if not node or not script.is_file():
        print(f"/admin/ cannot edit files: {script} or node is missing (npm ci)", file=sys.stderr)
        yield None
        return
    port = str(settings["ADMIN_PROXY_PORT"])
    env = {
        **os.environ,
        "GIT_REPO_DIRECTORY": str(checkout),
        "PORT": port,
        "BIND_HOST": "127.0.0.1",
    }
    env["LOG_LEVEL"] = "warn"
    process = subprocess.Popen([node, str(script)], env=env, cwd=checkout)
    print(
        f"The web editor: /admin/ edits {checkout} (decap-server on 127.0.0.1:{port})", flush=True
    )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
