"""The preview's writer: only the files that changed are replaced, each atomically, in place.

Input: every file of the preview's site and the digest of each file the session wrote last. Output:
the preview's folder holding exactly those files, and a `WriteReport`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..problems import BuildFailed
from .files import File, OnDisk, content_digest
from .safety import WriteReport, as_bytes, checked, disk_problem, existing_folder, project_lock, replace, safe_target, same, stale


def sync_in_place(outputs: Iterable[File], output_dir: Path, on_disk: dict[str, bytes]) -> WriteReport:
    """For the dev server's preview: replace only the files that changed, each atomically, in place.

    `on_disk` is the digest of each file the previous call left (empty at first, when every file is
    compared with the disk); it is updated to `outputs`. A file on disk that is already in its place
    (kept from the last build) is left alone. No whole-site swap: a preview needs every file to be
    whole, not every file to change at once, and this keeps a one-page edit a one-file write.
    """
    files = list(outputs)
    given = {file.path: file.digest for file in files if file.digest is not None}  # digests taken where the bytes were made
    wanted = checked(files, known=on_disk)
    digests: dict[str, bytes] = {}
    folder = os.fspath(output_dir)
    with project_lock(output_dir.parent):
        try:
            if not on_disk:
                existing_folder(output_dir)
                output_dir.mkdir(parents=True, exist_ok=True)
                removed = stale(output_dir, wanted)
            else:
                removed = tuple(sorted(relative for relative in on_disk if relative not in wanted))
            written = []
            made = [item for item in wanted.items() if not isinstance(item[1], OnDisk)]  # on disk soonest: the page just edited
            for relative, data in made + [item for item in wanted.items() if isinstance(item[1], OnDisk)]:
                if isinstance(data, OnDisk) and data.file == f"{folder}/{relative}" and (relative in on_disk or data.untouched()):
                    digests[relative] = on_disk.get(relative) or given.get(relative) or content_digest(data.data)
                    continue
                content = as_bytes(data)
                digests[relative] = given.get(relative) or content_digest(content)
                if on_disk.get(relative) == digests[relative] or (not on_disk and same(output_dir / relative, content)):
                    continue
                target = safe_target(output_dir, relative)
                target.parent.mkdir(parents=True, exist_ok=True)
                replace(target, content)
                written.append(relative)
            for relative in removed:
                safe_target(output_dir, relative).unlink(missing_ok=True)
        except OSError as exc:
            on_disk.clear()  # the next build compares with the disk again
            raise BuildFailed([disk_problem(exc, output_dir)]) from exc
    on_disk.clear()
    on_disk.update(digests)
    return WriteReport(tuple(sorted(written)), len(wanted) - len(written), removed)
