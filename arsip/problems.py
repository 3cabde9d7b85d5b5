"""Problems found while building, and the exception that carries them.

Input: what a stage noticed (file, line, message, severity, hint), the message and hint as `Text`
not yet in any language (`arsip.i18n`). Output: `Problem` values that the CLI sorts and prints, in
the editor's language, as `path:line: error: message (hint)` (`kesalahan`/`peringatan` in
Indonesian), plus a one-line summary. A problem always
prints as one line: line breaks and control characters that came from the input (a field name with
a newline, a terminal escape sequence) are shown as escapes such as `\n`.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from .i18n import ENGLISH, Language, Text, tr, trn

Severity = Literal["error", "warning"]
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """`text` as one printable line: line breaks and control characters written as escapes (`\\n`)."""
    return _CONTROL.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input, pinned to a file and (when known) a line."""

    path: str
    line: int | None
    message: Text
    severity: Severity = "error"
    hint: Text | None = None

    def __post_init__(self) -> None:
        # Text, never a ready-made string: a string could only ever be shown in the language it was written in.
        for name, value in (("message", self.message), ("hint", self.hint)):
            if not isinstance(value, Text) and not (name == "hint" and value is None):
                raise TypeError(f"Problem.{name} must be Text from tr()/trn(), not {type(value).__name__}: {value!r}")

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def sort_key(self) -> tuple[str, int, str]:
        return (self.path, self.line or 0, str(self.message))

    def severity_word(self, language: Language = ENGLISH) -> str:
        return language(SEVERITY_WORDS[self.severity])

    def format(self, language: Language = ENGLISH) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.severity_word(language)}: {language(self.message)}"
        return one_line(f"{text} ({language(self.hint)})" if self.hint else text)


SEVERITY_WORDS: dict[Severity, Text] = {"error": tr("error"), "warning": tr("warning")}

# The system's reason for a failed read or write, in the editor's language (the English is the C library's text).
OS_REASONS: dict[int, Text] = {
    errno.EACCES: tr("Permission denied"),
    errno.EPERM: tr("Operation not permitted"),
    errno.ENOENT: tr("No such file or directory"),
    errno.ENOTDIR: tr("Not a directory"),
    errno.EISDIR: tr("Is a directory"),
    errno.ELOOP: tr("Too many levels of symbolic links"),
    errno.ENAMETOOLONG: tr("File name too long"),
    errno.ENOSPC: tr("No space left on device"),
    errno.EROFS: tr("Read-only file system"),
    errno.EIO: tr("Input/output error"),
    errno.EMFILE: tr("Too many open files"),
    errno.EBUSY: tr("Device or resource busy"),
}


def os_reason(exc: OSError) -> Text | str:
    """Why the system refused: the text of `exc`, translated when it is one of the usual reasons."""
    return OS_REASONS.get(exc.errno or 0) or exc.strerror or str(exc)


def error(path: str, line: int | None, message: Text, hint: Text | None = None) -> Problem:
    return Problem(path, line, message, "error", hint)


def warning(path: str, line: int | None, message: Text, hint: Text | None = None) -> Problem:
    return Problem(path, line, message, "warning", hint)


def sorted_unique(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """Problems sorted by file and line, each reported once."""
    return tuple(sorted(set(problems), key=Problem.sort_key))


def promote_warnings(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """`--strict`: every warning becomes an error."""
    return tuple(Problem(p.path, p.line, p.message, "error", p.hint) for p in problems)


def summary(problems: Iterable[Problem], language: Language = ENGLISH) -> str:
    """`2 errors, 1 warning in 2 files` (`2 kesalahan, 1 peringatan di 2 berkas`)."""
    problems = tuple(problems)
    errors = sum(p.is_error for p in problems)
    text = tr(
        "{errors}, {warnings} in {files}",
        errors=trn("{count} error", "{count} errors", errors),
        warnings=trn("{count} warning", "{count} warnings", len(problems) - errors),
        files=trn("{count} file", "{count} files", len({p.path for p in problems})),
    )
    return language(text)


class BuildFailed(Exception):
    """Raised by the pipeline when any error was found; output/ is left as it was."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted_unique(problems)
        super().__init__(summary(self.problems))
