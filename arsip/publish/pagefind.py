"""Pagefind's search index, built in memory.

Input: rendered HTML pages (those marked `data-pagefind-body`) with their URLs and the site's
language. Output: the files of Pagefind's search bundle (`pagefind/…`) as bytes; nothing is written.
Pagefind reads each page with a space put beside the tags of block elements it would otherwise join
to their neighbours' words (`spaced`), and its filter index is put in a fixed order (`pagefind_stable`).

The `pagefind` package's own Python API answers one request per 0.1 s (its reader sleeps between
reads), which makes 10,000 pages take 17 minutes. This client speaks the same documented service
protocol (`pagefind --service`: base64 JSON messages separated by commas) to the same binary, but
streams every request at once from a writer thread while reading the answers as they come.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import queue
import re
import subprocess
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..i18n import Text, tr
from .pagefind_stable import UnstableBundle, stable_bundle


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message (`reason`, a `Text` or Pagefind's own words) says why."""

    @property
    def reason(self) -> Text | str:
        return self.args[0] if self.args and isinstance(self.args[0], Text | str) else str(self)


@dataclass(frozen=True, slots=True)
class IndexedPage:
    url: str
    html: str


def build_index(pages: Iterable[IndexedPage], language: str) -> list[tuple[str, bytes]]:
    """(path inside the bundle, bytes) for every file of the Pagefind bundle."""
    indexer = Indexer(language)
    try:
        for page in pages:
            indexer.add(page)
        return indexer.finish()
    finally:
        indexer.close()


class Indexer:
    """A running Pagefind that indexes pages while the caller goes on (rendering the next ones).

    A writer thread streams each added page to Pagefind; a reader thread takes its acknowledgements,
    so neither pipe fills up; `finish` waits for both and returns the bundle.
    """

    def __init__(self, language: str) -> None:
        from pagefind.service import get_executable  # here, not above: it imports asyncio, which a no-op build never needs

        executable = get_executable()
        if executable is None:
            raise SearchIndexError(tr("the pagefind binary is missing; run `make build` to install it"))
        self.process = subprocess.Popen(
            [str(executable), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        assert self.process.stdin and self.process.stdout
        self.stdin = self.process.stdin
        self.answers = _answers(self.process.stdout)
        _send(self.stdin, 1, {"type": "NewIndex", "config": {"force_language": language}})
        self.index_id = _expect(next(self.answers), 1, "NewIndex")["index_id"]
        self.queue: queue.SimpleQueue[IndexedPage | None] = queue.SimpleQueue()
        self.sent = 0
        self.failure: BaseException | None = None
        self.writer = threading.Thread(target=self._write, daemon=True)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.acknowledged = 0
        self.total: int | None = None
        self.done = threading.Event()
        self.writer.start()
        self.reader.start()

    def add(self, page: IndexedPage) -> None:
        self.queue.put(page)

    def finish(self) -> list[tuple[str, bytes]]:
        self.queue.put(None)
        self.writer.join()
        self.done.wait()
        self.reader.join()
        if self.failure:
            reason = self.failure.reason if isinstance(self.failure, SearchIndexError) else str(self.failure)
            raise SearchIndexError(reason) from self.failure
        last = 2 + self.sent
        _send(self.stdin, last, {"type": "GetFiles", "index_id": self.index_id})
        files = _expect(next(self.answers), last, "GetFiles")["files"]
        self.stdin.close()
        self.process.wait()
        try:
            return stable_bundle(sorted((file["path"], base64.b64decode(file["content"])) for file in files))
        except UnstableBundle as exc:
            raise SearchIndexError(exc.args[0]) from exc

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def _write(self) -> None:
        try:
            while (page := self.queue.get()) is not None:
                payload = {"type": "AddFile", "index_id": self.index_id, "url": page.url, "file_contents": spaced(page.html)}
                _send(self.stdin, 2 + self.sent, payload, flush=False)
                self.sent += 1
            self.stdin.flush()
        except BaseException as failure:  # reported by finish()
            self.failure = failure
        finally:
            self.total = self.sent

    def _read(self) -> None:
        try:
            while self.total is None or self.acknowledged < self.total:
                if self.total is None and self.acknowledged >= self.sent:
                    # Nothing in flight: wait a moment for the writer instead of blocking on the pipe.
                    self.done.wait(0.005)
                    continue
                _expect(next(self.answers), 2 + self.acknowledged, "IndexedFile")
                self.acknowledged += 1
        except BaseException as failure:
            self.failure = failure
        finally:
            self.done.set()


# Block elements Pagefind does not end with a space (it does so for h1-h6, p, td, div, ul, li, article,
# section and br): without one, "<dt>Zona</dt><dd>Hijau</dd>" would be indexed as the word "ZonaHijau".
_BLOCK_TAG = re.compile(
    r"<(/?)(?:address|aside|blockquote|caption|dd|details|dl|dt|fieldset|figcaption|figure|header|hr|legend|main|ol|pre"
    r"|summary|table|tbody|tfoot|th|thead|tr)\b[^>]*>",
    re.IGNORECASE,
)


def spaced(html: str) -> str:
    """The page as Pagefind should read it: a space before each opening and after each closing block tag
    (outside the elements, so what an element holds, a captured filter or meta value, is unchanged)."""
    return _BLOCK_TAG.sub(lambda tag: tag.group(0) + " " if tag.group(1) else " " + tag.group(0), html)


def _send(stream: Any, message_id: int, payload: dict[str, Any], *, flush: bool = True) -> None:
    stream.write(base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode("utf-8")) + b",")
    if flush:
        stream.flush()


def _answers(stream: Any) -> Iterator[dict[str, Any]]:
    """Decoded messages as they arrive; the last one (all index files) can be hundreds of megabytes."""
    pending = bytearray()
    while True:
        chunk = stream.read1(1 << 22)
        if not chunk:
            raise SearchIndexError(tr("pagefind stopped unexpectedly"))
        start = len(pending)
        pending += chunk
        end = pending.find(b",", start)
        while end != -1:
            message = bytes(pending[:end])
            del pending[: end + 1]
            decoded = json.loads(base64.b64decode(message))
            if decoded is not None:
                yield decoded
            end = pending.find(b",")


def _expect(answer: dict[str, Any], message_id: int, kind: str) -> dict[str, Any]:
    payload = answer.get("payload", {})
    if payload.get("type") == "Error" or answer.get("message_id") != message_id or payload.get("type") != kind:
        raise SearchIndexError(
            tr("pagefind answered {kind}: {message}", kind=str(payload.get("type")), message=str(payload.get("message", payload)))
        )
    return payload


_PAGEFIND_TAG = re.compile(rb"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*\bdata-pagefind-[^>]*>")
_SEEN_BY_DEFAULT = (  # what Pagefind reads of any page: its language, the first heading (title) and image
    re.compile(rb"<(html)\b[^>]*>"),
    re.compile(rb"<(title)\b[^>]*>"),
    re.compile(rb"<(h1)\b[^>]*>"),
    re.compile(rb"<(img)\b[^>]*>"),
)
_VOID = frozenset({b"img", b"meta", b"link", b"br", b"hr", b"input", b"source", b"wbr", b"area", b"col", b"embed", b"html"})


def indexed_part(html: bytes) -> bytes:
    """What Pagefind reads of a page: every element marked `data-pagefind-…` (the body, filters, metadata), whole,
    and what it reads of any page (the language, the title, the first heading and image).

    A template edit outside them (a footer, a comment) leaves the search index as it was, so the
    index is not built again for it.
    """
    parts, inside_until = [], 0
    for tag in _pagefind_tags(html):
        if tag.start() >= inside_until:  # a marked element inside one already taken is taken with it
            parts.append(_element(html, tag))
            inside_until = tag.start() + len(parts[-1])
    for pattern in _SEEN_BY_DEFAULT:
        first = pattern.search(html)
        if first is not None:
            parts.append(_element(html, first))
    return b"\n".join(parts)


def _pagefind_tags(html: bytes) -> Iterator[re.Match[bytes]]:
    """The matches of `_PAGEFIND_TAG`, found from each `data-pagefind-` instead of trying the pattern at every tag."""
    end = 0
    at = html.find(b"data-pagefind-")
    while at != -1:
        opening = html.rfind(b"<", end, at)
        if opening != -1 and html.find(b">", opening, at) == -1:
            tag = _PAGEFIND_TAG.match(html, opening)
            if tag is not None:
                yield tag
                end = tag.end()
        at = html.find(b"data-pagefind-", max(at + 1, end))


def _element(html: bytes, start: re.Match[bytes]) -> bytes:
    """The element opened by the tag `start` matched, up to its closing tag (a void element is its tag)."""
    name = start.group(1).lower()
    if name in _VOID:
        return start.group(0)
    depth = 1
    for tag in _same_tags(start.group(1)).finditer(html, start.end()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return html[start.start() : tag.end()]
    return html[start.start() :]


@functools.lru_cache(maxsize=16)
def _same_tags(name: bytes) -> re.Pattern[bytes]:
    """Opening and closing tags of one element name."""
    return re.compile(rb"<(/?)" + re.escape(name) + rb"\b[^>]*>")


def indexed_digest(html: bytes) -> bytes | None:
    """A digest of what Pagefind reads of the page, or None when the page is not indexed (no `data-pagefind-body`)."""
    if b"data-pagefind-body" not in html:
        return None
    return hashlib.blake2b(indexed_part(html), digest_size=16).digest()
