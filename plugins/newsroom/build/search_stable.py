"""Make Pagefind's output the same bytes for the same site.

Pagefind 1.5 writes each filter's values, and the list of filters in each
language's metadata file, in hash-map order, which changes from run to run
(Pagefind/pagefind#638: fixed for fragments in 1.3, not for these). Their
file names are hashes of their content, so the metadata and the entry file
that name them change too. Sorting those lists and naming the files after
the sorted content gives the same index every time; the search reads it the
same way (its client loads files by the names the metadata gives).

The files are gzip-compressed CBOR behind a `pagefind_dcd` marker:
  filter/<lang>_<hash>.pf_filter   [name, [[value, [page, …]], …]]
  pagefind.<lang>_<hash>.pf_meta   [version, pages, index chunks,
                                    [[filter, file], …], sorts, meta fields]
"""

import gzip
import hashlib
import json

import cbor2

MARKER = b"pagefind_dcd"
FILTERS = 3  # position of the filter list in a .pf_meta


def _read(path):
    return cbor2.loads(gzip.decompress(path.read_bytes()).removeprefix(MARKER))


def _write(folder, pattern, lang, length, value):
    """Write `value` as Pagefind does, named for its content; return the name."""
    data = MARKER + cbor2.dumps(value)
    name = f"{lang}_{hashlib.sha256(data).hexdigest()[:length]}"
    (folder / pattern.format(name=name)).write_bytes(gzip.compress(data, mtime=0))
    return name


def stabilize(bundle):
    """Rewrite the Pagefind bundle folder `bundle` in a stable order."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for lang, about in entry["languages"].items():
        meta_path = bundle / f"pagefind.{about['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = []
        for name, file in sorted(meta[FILTERS]):
            path = bundle / "filter" / f"{file}.pf_filter"
            filter_name, values = _read(path)
            path.unlink()
            stable = _write(
                bundle / "filter", "{name}.pf_filter", lang, 7, [filter_name, sorted(values)]
            )
            filters.append([name, stable])
        meta[FILTERS] = filters
        meta_path.unlink()
        about["hash"] = _write(bundle, "pagefind.{name}.pf_meta", lang, 10, meta)
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")
