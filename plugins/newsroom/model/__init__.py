"""The content model: what a content file is, and the rules it must follow.

Plain Python, with no Pelican generator: the build's parent process scans
every language's front matter with it before any Pelican run starts, the
language runs read the same rules back, and the tools write files that pass
them. Nothing here imports the run, the build or the tools.

- layout: file names, content folders, URL patterns, the translation table's x-default;
- frontmatter: `Key: value` lines, read as Python-Markdown reads them, with line numbers;
- values: how a value is read (dates, lists, numbers, addresses);
- rules: the one table of fields per kind of content, and each field's rule;
- body: the checks of a Markdown body (images, embeds);
- old_urls: the `Old_URLs` field and the addresses files claim;
- references: the rules across files (partners, issues, files on disk);
- kit: what a press-kit file is (type, size, pixels, thumbnail);
- filetypes: which files are images, and what each kind of image becomes;
- scan: one pass over every file: the ContentIndex of items and problems;
- problems: how a problem is named to an author;
- i18n: the theme's catalogs and localized dates, numbers and sizes;
- files: walking a folder, digests, links, atomic writes.
"""
