"""`invoke screenshots --editor`: the pictures of docs/authoring.md's section
on the web editor (docs/images/editor-*.png), taken from a build of the real
content with /admin/ reading this checkout through decap-server, as under
`make serve`. Nothing is saved: the editor is only looked at."""

from ..build import admin_proxy
from .browser import chromium, serve

SEED = "articles/2020/aicto-and-huawei-strengthen-their-cooperation"
VIEWPORT = {"width": 1280, "height": 800}
# file name -> the editor's address (a query of its own: a page load each)
SHOTS = {
    "editor-collections.png": "",
    "editor-arabic-story.png": f"?ar#/collections/article-ar/entries/{SEED.split('/', 1)[1]}",
    "editor-new-story.png": "?new#/collections/article-fr/new",
}


def take(output, settings, checkout, folder):
    """Screenshot the editor of the site built into `output`; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    with admin_proxy.running(settings, checkout), serve(output) as base, chromium() as browser:
        context = browser.new_context(viewport=VIEWPORT, locale="en-US")
        page = context.new_page()
        page.goto(f"{base}/admin/")
        page.get_by_role("button", name="Login").click()
        for name, address in SHOTS.items():
            if address:
                page.goto(f"{base}/admin/{address}")
                page.locator("input[id^=title-field]").wait_for()
            else:
                page.get_by_text("Stories · English").first.wait_for()
            page.wait_for_load_state("networkidle")
            page.evaluate("document.fonts.ready.then(() => true)")
            page.screenshot(path=folder / name)
            paths.append(folder / name)
        context.close()
    return paths
