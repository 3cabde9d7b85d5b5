"""The command line's parser in the editor's language: help, usage and argparse's own errors.

Input: the arguments as typed and the `Language` they decide (`given`: `--lang` and `--root` are read
before any parser exists, because the parser's words depend on them). Output: an `ArgumentParser` whose
"usage:", group titles, `-h/--help` line and error messages ("the following arguments are required: …",
"invalid choice: …") are in that language.

argparse takes its own words from the `gettext` module's global functions; nothing is installed there.
Instead its few words are set on each parser and its formatter, and an error it raises is matched
against the English templates below (exactly argparse's English, in `tr` form) and written again in the
editor's language. An error no template matches is shown as argparse wrote it.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, NoReturn

from ..i18n import Language, Text, tr

# argparse's error messages (Python 3.11 to 3.13), as it writes them in English; `{message}` is itself translated.
ERRORS: tuple[Text, ...] = (
    tr("argument {argument}: {message}"),
    tr("the following arguments are required: {arguments}"),
    tr("unrecognized arguments: {arguments}"),
    tr("invalid choice: {value} (choose from {choices})"),
    tr("invalid {type} value: {value}"),
    tr("expected one argument"),
    tr("ignored explicit argument {value}"),
    tr("ambiguous option: {option} could match {matches}"),
    tr("one of the arguments {arguments} is required"),
    tr("not allowed with argument {argument}"),
)


def given(argv: Sequence[str], option: str) -> str | None:
    """The value of `option` as typed (`--lang id` or `--lang=id`; the last one counts), before any
    parsing; None when it is not there. Nothing after `--` is an option."""
    found = None
    for index, word in enumerate(argv):
        if word == "--":
            break
        if word == option and index + 1 < len(argv):
            found = argv[index + 1]
        elif word.startswith(option + "="):
            found = word[len(option) + 1 :]
    return found


def translated(message: str, language: Language) -> str:
    """An argparse error written in `language` (as it came when no template matches)."""
    for template in ERRORS:
        match = _pattern(template.message).fullmatch(message)
        if match:
            values = {name: translated(value, language) if name == "message" else value for name, value in match.groupdict().items()}
            return language(replace(template, params=tuple(sorted(values.items()))))
    return message


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)
    return re.compile("".join(re.escape(part) if index % 2 == 0 else f"(?P<{part}>.*?)" for index, part in enumerate(parts)), re.DOTALL)


class Formatter(argparse.HelpFormatter):
    """argparse's help layout, with "usage:" in the editor's language."""

    def __init__(self, prog: str, *, language: Language, **options: Any) -> None:
        super().__init__(prog, **options)
        self.language = language

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, self.language(tr("usage: ")) if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that speaks `language`: its help, its usage line and its errors. The parsers of
    subcommands (`add_subparsers().add_parser(name, language=…)`) are made by this class too."""

    def __init__(self, *args: Any, language: Language, add_help: bool = True, parents: Sequence[Any] = (), **options: Any) -> None:
        options.setdefault("formatter_class", lambda prog: Formatter(prog, language=language))
        super().__init__(*args, add_help=False, **options)
        self.language = language
        self._positionals.title = language(tr("positional arguments"))
        self._optionals.title = language(tr("options"))
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", default=argparse.SUPPRESS, help=language(tr("show this help message and exit"))
            )
        for parent in parents:  # after -h, as argparse itself orders them
            self._add_container_actions(parent)
            self._defaults.update(parent._defaults)

    def error(self, message: str) -> NoReturn:
        """Usage, then `build.py: error: …` in the editor's language, and exit status 2."""
        self.print_usage(sys.stderr)
        line = tr("{prog}: error: {message}", prog=self.prog, message=translated(message, self.language))
        self.exit(2, self.language(line) + "\n")
