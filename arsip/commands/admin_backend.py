"""Decap CMS's local backend, in Python, writing only under content/.

Input: one action of Decap's proxy backend as JSON (`{"action": ..., "params": {...}}`, posted to
`/api/v1` by the page at `/admin/`) and the project folder. Output: the JSON answer and its HTTP
status, and the files written or removed under `content/`.

This follows decap-server's file-system mode (`packages/decap-server/src/middlewares/localFs/index.ts`,
`utils/entries.ts`, `utils/fs.ts` and the Joi schema in `middlewares/joi/index.ts`, decap-server
3.9, read at decaporg/decap-cms 2f5c54d): the same actions (`info`, `entriesByFolder`,
`entriesByFiles`, `getEntry`, `persistEntry`, `getMedia`, `getMediaFile`, `persistMedia`,
`deleteFile`, `deleteFiles`, `getDeployPreview`), the same answers (an entry is
`{"data": text, "file": {"path", "label", "id": sha256 of the bytes}}`, a media file
`{"id", "content": base64, "encoding": "base64", "path", "name"}`), 422 `{"error": ...}` for a
request its schema refuses or an action it does not know (the editorial-workflow actions belong to
its Git mode, which this is not: `info` says `publish_modes: ["simple"]`), 500
`{"error": "Unknown error"}` for a failure.

Where it is stricter than decap-server, on purpose:

- every path is relative, POSIX, under `content/`, with no empty, `.` or `..` part, no hidden part
  (`.git`), no backslash or control character, and no link leading out of `content/`;
- an entry is a `.md` file, a media file one of the kinds `content/` publishes
  (`source.assets.PUBLISHED`: pictures and PDF, at most 25 MB, beginning with the bytes of its kind);
  nothing else is read, written or removed (not `institutions.toml`, not a script);
- a file is written whole or not at all (a hidden temporary file beside it, then renamed), so the
  preview's watcher never builds half a release;
- a moved entry (`newPath`) moves that one file: decap-server's default moves every file of the
  folder along with it, which in `content/YYYY/` would carry a whole year of releases.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import tempfile
from pathlib import Path, PurePosixPath
from typing import Any

from ..i18n import Language, Text, tr
from ..source.assets import MAX_ASSET_BYTES, PUBLISHED

CONTENT = "content"
MAX_ENTRY_BYTES = 5 * 1024 * 1024  # a release's text; the build refuses far less in a paragraph anyway
LISTING_DEPTH = 4  # folders below content/ an `entriesByFolder` may look into

Answer = tuple[int, Any]


class Refused(Exception):
    """A request the backend will not carry out: 422 and the message (in the editor's language)."""

    def __init__(self, text: Text) -> None:
        super().__init__(str(text))
        self.text = text


class LocalBackend:
    """The actions of decap-server's file-system mode, confined to `root/content`."""

    def __init__(self, root: Path, language: Language) -> None:
        self.root = root.resolve()
        self.content = self.root / CONTENT
        self.language = language

    def handle(self, body: Any) -> Answer:
        """One request's answer: (status, JSON value)."""
        if not isinstance(body, dict) or not isinstance(body.get("action"), str):
            return 422, {"error": '"action" is required'}
        action, params = body["action"], body.get("params")
        method = getattr(self, "_" + action, None) if action in ACTIONS else None
        if method is None:
            return 422, {"error": f"Unknown action {action}"}
        if action != "info" and not isinstance(params, dict):
            return 422, {"error": '"params" is required'}
        try:
            return 200, method(params or {})
        except Refused as refused:
            return 422, {"error": self.language(refused.text)}
        except (OSError, ValueError, TypeError, KeyError):
            return 500, {"error": "Unknown error"}

    # -- decap-server's actions, in its order

    def _info(self, params: dict[str, Any]) -> Any:
        return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}

    def _entriesByFolder(self, params: dict[str, Any]) -> Any:
        folder = self._folder(params.get("folder"))
        extension = _string(params, "extension")
        if extension.lstrip(".") != "md":
            raise Refused(tr("only Markdown files (.md) are entries"))
        depth = params.get("depth")
        if not isinstance(depth, int | float) or isinstance(depth, bool):
            raise Refused(tr("'depth' must be a number"))
        files = _list_files(folder, "." + extension.lstrip("."), min(int(depth), LISTING_DEPTH))
        return [self._entry(self._relative(file)) for file in files]

    def _entriesByFiles(self, params: dict[str, Any]) -> Any:
        files = params.get("files")
        if not isinstance(files, list):
            raise Refused(tr("'files' must be a list"))
        found = []
        for file in files:
            if not isinstance(file, dict):
                raise Refused(tr("'files' must be a list"))
            self._entry_path(file.get("path"))
            found.append(self._entry(file["path"], file.get("label")))
        return found

    def _getEntry(self, params: dict[str, Any]) -> Any:
        self._entry_path(params.get("path"))
        return self._entry(params["path"])

    def _persistEntry(self, params: dict[str, Any]) -> Any:
        entry, data_files, assets = params.get("entry"), params.get("dataFiles"), params.get("assets")
        if (entry is None) == (data_files is None):
            raise Refused(tr("give either 'entry' or 'dataFiles'"))
        files = [entry] if data_files is None else data_files
        if not isinstance(files, list) or not all(isinstance(file, dict) for file in files) or not isinstance(assets, list):
            raise Refused(tr("'dataFiles' and 'assets' must be lists"))
        writes: list[tuple[Path, bytes]] = []
        for file in files:
            raw = file.get("raw")
            if not isinstance(raw, str):
                raise Refused(tr("'raw' must be text"))
            data = raw.encode("utf-8")
            if len(data) > MAX_ENTRY_BYTES:
                raise Refused(tr("a release may hold at most 5 MB of text"))
            writes.append((self._entry_path(file.get("path")), data))
        moves = [(self._entry_path(file.get("path")), self._entry_path(file["newPath"])) for file in files if file.get("newPath")]
        writes.extend(self._asset(asset) for asset in assets)
        for target, data in writes:  # every path was checked before anything is written
            _write_whole(target, data)
        if moves and len(moves) == len(files):
            for source, target in moves:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, target)
        return {"message": "entry persisted"}

    def _getMedia(self, params: dict[str, Any]) -> Any:
        folder = self._folder(params.get("mediaFolder"))
        files = [file for file in _list_files(folder, "", 1) if _media_kind(file.name)]
        return [self._media(self._relative(file)) for file in files]

    def _getMediaFile(self, params: dict[str, Any]) -> Any:
        self._media_path(params.get("path"))
        return self._media(params["path"])

    def _persistMedia(self, params: dict[str, Any]) -> Any:
        target, data = self._asset(params.get("asset"))
        _write_whole(target, data)
        return self._media(self._relative(target))

    def _deleteFile(self, params: dict[str, Any]) -> Any:
        path = params.get("path")
        self._delete([path])
        return {"message": f"deleted file {path}"}

    def _deleteFiles(self, params: dict[str, Any]) -> Any:
        paths = params.get("paths")
        if not isinstance(paths, list) or not paths:
            raise Refused(tr("'paths' must be a list of at least one path"))
        self._delete(paths)
        return {"message": f"deleted files {', '.join(str(path) for path in paths)}"}

    def _getDeployPreview(self, params: dict[str, Any]) -> Any:
        return None

    # -- what the actions share

    def _entry(self, path: str, label: Any = None) -> dict[str, Any]:
        """decap-server's `entriesFromFiles` for one file: its text and digest, or nulls when it cannot be read."""
        shown: dict[str, Any] = {"path": path}
        if isinstance(label, str):
            shown["label"] = label
        try:
            data = (self.root / path).read_bytes()
        except OSError:
            return {"data": None, "file": {**shown, "id": None}}
        return {"data": data.decode("utf-8", errors="replace"), "file": {**shown, "id": hashlib.sha256(data).hexdigest()}}

    def _media(self, path: str) -> dict[str, Any]:
        data = (self.root / path).read_bytes()
        return {
            "id": hashlib.sha256(data).hexdigest(),
            "content": base64.b64encode(data).decode("ascii"),
            "encoding": "base64",
            "path": path,
            "name": PurePosixPath(path).name,
        }

    def _asset(self, asset: Any) -> tuple[Path, bytes]:
        if not isinstance(asset, dict) or asset.get("encoding") != "base64" or not isinstance(asset.get("content"), str):
            raise Refused(tr("a media file is sent as base64 content"))
        target = self._media_path(asset.get("path"))
        if len(asset["content"]) > MAX_ASSET_BYTES * 4 // 3 + 4:
            raise Refused(tr("a media file may be at most 25 MB"))
        try:
            data = base64.b64decode(asset["content"], validate=True)
        except (binascii.Error, ValueError):
            raise Refused(tr("a media file is sent as base64 content")) from None
        kind = _media_kind(target.name)
        if kind is None or not kind[1](data[:16]):
            raise Refused(tr("'{path}' does not hold what its name says", path=asset["path"]))
        return target, data

    def _delete(self, paths: list[Any]) -> None:
        targets = [self._entry_path(path) if str(path).endswith(".md") else self._media_path(path) for path in paths]
        for target in targets:
            target.unlink(missing_ok=True)  # decap-server ignores a file already gone

    def _entry_path(self, path: Any) -> Path:
        target = self._inside(path)
        if target.suffix != ".md":
            raise Refused(tr("'{path}' is not a Markdown file (.md)", path=str(path)))
        return target

    def _media_path(self, path: Any) -> Path:
        target = self._inside(path)
        if _media_kind(target.name) is None:
            raise Refused(tr("'{path}' is not a picture or PDF that content/ publishes", path=str(path)))
        return target

    def _folder(self, path: Any) -> Path:
        return self._inside(path, folder=True)

    def _inside(self, path: Any, *, folder: bool = False) -> Path:
        """`path` as a file (or folder) under content/, or Refused."""
        if not isinstance(path, str):
            raise Refused(tr("a path must be text"))
        parts = path.split("/")
        bad = (
            not parts
            or parts[0] != CONTENT
            or (len(parts) == 1 and not folder)
            or any(part in ("", ".", "..") or part.startswith(".") for part in parts[1:])
            or any(char == "\\" or ord(char) < 32 or ord(char) == 127 for char in path)
        )
        if bad:
            raise Refused(tr("'{path}' is not a path under content/", path=path))
        target = self.root.joinpath(*parts)
        if not target.resolve().is_relative_to(self.content.resolve()):  # a link out of content/
            raise Refused(tr("'{path}' is not a path under content/", path=path))
        return target

    def _relative(self, file: Path) -> str:
        return file.relative_to(self.root).as_posix()


ACTIONS = frozenset(
    {
        "info",
        "entriesByFolder",
        "entriesByFiles",
        "getEntry",
        "persistEntry",
        "getMedia",
        "getMediaFile",
        "persistMedia",
        "deleteFile",
        "deleteFiles",
        "getDeployPreview",
    }
)


def _string(params: dict[str, Any], key: str) -> str:
    value = params.get(key)
    if not isinstance(value, str):
        raise Refused(tr("'{key}' must be text", key=key))
    return value


def _media_kind(name: str) -> Any:
    return PUBLISHED.get(name.rpartition(".")[2].lower()) if "." in name else None


def _list_files(folder: Path, extension: str, depth: int) -> list[Path]:
    """decap-server's `listFiles`: files ending in `extension`, `depth` levels down; hidden files and
    links to folders left out (the build reads neither)."""
    if depth <= 0:
        return []
    try:
        children = sorted(folder.iterdir())
    except OSError:
        return []
    found: list[Path] = []
    for child in children:
        if child.name.startswith("."):
            continue
        if child.is_dir() and not child.is_symlink():
            found.extend(_list_files(child, extension, depth - 1))
        elif child.is_file() and child.name.endswith(extension):
            found.append(child)
    return found


def _write_whole(target: Path, data: bytes) -> None:
    """Write `data` to `target` in one step: a hidden temporary file in the same folder, then renamed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, target.stat().st_mode & 0o777 if target.exists() else 0o644)  # mkstemp's is 0600
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
