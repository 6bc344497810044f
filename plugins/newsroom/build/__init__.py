"""The build: the parent process that turns content/ into output/.

`build()` (pipeline.py) scans, forks one Pelican run per language, merges
their output and finishes the site; `Session` (session.py) is `invoke
serve`'s, which keeps the runs alive between saves. The build imports the
content model, and reaches the language run only through run/child.py.

- pipeline: `build()`, one line per step;
- run_settings: the settings of each language's run;
- runs: forking and stopping the runs;
- caches: every cache path and key;
- uptodate: nothing to do when no input changed;
- staging: the staging folder, the merge, precompression and the swap;
- media: image renditions and press-kit thumbnails;
- assets: content-hashed theme files;
- redirects: redirect pages and /_redirects;
- sitemaps: sitemaps, the news sitemap, robots.txt;
- search, search_stable: the Pagefind index, reused or made, byte-stable;
- session: `invoke serve`'s builds and rewrites.
"""

from .errors import BuildError
from .pipeline import build

__all__ = ["BuildError", "build"]
