"""Which files beside the releases are published, and which are refused.

Input: a file's site-relative name, its size (from the status already taken) and, once it is read,
its first bytes. Output: a `Problem` when the file may not be published, or None.

What `content/` publishes is an allow-list: pictures (PNG, JPEG, GIF, WebP, AVIF) and PDF documents,
each no larger than `MAX_ASSET_BYTES` and each beginning with the bytes of the kind its name claims,
so a page with a script cannot pass for a picture. Files that a browser would run (HTML, SVG,
JavaScript, XML) are errors: published, they would run scripts on the archive's own address. Any
other kind (a Word file, a note) is left out with a warning. The theme's `templates/static/` is
written by the site's developers and is not limited.
"""

from __future__ import annotations

from collections.abc import Callable

from ..i18n import Text, tr
from ..problems import Problem, error, warning

MAX_ASSET_BYTES = 25 * 1024 * 1024  # a phone's photo or a scanned report; anything larger is refused unread
SNIFF_BYTES = 16  # enough to recognise every allowed kind


def _png(head: bytes) -> bool:
    return head.startswith(b"\x89PNG\r\n\x1a\n")


def _jpeg(head: bytes) -> bool:
    return head.startswith(b"\xff\xd8\xff")


def _gif(head: bytes) -> bool:
    return head.startswith((b"GIF87a", b"GIF89a"))


def _webp(head: bytes) -> bool:
    return head.startswith(b"RIFF") and head[8:12] == b"WEBP"


def _avif(head: bytes) -> bool:
    return head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis")


def _pdf(head: bytes) -> bool:
    return head.startswith(b"%PDF-")


# extension: (what a reader would call it, how its first bytes look)
PUBLISHED: dict[str, tuple[Text, Callable[[bytes], bool]]] = {
    "png": (tr("a PNG image"), _png),
    "jpg": (tr("a JPEG image"), _jpeg),
    "jpeg": (tr("a JPEG image"), _jpeg),
    "gif": (tr("a GIF image"), _gif),
    "webp": (tr("a WebP image"), _webp),
    "avif": (tr("an AVIF image"), _avif),
    "pdf": (tr("a PDF document"), _pdf),
}
ACTIVE = frozenset(
    ["html", "htm", "xhtml", "shtml", "svg", "svgz", "js", "mjs", "xml", "xsl", "xslt", "css", "swf", "wasm", "php"]
)  # a browser or server would run what these hold


def extension(site_path: str) -> str:
    name = site_path.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def refused(relative: str, site_path: str, size: int) -> Problem | None:
    """Why the file may not be published, judged by its name and size alone (so it need not be read)."""
    kind = extension(site_path)
    if kind in ACTIVE:
        return error(
            relative,
            None,
            tr("refused: a .{kind} file can run scripts in the reader's browser, so content/ does not publish it", kind=kind),
            tr("for a picture, export it as PNG or JPEG; for a text, write it as a release (.md)"),
        )
    if kind not in PUBLISHED:
        return warning(
            relative,
            None,
            tr("not published: content/ publishes releases (.md), pictures (PNG, JPEG, GIF, WebP, AVIF) and PDF files"),
            tr("save it in one of those kinds, or move it out of content/"),
        )
    if size > MAX_ASSET_BYTES:
        return error(
            relative,
            None,
            tr(
                "the file is {size}, more than the {limit} a picture or document may have",
                size=megabytes(size),
                limit=megabytes(MAX_ASSET_BYTES),
            ),
            tr("make the picture smaller (e.g. 2000 pixels wide) or compress the PDF"),
        )
    return None


def disguised(relative: str, site_path: str, head: bytes) -> Problem | None:
    """An error when the file's first bytes are not those of the kind its name claims."""
    what, looks_right = PUBLISHED[extension(site_path)]
    if looks_right(head):
        return None
    return error(
        relative,
        None,
        tr("the file's content is not {what}, as its name says", what=what),
        tr("export it again in that format, or give it the extension of what it really is"),
    )


def megabytes(size: int) -> Text:
    """`2 MB`, `2.5 MB` (`2,5 MB` in Indonesian); a size just over a whole number of megabytes keeps two decimals
    (`2.00 MB`), so that it never reads the same as the limit it passes."""
    shown = f"{size / (1024 * 1024):.1f}"
    if shown.endswith(".0"):
        shown = shown[:-2] if size % (1024 * 1024) == 0 else f"{size / (1024 * 1024):.2f}"
    whole, _, decimals = shown.partition(".")
    return tr("{whole}.{decimals} MB", whole=whole, decimals=decimals) if decimals else tr("{whole} MB", whole=whole)
