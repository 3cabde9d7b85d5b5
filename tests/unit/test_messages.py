"""Every editor-facing message exists in Indonesian: the catalogue covers what the code says.

The messages are gathered from `arsip/` as `make messages` gathers them (Babel's extractor, the
`tr`/`trn` markers); each must have an Indonesian translation in `arsip/locale/id/LC_MESSAGES/arsip.po`
that is not marked fuzzy and keeps exactly the `{names}` of the English text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from arsip.i18n import LOCALE_DIR, Text, language, placeholders, tr, trn

ARSIP = Path(__file__).resolve().parents[2] / "arsip"
KEYWORDS = {"tr": None, "trn": (1, 2)}


def _in_code() -> dict[str, tuple[str, ...]]:
    """Each message the code marks: its id and every English form, with the first place it appears."""
    found: dict[str, tuple[str, ...]] = {}
    for filename, lineno, message, _, _ in extract_from_dir(ARSIP, method_map=[("**.py", "python")], keywords=KEYWORDS):
        forms = message if isinstance(message, tuple) else (message,)
        found.setdefault(forms[0], (f"arsip/{filename}:{lineno}", *forms))
    return found


def _catalogue() -> dict[str, object]:
    with (LOCALE_DIR / "id" / "LC_MESSAGES" / "arsip.po").open("rb") as stream:
        catalogue = read_po(stream)
    return {entry.id[0] if isinstance(entry.id, tuple) else entry.id: entry for entry in catalogue if entry.id}


def test_the_code_marks_messages() -> None:
    assert len(_in_code()) > 3  # the extractor finds the markers (a broken marker name would find none)


def test_every_message_has_an_indonesian_translation() -> None:
    catalogue = _catalogue()
    missing = []
    for msgid, (where, *forms) in _in_code().items():
        entry = catalogue.get(msgid)
        strings = () if entry is None else (entry.string if isinstance(entry.string, tuple) else (entry.string,))
        if entry is None or entry.fuzzy or not all(strings):
            missing.append(f"{where}: {msgid!r}")
            continue
        names = set().union(*(placeholders(form) for form in forms))
        for translated in strings:
            if placeholders(translated) != names:
                missing.append(f"{where}: {msgid!r} -> {translated!r} keeps {sorted(placeholders(translated))}, not {sorted(names)}")
    assert not missing, "translate these in arsip/locale/id/LC_MESSAGES/arsip.po (make messages adds them):\n" + "\n".join(missing)


@pytest.mark.parametrize(
    ("text", "english", "indonesian"),
    [
        (trn("{count} error", "{count} errors", 1), "1 error", "1 kesalahan"),
        (trn("{count} error", "{count} errors", 1234), "1,234 errors", "1.234 kesalahan"),
        (tr("{errors}, {warnings} in {files}", errors="a", warnings="b", files=tr("warning")), "a, b in warning", "a, b di peringatan"),
    ],
)
def test_a_message_reads_in_either_language(text: Text, english: str, indonesian: str) -> None:
    assert language("en")(text) == english
    assert language("id")(text) == indonesian
