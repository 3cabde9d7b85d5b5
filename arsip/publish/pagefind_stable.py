"""Pagefind's bundle made byte-identical for the same pages: its filter index put in a fixed order.

Input: the files of one bundle as Pagefind made them ((path, bytes) pairs). Output: the same files,
where the filter index files (`filter/*.pf_filter`), the index's metadata (`pagefind.*.pf_meta`) that
names them and `pagefind-entry.json` that names the metadata are rewritten so that their bytes and
names depend only on the pages: Pagefind keeps filter values in a hash map seeded at random, so the
order of the values in a filter file (and with it the file's hash, the metadata's and the entry's)
changes from one run to the next. Every other file is passed on untouched.

The files are gzip-compressed CBOR behind Pagefind's `pagefind_dcd` signature. The small CBOR codec
here reads only what Pagefind writes (integers, strings, arrays, maps) and checks that it writes back
exactly the bytes it read before changing anything, so a format it does not know stops the build
instead of breaking search.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from typing import Any

from ..i18n import Text, tr

SIGNATURE = b"pagefind_dcd"
_FILTER = re.compile(r"filter/(?P<name>[^/]+)\.pf_filter$")
_META = re.compile(r"pagefind\.(?P<name>[^/]+)\.pf_meta$")
_ENTRY = "pagefind-entry.json"


class UnstableBundle(RuntimeError):
    """The bundle is not in the form this module knows; `args[0]` (a `Text`) says which file."""


def _unknown(what: str) -> Text:
    if what == "filter":
        return tr("pagefind's filter index has a form Arsip does not know (another Pagefind version?)")
    if what == "metadata":
        return tr("pagefind's index metadata has a form Arsip does not know (another Pagefind version?)")
    return tr("pagefind's entry file has a form Arsip does not know (another Pagefind version?)")


def stable_bundle(files: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The bundle's files with the filter index, the metadata and the entry in a fixed order and named after it."""
    filters = {match["name"]: data for path, data in files if (match := _FILTER.match(path))}
    if not filters:
        return files  # without filters Pagefind's output is already the same every time
    metas = [(match["name"], data) for path, data in files if (match := _META.match(path))]
    if len(metas) != 1:
        raise UnstableBundle(_unknown("metadata"))
    old_meta, meta_data = metas[0]
    renamed: dict[str, str] = {}
    rewritten: dict[str, bytes] = {}
    for old, data in sorted(filters.items()):
        name, values = _read(data, "filter")
        if not (isinstance(name, str) and isinstance(values, list) and all(_is_value(item) for item in values)):
            raise UnstableBundle(_unknown("filter"))
        body = encode([name, sorted(values, key=lambda item: item[0])])
        new = _name(old, body, 7, renamed.values())
        renamed[old] = new
        rewritten[f"filter/{new}.pf_filter"] = _pack(body)
    meta = _read(meta_data, "metadata")
    listing = meta[3] if isinstance(meta, list) and len(meta) > 3 else None
    if not (isinstance(listing, list) and all(isinstance(item, list) and len(item) == 2 and item[1] in renamed for item in listing)):
        raise UnstableBundle(_unknown("metadata"))
    meta[3] = sorted(([filter_name, renamed[old]] for filter_name, old in listing), key=lambda item: item[0])
    meta_body = encode(meta)
    new_meta = _name(old_meta, meta_body, 10, ())
    rewritten[f"pagefind.{new_meta}.pf_meta"] = _pack(meta_body)
    stale = {f"filter/{old}.pf_filter" for old in filters} | {f"pagefind.{old_meta}.pf_meta"}
    result = [(path, data) for path, data in files if path not in stale and path != _ENTRY]
    entry = next((data for path, data in files if path == _ENTRY), None)
    quoted = f'"{old_meta}"'.encode()
    if entry is None or entry.count(quoted) != 1:
        raise UnstableBundle(_unknown("entry"))
    result.append((_ENTRY, entry.replace(quoted, f'"{new_meta}"'.encode())))
    return sorted(result + list(rewritten.items()))


def _is_value(item: Any) -> bool:
    return isinstance(item, list) and len(item) == 2 and isinstance(item[0], str) and isinstance(item[1], list)


def _name(old: str, body: bytes, length: int, taken: Any) -> str:
    """The file's name: Pagefind's language prefix and a hash of its content (longer if two would share one)."""
    prefix = old.rsplit("_", 1)[0] if "_" in old else old
    digest = hashlib.sha256(body).hexdigest()
    while f"{prefix}_{digest[:length]}" in taken:
        length += 1
    return f"{prefix}_{digest[:length]}"


def _read(data: bytes, what: str) -> Any:
    """Decoded CBOR of a Pagefind file, checked to encode back to the very same bytes."""
    try:
        raw = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
        if not raw.startswith(SIGNATURE):
            raise ValueError("no signature")
        body = raw[len(SIGNATURE) :]
        value, end = decode(body, 0)
        if end != len(body) or encode(value) != body:
            raise ValueError("does not encode back to the same bytes")
    except (OSError, EOFError, IndexError, ValueError, UnicodeDecodeError) as exc:
        raise UnstableBundle(_unknown(what)) from exc
    return value


def _pack(body: bytes) -> bytes:
    return gzip.compress(SIGNATURE + body, compresslevel=9, mtime=0)


def decode(data: bytes, at: int) -> tuple[Any, int]:
    """One CBOR item from `at`: unsigned and negative integers, byte and text strings, arrays, maps; and where it ends."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        argument = info
    elif info <= 27:
        size = 1 << (info - 24)
        argument, at = int.from_bytes(data[at : at + size], "big"), at + size
    else:
        raise ValueError(f"CBOR item {data[at - 1]:#x} is not one Pagefind writes")
    if major == 0:
        return argument, at
    if major == 1:
        return -1 - argument, at
    if major in (2, 3):
        chunk = data[at : at + argument]
        if len(chunk) != argument:
            raise ValueError("CBOR string runs past the end")
        return (chunk if major == 2 else chunk.decode("utf-8")), at + argument
    if major == 4:
        items = []
        for _ in range(argument):
            item, at = decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = []
        for _ in range(argument):
            key, at = decode(data, at)
            value, at = decode(data, at)
            pairs.append((key, value))
        return _Map(pairs), at
    raise ValueError(f"CBOR major type {major} is not one Pagefind writes")


class _Map(list):  # type: ignore[type-arg]
    """A CBOR map kept as its (key, value) pairs in their order, so it encodes back as it was."""


def encode(value: Any) -> bytes:
    """The CBOR bytes of a value `decode` returns, in the shortest form (as Pagefind's encoder writes them)."""
    if isinstance(value, bool) or value is None:
        raise ValueError("CBOR simple values are not written here")
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(value, _Map):
        return _head(5, len(value)) + b"".join(encode(key) + encode(item) for key, item in value)
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(item) for item in value)
    raise ValueError(f"{type(value).__name__} is not written here")


def _head(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if argument < 1 << (8 * size):
            return bytes([major << 5 | info]) + argument.to_bytes(size, "big")
    raise ValueError("CBOR integer too large")
