"""Compiled templates kept in memory, so that a template is compiled once however many environments load it.

Input: what Jinja hands its bytecode cache: a bucket named after the template's name and file, with the
checksum of its source and the environment that loads it. Output: the code object compiled earlier from
that very source, under the same compile settings, or nothing (Jinja then compiles and hands the code
back). A build's environments (one per language) share one `CompiledTemplates`; the preview keeps it from
one build to the next, so a template edit compiles that one file again. Nothing is written to disk: code
read back from a file would run whatever had been planted there.
"""

from __future__ import annotations

from types import CodeType
from typing import Any

import jinja2
from jinja2.bccache import Bucket


class CompiledTemplates(jinja2.BytecodeCache):
    """The code of each template by its name and file and the compile settings of the environment; the source's
    checksum decides whether the code kept is the code of the text loaded now."""

    def __init__(self) -> None:
        self.codes: dict[str, tuple[str, CodeType]] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        kept = self.codes.get(_key(bucket))
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            self.codes[_key(bucket)] = (bucket.checksum, bucket.code)

    def clear(self) -> None:
        self.codes.clear()


def _key(bucket: Bucket) -> str:
    return bucket.key + "\0" + compile_settings(bucket.environment)


def compile_settings(env: jinja2.Environment) -> str:
    """Everything of an environment that Jinja's compiler reads: two environments with the same settings compile a
    source to the same code (filters and tests are looked up when a page renders, but their names are checked when
    a template compiles)."""
    autoescape: Any = env.autoescape
    settings = (
        type(env).__qualname__,
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
        env.optimized, env.is_async, env.finalize is not None,
        autoescape.__qualname__ if callable(autoescape) else autoescape,
        sorted(env.extensions), sorted(env.filters), sorted(env.tests),
    )  # fmt: skip
    return repr(settings)
