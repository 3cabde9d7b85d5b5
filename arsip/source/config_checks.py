"""Checking and wording the values of the project's TOML files.

Input: a value read from `site_config.toml` or `content/institutions.toml` (or the `TOMLDecodeError`
tomllib raised for the file's text). Output: a judgement or the editor's words for it: a TOML
syntax error as a `Problem` at its line (`toml_problem`), whether a value has the type a key
expects and what it is instead (`_has_type`, `_value_kind`, `_type_name`), whether a base_url is
an http(s) URL, and a TOML number as a `Decimal`. `config` uses them to check the configuration;
nothing here knows its keys.
"""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from ..problems import Problem, error


def toml_problem(exc: tomllib.TOMLDecodeError, path: str, text: str) -> Problem:
    """A TOML syntax error at its line (tomllib's `(at line 3, column 9)` moved into the location)."""
    message = str(exc)
    line = None
    match = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if match:
        line = int(match.group(1))
        message = f"{message[: match.start()]} at column {match.group(2)}"
    elif message.endswith("(at end of document)"):
        line = max(1, len(text.splitlines()))
        message = message.removesuffix(" (at end of document)") + " at the end of the file"
    return error(
        path, line, f"invalid TOML: {message}", "check the quotes, brackets and '=' on this line; text is written in \"double quotes\""
    )


def _has_type(value: Any, expected: Any) -> bool:
    if isinstance(value, bool) and expected is not bool:
        return False
    return isinstance(value, expected)


def _value_kind(value: Any) -> str:
    """What a TOML value is, in an editor's words."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "text"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return "a date or time"


def _type_name(expected: Any) -> str:
    names = {str: "text", int: "a whole number", bool: "true or false", dict: "a table", list: "a list"}
    if isinstance(expected, tuple):
        return "a number"
    return names.get(expected, expected.__name__)


def _valid_base_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _decimal(value: float) -> Decimal:
    return Decimal(str(value))
