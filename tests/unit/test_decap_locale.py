"""Decap's own words in Indonesian: `arsip/locale/id/decap-cms.json` against Decap's English locale.

Decap (3.16) ships no Indonesian locale; the form at /admin/ registers Arsip's before `CMS.init`.
Decap merges each locale over its English one, so a phrase missing here would show in English, and a
phrase with a `%{name}` Decap does not fill would show the `%{name}`. These tests read Decap's English
locale where `make admin-tools` installs it: the copy inside the served bundle (its source map) and
the `decap-cms-locales` package; a Decap upgrade that adds, removes or renames a phrase, or changes
its `%{names}`, fails here until the Indonesian file follows (docs/translating.md says how).
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from arsip import i18n
from arsip.commands import admin_schema

REPO = Path(__file__).resolve().parents[2]
INDONESIAN = REPO / "arsip" / "locale" / "id" / "decap-cms.json"
BUNDLE_MAP = REPO / "node_modules" / "decap-cms" / "dist" / "decap-cms.js.map"
LOCALES_PACKAGE = REPO / "node_modules" / "decap-cms-locales" / "src" / "en" / "index.js"
PLACEHOLDER = re.compile(r"%\{(\w+)\}")
PLURAL = " |||| "  # Polyglot's separator of plural forms; its Indonesian rule reads the first form only

# Phrases written the same in both languages.
SAME = {
    "app.header.media",  # Media
    "editor.editorToolbar.status",  # Status: %{status}
    "editor.editorWidgets.markdown.markdown",  # Markdown
    "ui.toast.onFailToAuth",  # %{details}
    "workflow.workflowCard.lastChangeNoAuthor",  # %{date}
}

TOKEN = re.compile(
    r"""\s+|//[^\n]*|/\*.*?\*/|(?P<mark>[{}:,])|(?P<string>'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`(?:\\.|[^`\\])*`)|(?P<name>[A-Za-z_$][\w$]*)""",
    re.DOTALL,
)


def parse_locale(source: str) -> dict[str, Any]:
    """The object of `const en = {...}` in Decap's English locale: identifiers or strings as keys, strings
    (quoted or backquoted without `${}`) or objects as values. Anything else fails the test loudly."""
    start = source.index("{", source.index("const en"))
    tokens: list[tuple[str, str]] = []
    position = start
    depth = 0
    while True:
        found = TOKEN.match(source, position)
        assert found, f"Decap's English locale: cannot read {source[position:position + 60]!r}"
        position = found.end()
        kind = found.lastgroup
        if kind is None:
            continue
        tokens.append((kind, found.group(kind)))
        if kind == "mark" and found.group(kind) in "{}":
            depth += 1 if found.group(kind) == "{" else -1
            if depth == 0:
                break
    parsed, rest = _object(tokens)
    assert not rest
    return parsed


def _string(token: str) -> str:
    if token.startswith("`"):
        assert "${" not in token, token
        token = repr(token[1:-1])
    value = ast.literal_eval(token)
    assert isinstance(value, str)
    return value


def _object(tokens: list[tuple[str, str]]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    assert tokens[0] == ("mark", "{"), tokens[:3]
    made: dict[str, Any] = {}
    tokens = tokens[1:]
    while tokens[0] != ("mark", "}"):
        kind, key = tokens[0]
        assert kind in ("name", "string") and tokens[1] == ("mark", ":"), tokens[:3]
        key = key if kind == "name" else _string(key)
        kind, value = tokens[2]
        if (kind, value) == ("mark", "{"):
            made[key], tokens = _object(tokens[2:])
        else:
            assert kind == "string", tokens[:3]
            made[key], tokens = _string(value), tokens[3:]
        if tokens[0] == ("mark", ","):
            tokens = tokens[1:]
    return made, tokens[1:]


def bundled_english() -> dict[str, Any]:
    """The English locale inside the bundle /admin/ serves, from its source map."""
    assert BUNDLE_MAP.is_file(), "Decap CMS is not installed: run `make admin-tools` (npm ci)"
    bundle = json.loads(BUNDLE_MAP.read_text(encoding="utf-8"))
    sources = zip(bundle["sources"], bundle["sourcesContent"], strict=True)
    found = [text for name, text in sources if name.endswith("decap-cms-locales/dist/esm/en/index.js")]
    assert len(found) == 1, "the bundle's source map no longer holds one English locale: read it from where Decap keeps it now"
    return parse_locale(found[0])


def package_english() -> dict[str, Any]:
    assert LOCALES_PACKAGE.is_file(), "Decap CMS is not installed: run `make admin-tools` (npm ci)"
    return parse_locale(LOCALES_PACKAGE.read_text(encoding="utf-8"))


def phrases(tree: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Each leaf as (dotted key, value), in order."""
    for key, value in tree.items():
        if isinstance(value, dict):
            yield from phrases(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


@pytest.fixture(scope="module")
def indonesian() -> dict[str, Any]:
    return json.loads(INDONESIAN.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def english() -> dict[str, Any]:
    return bundled_english()


def test_the_parser_reads_decaps_english_locale(english: dict[str, Any]) -> None:
    flat = dict(phrases(english))
    assert flat["auth.login"] == "Login"
    assert flat["editor.editorToolbar.publishNow"] == "Publish now"
    assert flat["editor.editorControlPane.widget.invalidPath"] == "'%{path}' is not a valid path"  # a backquoted string
    assert flat["editor.editorControlPane.i18n.copyFromLocaleConfirm"].count("\n") == 1
    assert len(flat) > 200


def test_the_bundle_and_the_locales_package_agree(english: dict[str, Any]) -> None:
    assert package_english() == english


def test_indonesian_has_exactly_decaps_phrases(indonesian: dict[str, Any], english: dict[str, Any]) -> None:
    def shape(tree: dict[str, Any]) -> dict[str, Any]:
        return {key: shape(value) if isinstance(value, dict) else None for key, value in tree.items()}

    ours, theirs = dict(phrases(indonesian)), dict(phrases(english))
    assert sorted(theirs.keys() - ours.keys()) == [], "phrases of Decap's English locale not yet in Indonesian"
    assert sorted(ours.keys() - theirs.keys()) == [], "phrases Decap no longer has"
    assert shape(indonesian) == shape(english)  # a key is a phrase in both or a group in both


def test_each_phrase_keeps_its_placeholders(indonesian: dict[str, Any], english: dict[str, Any]) -> None:
    theirs = dict(phrases(english))
    for key, text in phrases(indonesian):
        assert isinstance(text, str) and text.strip(), key
        original = theirs[key]
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(original)) or (
            PLURAL in original and set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(original))
        ), (key, text, original)
        assert "%{" not in PLACEHOLDER.sub("", text), (key, text)  # no broken %{name
        if PLURAL in original:
            assert "||||" not in text, (key, text)  # one form: Indonesian nouns do not change with the number
        else:
            assert (text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]) == (
                original[: len(original) - len(original.lstrip())],
                original[len(original.rstrip()) :],
            ), (key, "the spaces at its ends: Decap joins it to other text")
        assert (text == original) == (key in SAME), (key, text)


def test_the_form_speaks_the_editors_language() -> None:
    indonesian, english = i18n.language("id"), i18n.language("en")
    assert admin_schema.decap_locale(indonesian) == "id"
    assert admin_schema.decap_locale(english) == "en"
    registered = admin_schema.decap_phrases(indonesian)
    assert registered is not None and registered["auth"]["login"] == "Masuk"
    assert admin_schema.decap_phrases(english) is None  # Decap's own
