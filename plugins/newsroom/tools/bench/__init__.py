"""`invoke bench`: a synthetic corpus (corpus.py, words.py) and the timed
cases against plain Pelican (harness.py). Not part of the build."""

from .corpus import generate
from .harness import CASES, profile, run, table

__all__ = ["CASES", "generate", "profile", "run", "table"]
