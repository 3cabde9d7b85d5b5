"""A text file's bytes as text: a release (for `frontmatter`) or `content/institutions.toml` (for `tree`).

Input: the bytes of the file, its project-relative path. Output: the text (byte-order mark dropped,
line endings made `\\n`, a control character XML may not hold replaced by a space with a warning),
or None with a problem when the file is binary or not UTF-8 (at the line of the first bad byte).
`normalized` is the part that makes any text of the same bytes the same (what `frontmatter` redoes for a kept release).
"""

from __future__ import annotations

import re

from ..i18n import tr
from ..problems import Problem, error, warning

NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # not allowed in XML 1.0
BINARY_SNIFF = 8192  # a NUL byte among the first bytes means the file is not text
BINARY = tr("the file is binary, not Markdown text")
BINARY_HINT = tr("remove it or give it another extension")


def decode(data: bytes, relative: str, problems: list[Problem]) -> str | None:
    """The text of a release or of the registry, or None with the problem that says why it is not text."""
    if b"\x00" in data[:BINARY_SNIFF]:
        problems.append(error(relative, None, BINARY, BINARY_HINT))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(error(relative, line, tr("the file is not UTF-8 text"), tr("save it as UTF-8 in your editor")))
        return None
    if "\x00" in text:
        problems.append(error(relative, None, BINARY, BINARY_HINT))
        return None
    text = normalized(text)
    found = NOT_TEXT.search(text)
    if found:  # a character XML may not hold would make feed.xml and sitemap.xml unreadable
        line = text.count("\n", 0, found.start()) + 1
        code = f"U+{ord(found.group()):04X}"
        hint = tr("it often comes with text pasted from a word processor; retype the text around it if a word looks wrong")
        problems.append(warning(relative, line, tr("an invisible control character ({code}) was replaced by a space", code=code), hint))
        text = NOT_TEXT.sub(" ", text)
    return text


def normalized(text: str) -> str:
    """The text without a byte-order mark, its lines ending in '\\n' whatever the editor saved (CRLF, CR)."""
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
