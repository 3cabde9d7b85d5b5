"""A template that failed, as a problem an editor can act on: the template file and line, not Python.

Input: the exception rendering a page raised, the page's template, the templates folder and the project
folder. Output: a `Problem` at the template file and line that failed (a syntax error, a template not
found, an unreadable or non-UTF-8 file, an undefined name, a Markdown text the rules refuse), in words
of the editor's language (`jinja_words`).
"""

from __future__ import annotations

import traceback
from pathlib import Path

import jinja2

from ..i18n import Text, tr
from ..problems import Problem, error, os_reason
from .jinja_words import jinja_text, repr_error


class MarkdownRefused(ValueError):
    """A text given to the `markdown` filter that the Markdown rules refuse; `text` says why, in any language."""

    def __init__(self, message: Text | str, hint: Text | str | None) -> None:
        plain = tr("Markdown refused: {message}", message=message)
        self.text = plain if hint is None else tr("Markdown refused: {message} ({hint})", message=message, hint=hint)
        super().__init__(str(self.text))


def template_problem(exc: Exception, template: str, templates_dir: Path, root: Path) -> Problem:
    """Point at the template line that failed, not at Python."""
    prefix = templates_dir.relative_to(root).as_posix()
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.name:
        return error(f"{prefix}/{exc.name}", exc.lineno, tr("template syntax error: {error}", error=jinja_text(str(exc.message))))
    if isinstance(exc, jinja2.TemplateNotFound):
        where, line = _template_frame(exc, templates_dir, prefix, template)
        missing = f"{prefix}/{exc.name}"
        return error(where, line, tr("template '{name}' not found", name=str(exc.name)), tr("create {path} or fix the name", path=missing))
    if isinstance(exc, OSError):
        where = _shown_template(exc.filename, templates_dir, prefix, template)
        reason = tr("cannot read the template: {reason}", reason=os_reason(exc))
        return error(where, None, reason, tr("check the file's permissions"))
    if isinstance(exc, UnicodeDecodeError):
        return error(f"{prefix}/{template}", None, tr("a template is not UTF-8 text"), tr("save the templates as UTF-8 in your editor"))
    where, line = _template_frame(exc, templates_dir, prefix, template)
    message: Text | str = jinja_text(exc.message) if isinstance(exc, jinja2.UndefinedError) and exc.message else repr_error(exc)
    if isinstance(exc, MarkdownRefused):
        message = tr("{kind}: {error}", kind="ValueError", error=exc.text)
    hint = tr("check the variable's name; templates/ lists what each page receives") if isinstance(exc, jinja2.UndefinedError) else None
    return error(where, line, tr("template error: {error}", error=message), hint)


def _template_frame(exc: Exception, templates_dir: Path, prefix: str, template: str) -> tuple[str, int | None]:
    folder = str(templates_dir.resolve())
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        filename = str(Path(frame.filename).resolve()) if frame.filename and not frame.filename.startswith("<") else ""
        if filename.startswith(folder):
            return f"{prefix}/{Path(filename).relative_to(folder).as_posix()}", frame.lineno
    return f"{prefix}/{template}", None


def _shown_template(filename: object, templates_dir: Path, prefix: str, template: str) -> str:
    """The template file an error names, relative to the project; the page's template when unknown."""
    try:
        return f"{prefix}/{Path(str(filename)).resolve().relative_to(templates_dir.resolve()).as_posix()}"
    except (ValueError, OSError):
        return f"{prefix}/{template}"
