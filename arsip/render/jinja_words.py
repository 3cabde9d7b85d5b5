"""Jinja's own error texts in the editor's language.

Input: the message of a `TemplateSyntaxError` or `UndefinedError`, which Jinja writes in English.
Output: the same message as a `Text` when it is one of the usual ones (a name that is undefined, an
expression missing, an unexpected token), so that an Indonesian editor reads it in Indonesian; any
other message as Jinja wrote it. In English the text is exactly Jinja's.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..i18n import Text, tr

# What Jinja calls the parts of a template (`jinja2.lexer._describe_token_type`).
TOKENS: dict[str, Text] = {
    "begin of comment": tr("begin of comment"),
    "end of comment": tr("end of comment"),
    "comment": tr("comment"),
    "begin of statement block": tr("begin of statement block"),
    "end of statement block": tr("end of statement block"),
    "begin of print statement": tr("begin of print statement"),
    "end of print statement": tr("end of print statement"),
    "begin of line statement": tr("begin of line statement"),
    "end of line statement": tr("end of line statement"),
    "template data / text": tr("template data / text"),
    "end of template": tr("end of template"),
}


def _token(name: str) -> Text | str:
    return TOKENS.get(name, name)


_QUOTED = r"'(?P<{}>[^']*)'"
MESSAGES: tuple[tuple[re.Pattern[str], Callable[[dict[str, str]], Text]], ...] = (
    (re.compile(_QUOTED.format("name") + " is undefined"), lambda m: tr("'{name}' is undefined", name=m["name"])),
    (
        re.compile("(?P<object>.+) has no attribute " + _QUOTED.format("name")),
        lambda m: tr("{object} has no attribute '{name}'", object=m["object"], name=m["name"]),
    ),
    (
        re.compile("Expected an expression, got " + _QUOTED.format("token")),
        lambda m: tr("Expected an expression, got '{token}'", token=_token(m["token"])),
    ),
    (
        re.compile("expected token " + _QUOTED.format("expected") + ", got " + _QUOTED.format("token")),
        lambda m: tr("expected token '{expected}', got '{token}'", expected=_token(m["expected"]), token=_token(m["token"])),
    ),
    (
        re.compile("unexpected end of template, expected " + _QUOTED.format("expected") + r"\."),
        lambda m: tr("unexpected end of template, expected '{expected}'.", expected=_token(m["expected"])),
    ),
    (re.compile("unexpected " + _QUOTED.format("token")), lambda m: tr("unexpected '{token}'", token=_token(m["token"]))),
)


def jinja_text(message: str) -> Text | str:
    """Jinja's `message`, translatable when it is one of the usual ones; else as Jinja wrote it."""
    for pattern, text in MESSAGES:
        if match := pattern.fullmatch(message):
            return text(match.groupdict())
    return message


def repr_error(exc: Exception) -> str:
    """Any other failure of a template, as Python names it (`TypeError: ...`)."""
    return f"{type(exc).__name__}: {exc}"
