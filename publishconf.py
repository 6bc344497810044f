"""Production settings: pelicanconf.py plus what only a published site wants."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402, F403

# The public address; CI can point a preview elsewhere with SITEURL=….
SITEURL = os.environ.get("SITEURL", "https://aicto.org").rstrip("/")

# Stories dated in the future wait for the first build on or after their date.
WITH_FUTURE_DATES = False

# Drafts, and stories held back until their date, are not written at all.
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""

# .gz and .br beside every text file, for servers that send them as they are.
PRECOMPRESS = True

# Scripts only from the folders ours are in: the theme's and the search index's.
SCRIPT_SOURCES = [f"{SITEURL}/{THEME_STATIC_DIR}/js/", f"{SITEURL}/{SEARCH_BUNDLE_DIR}/"]  # noqa: F405
CONTENT_SECURITY_POLICY = content_security_policy(SCRIPT_SOURCES)  # noqa: F405
HTTP_HEADERS = http_headers(CONTENT_SECURITY_POLICY)  # noqa: F405

# The web editor at /admin/ only when ADMIN is set (ADMIN=1 make site), signing
# in against GitHub: ADMIN_REPO names the repository (owner/name; in GitHub
# Actions, the one the workflow runs in), and
# ADMIN_AUTH_URL the OAuth service that holds the app's secret (docs/editor.md).
# No secret is ever in the repository or the build.
ADMIN = os.environ.get("ADMIN", "").strip().lower() in {"1", "true", "yes", "on"}
ADMIN_BACKEND = "github"
ADMIN_REPO = os.environ.get("ADMIN_REPO") or os.environ.get("GITHUB_REPOSITORY", "")
ADMIN_BRANCH = os.environ.get("ADMIN_BRANCH", "main")
ADMIN_AUTH_URL = os.environ.get("ADMIN_AUTH_URL", "")
ADMIN_CONTENT_SECURITY_POLICY = admin_security_policy("https://api.github.com")  # noqa: F405
