"""File helpers the rooms share: walking a folder, its digest, links, atomic writes."""

import hashlib
import os
import shutil
from pathlib import Path


def walk(folder):
    """Every file under `folder`, in a stable order."""
    for root, folders, files in os.walk(folder):
        folders.sort()
        for name in sorted(files):
            yield Path(root) / name


def tree_digest(folder):
    """A digest of the names and bytes of every file under `folder`."""
    digest = hashlib.md5()
    for path in walk(folder):
        if "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def link(source, target):
    """`target` as a hard link to `source` (no bytes copied), or a copy across
    filesystems; its folder is made if needed."""
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def write_atomic(path, data):
    """Write `data` (bytes) whole or not at all: a killed build never leaves
    half a file in a cache. Its folder is made if needed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_bytes(data)
    os.replace(partial, path)
