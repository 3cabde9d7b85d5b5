"""Pagefind's search index, built in memory.

Input: rendered HTML pages (those marked `data-pagefind-body`) with their URLs and the site's
language. Output: the files of Pagefind's search bundle (`pagefind/…`) as bytes; nothing is written.

The `pagefind` package's own Python API answers one request per 0.1 s (its reader sleeps between
reads), which makes 10,000 pages take 17 minutes. This client speaks the same documented service
protocol (`pagefind --service`: base64 JSON messages separated by commas) to the same binary, but
streams every request at once from a writer thread while reading the answers as they come.
"""

from __future__ import annotations

import base64
import json
import subprocess
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pagefind.service import get_executable


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message says why."""


@dataclass(frozen=True, slots=True)
class IndexedPage:
    url: str
    html: str


def build_index(pages: Iterable[IndexedPage], language: str) -> list[tuple[str, bytes]]:
    """(path inside the bundle, bytes) for every file of the Pagefind bundle."""
    executable = get_executable()
    if executable is None:
        raise SearchIndexError("the pagefind binary is missing; run `make build` to install it")
    with subprocess.Popen(
        [str(executable), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    ) as process:
        assert process.stdin and process.stdout
        answers = _answers(process.stdout)
        _send(process.stdin, 1, {"type": "NewIndex", "config": {"force_language": language}})
        index_id = _expect(next(answers), 1, "NewIndex")["index_id"]
        pages = list(pages)
        writer = threading.Thread(target=_send_pages, args=(process.stdin, index_id, pages), daemon=True)
        writer.start()
        for number in range(len(pages)):
            _expect(next(answers), 2 + number, "IndexedFile")
        writer.join()
        last = 2 + len(pages)
        _send(process.stdin, last, {"type": "GetFiles", "index_id": index_id})
        files = _expect(next(answers), last, "GetFiles")["files"]
        process.stdin.close()
    return sorted((file["path"], base64.b64decode(file["content"])) for file in files)


def _send_pages(stream: Any, index_id: int, pages: list[IndexedPage]) -> None:
    for number, page in enumerate(pages):
        _send(stream, 2 + number, {"type": "AddFile", "index_id": index_id, "url": page.url, "file_contents": page.html}, flush=False)
    stream.flush()


def _send(stream: Any, message_id: int, payload: dict[str, Any], *, flush: bool = True) -> None:
    stream.write(base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode("utf-8")) + b",")
    if flush:
        stream.flush()


def _answers(stream: Any) -> Iterator[dict[str, Any]]:
    buffer = b""
    while True:
        chunk = stream.read1(1 << 20)
        if not chunk:
            raise SearchIndexError("pagefind stopped unexpectedly")
        buffer += chunk
        *messages, buffer = buffer.split(b",")
        for message in messages:
            decoded = json.loads(base64.b64decode(message))
            if decoded is not None:
                yield decoded


def _expect(answer: dict[str, Any], message_id: int, kind: str) -> dict[str, Any]:
    payload = answer.get("payload", {})
    if payload.get("type") == "Error" or answer.get("message_id") != message_id or payload.get("type") != kind:
        raise SearchIndexError(f"pagefind answered {payload.get('type')}: {payload.get('message', payload)}")
    return payload
