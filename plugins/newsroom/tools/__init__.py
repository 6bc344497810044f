"""Tools for authors and operators: commands that nothing in the build imports.

tasks.py holds the thin Invoke wrappers; the work is here, and tested.

- authoring: `invoke new` and `invoke translate`; status: `invoke status`;
- wordpress, wordpress_html: `invoke import-wordpress` (the export, and its post bodies);
- publish: `invoke publish` to rsync or a gh-pages branch;
- fonts: `invoke fonts`, the Arabic web font subsets and the social cards' font;
- git: the one way the tools ask git;
- browser, lighthouse: the built site in Chromium (`invoke screenshots`,
  the browser tests) and Lighthouse (`invoke lighthouse`);
- bench: `invoke bench`, its synthetic corpus and its harness.
"""
