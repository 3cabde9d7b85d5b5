"""What shapes output besides the project's own files: the versions of Python, Arsip and its libraries.

Input: the running interpreter, Arsip's source files and the installed libraries. Output: one
digest; the build database forgets everything it holds when it differs, so a new Jinja2, Babel,
Python-Markdown, nh3, Pillow, Pagefind or openpyxl (or an edited Arsip) produces every output again.
"""

from __future__ import annotations

import hashlib
import sys
from importlib import metadata
from pathlib import Path

from PIL import features

from .. import __version__

PACKAGE = Path(__file__).resolve().parent.parent
# Read from the installed distributions' metadata: the libraries themselves need not be imported (a build with nothing
# to do imports none of them).
DISTRIBUTIONS = (
    "jinja2",
    "markdown",
    "nh3",
    "babel",
    "pyyaml",
    "pillow",  # the social cards: its drawing and its zlib make their bytes
    "pagefind",
    "pagefind-bin",
    "python-frontmatter",
    "markupsafe",
    "python-slugify",
    "text-unidecode",
    "openpyxl",
    "et-xmlfile",
)


def library_versions() -> dict[str, str]:
    """The version of each library that shapes output, read when asked (never remembered)."""
    found = {"python": sys.version, "zlib": features.version("zlib") or "absent"}
    for name in DISTRIBUTIONS:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "absent"
    return found


def code_digest() -> str:
    """Arsip's own source: an edited or upgraded Arsip may make any output differently."""
    hasher = hashlib.blake2b(digest_size=16)
    for source in sorted(PACKAGE.rglob("*.py")):
        hasher.update(source.relative_to(PACKAGE).as_posix().encode() + b"\0" + source.read_bytes() + b"\0")
    return hasher.hexdigest()


def versions_digest() -> str:
    described = [*sorted(library_versions().items()), ("arsip", __version__), ("arsip-code", code_digest())]
    return hashlib.blake2b(repr(described).encode(), digest_size=16).hexdigest()
