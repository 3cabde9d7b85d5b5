"""Words the source stage's messages share: numbers in the reader's language, and the hints that name choices.

Input: a whole number, a name or a list of names. Output: `Text` to be given to `tr` as a value or as a
hint: a number rendered as the reader's language writes numbers (`20,000` in English, `20.000` in
Indonesian), `did you mean 'name'?`, `known keys: …`, `write one of: …`.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..i18n import Text, tr, trn


def number_text(value: int) -> Text:
    """`value` with the reader's thousands separator (a value of a message, never a message of its own)."""
    return trn("{count}", "{count}", value)


def did_you_mean(name: str) -> Text:
    return tr("did you mean '{name}'?", name=name)


def known_keys(keys: Iterable[str]) -> Text:
    return tr("known keys: {keys}", keys=", ".join(keys))


def one_of(values: Iterable[str]) -> Text:
    return tr("write one of: {values}", values=", ".join(values))
