"""The built site in a real browser: `invoke screenshots` and tests/tools/test_browser.py.

Playwright drives Debian's Chromium (`make test` installs it). Playwright's own
browser downloads (`playwright install`) are never used: they fail here.
"""

import functools
import itertools
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# Without the networking flags Chromium keeps trying to reach the web.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL = "sudo apt-get install -y --no-install-recommends chromium fonts-noto-core"

LANGS = ("ar", "en")
PAGES = {
    "home": "/{lang}/",
    "article": "/{lang}/news/2020/11/aicto-and-huawei-strengthen-their-cooperation/",
    "listing": "/{lang}/news/",
}
WIDTHS = (375, 1280)
SCHEMES = ("light", "dark")
HEIGHT = 800  # the first screen; screenshots take the full page


class _QuietHandler(SimpleHTTPRequestHandler):
    extra_headers = {}

    def end_headers(self):
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format, *args):
        pass


def read_headers(path):
    """The headers a `_headers` file (Netlify, Cloudflare Pages) gives every page (`/*`)."""
    headers, rule = {}, None
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith((" ", "\t")):
            rule = line.strip()
        elif line.strip() and rule == "/*":
            name, _, value = line.strip().partition(":")
            headers[name.strip()] = value.strip()
    return headers


@contextmanager
def serve(root, headers=None, port=0):
    """Serve the folder `root` on localhost (a free port, unless `port` says
    which); yield its base URL.

    `headers` (a dict) are sent with every response, as a host would send
    those of the site's `_headers` file (see `read_headers`).
    """
    quiet = type("_Handler", (_QuietHandler,), {"extra_headers": dict(headers or {})})
    handler = functools.partial(quiet, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def chromium():
    """Start Debian's Chromium under Playwright; yield the Browser."""
    if not Path(CHROMIUM).is_file():
        raise FileNotFoundError(f"{CHROMIUM} is missing; install it with: {INSTALL}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def open_page(browser, url, width, scheme="light", init_script=None, on=None, **options):
    """Open `url` at `width` CSS px in `scheme`; yield the page once its fonts are in.

    `init_script` runs in the page before any of its own scripts; `on` maps
    page events to handlers, listening from before the page loads (e.g.
    {"console": …}); `options` go to Playwright's `browser.new_context` (e.g.
    `bypass_csp=True`).
    """
    context = browser.new_context(
        viewport={"width": width, "height": HEIGHT}, color_scheme=scheme, **options
    )
    try:
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        for event, handler in (on or {}).items():
            page.on(event, handler)
        response = page.goto(url)
        if not response.ok:
            raise RuntimeError(f"{url}: HTTP {response.status}")
        page.evaluate("document.fonts.ready.then(() => true)")
        yield page
    finally:
        context.close()


def shoot(browser, base_url, folder):
    """Full-page screenshots of PAGES in LANGS × WIDTHS × SCHEMES; return their paths.

    Each is `<lang>-<page>-<width>-<scheme>.png` in `folder`.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for lang, name, width, scheme in itertools.product(LANGS, PAGES, WIDTHS, SCHEMES):
        path = folder / f"{lang}-{name}-{width}-{scheme}.png"
        with open_page(browser, base_url + PAGES[name].format(lang=lang), width, scheme) as page:
            page.screenshot(path=path, full_page=True)
        paths.append(path)
    return paths


def take(root, folder):
    """Serve the built site `root` and shoot every page into `folder`."""
    with serve(root) as base_url, chromium() as browser:
        return shoot(browser, base_url, folder)
