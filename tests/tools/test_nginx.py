"""docs/nginx.conf: made from the settings, and what Debian's nginx sends with it.

`invoke nginx-config` writes the server block from HTTP_HEADERS and
CACHE_CONTROL, the settings `_headers` is made from. The test serves a
production build with Debian's nginx (`make test` installs it) and that
block, and checks every header on a page, an asset, a redirect page and the
404 page: a hand-written nginx configuration loses them without a word.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest
from pelican.settings import read_settings

from conftest import ROOT, SITES, free_port, invoke

NGINX = Path("/usr/sbin/nginx")
MAIN = """\
daemon off;
worker_processes 1;
{user}
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    include {work}/newsroom.conf;
}}
"""


def test_the_documented_configuration_is_the_generated_one():
    env = {name: value for name, value in os.environ.items() if name != "SITEURL"}
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "-r", str(ROOT), "nginx-config"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (ROOT / "docs/nginx.conf").read_text(encoding="utf-8"), (
        "docs/nginx.conf is stale: run `invoke nginx-config > docs/nginx.conf`"
    )


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A production build of a fixture (with one old address), served by nginx."""
    assert NGINX.exists(), "nginx is missing: run `make test`, or sudo apt-get install nginx"
    root = tmp_path_factory.mktemp("nginx")
    content, output, work = root / "content", root / "output", root / "nginx"
    shutil.copytree(SITES / "partners-magazine", content)
    story = content / "articles/2024/alpha-and-beta-workshop.en.md"
    story.write_text(
        story.read_text(encoding="utf-8").replace(
            "Partners:", "Old_URLs: /2024/02/workshop/\nPartners:"
        ),
        encoding="utf-8",
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    result = invoke(
        "build", "--publish", "--content", str(content), "--output", str(output),
        env={"SITEURL": base},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    config = invoke(
        "nginx-config", "--root", str(output), "--listen", f"127.0.0.1:{port}",
        "--server-name", "127.0.0.1", env={"SITEURL": base},
    )  # fmt: skip
    assert config.returncode == 0, config.stderr
    work.mkdir()
    (work / "newsroom.conf").write_text(config.stdout, encoding="utf-8")
    user = "user root;" if os.geteuid() == 0 else ""  # workers read the test's folders
    (work / "nginx.conf").write_text(MAIN.format(work=work, user=user), encoding="utf-8")
    server = subprocess.Popen(
        [str(NGINX), "-p", str(work), "-c", str(work / "nginx.conf")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                assert server.poll() is None, server.stdout.read().decode()
                time.sleep(0.05)
        yield base, output, production_settings(base)
    finally:
        server.terminate()
        server.wait(timeout=10)


def production_settings(siteurl):
    """publishconf.py as the build read it: its policy names SITEURL's folders."""
    before = os.environ.get("SITEURL")
    os.environ["SITEURL"] = siteurl
    try:
        return read_settings(str(ROOT / "publishconf.py"))
    finally:
        if before is None:
            del os.environ["SITEURL"]
        else:
            os.environ["SITEURL"] = before


def fetch(url):
    try:
        with urlopen(url, timeout=10) as response:
            return response.status, response.headers
    except HTTPError as error:
        return error.code, error.headers


def expected_headers(settings, cache_control):
    return {**settings["HTTP_HEADERS"], "Cache-Control": cache_control}


def test_nginx_sends_every_header_on_every_kind_of_path(served):
    base, output, settings = served
    briefly = settings["CACHE_CONTROL"]["/"]
    [stylesheet] = (output / "theme/css").glob("newsroom.*.css")
    cases = {
        "a page": ("/en/", 200, briefly),
        "an asset": (f"/theme/css/{stylesheet.name}", 200, settings["CACHE_CONTROL"]["/theme/*"]),
        "a redirect page": ("/2024/02/workshop/", 200, briefly),
        "the 404 page": ("/no/such/page/", 404, briefly),
    }
    assert (output / "2024/02/workshop/index.html").is_file()
    for name, (path, status, cache_control) in cases.items():
        got, headers = fetch(base + path)
        assert got == status, f"{name}: {got}"
        for header, value in expected_headers(settings, cache_control).items():
            assert headers.get_all(header) == [value], f"{name} ({path}): {header}"
    _, page = fetch(base + "/en/")
    assert "script-src " + base + "/theme/js/" in page["Content-Security-Policy"]
