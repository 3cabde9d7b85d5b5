"""Worker processes for the stages that keep a core busy (parsing releases, converting Markdown, rendering).

Input: an optional function each worker runs first, with its arguments. Output: a `ProcessPoolExecutor`
of forked processes, one per core. Forked, the workers inherit what the build holds (planned pages,
converted Markdown) instead of receiving it; each ends with the build that started it, even one killed
outright, instead of lingering on a pipe nobody reads (and holding the project lock the next build waits for).
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from contextlib import suppress
from typing import Any

_PR_SET_PDEATHSIG = 1


def cores() -> int:
    return os.cpu_count() or 1


def forked_pool(initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()) -> ProcessPoolExecutor:
    """A process per core; each runs `initializer(*initargs)` once before its first task."""
    context = multiprocessing.get_context("fork")
    return ProcessPoolExecutor(max_workers=cores(), mp_context=context, initializer=_start, initargs=(os.getpid(), initializer, initargs))


def _start(parent: int, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    if sys.platform == "linux":
        with suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the build died before the line above
        os._exit(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches every process: the build stops its workers itself
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # and ends them with SIGTERM, which ends a worker at once, quietly
    gc.freeze()  # what the worker inherited is never collected here: collections would touch (and copy) every page of it
    gc.enable()  # the CLI turns the cycle collector off in the main process; a worker makes its own garbage
    if initializer is not None:
        initializer(*initargs)
