"""The Decap CMS configuration of `/admin/`, generated from the site's own schema.

Input: the site's configuration (its rubric), the registry of institutions and the editor's language.
Output: the configuration object Decap's `CMS.init({config})` takes (plain JSON values), with one
collection, the releases: title, date, institution (a select of the registry's names), assessment
year, score (text with a decimal comma, as the front-matter takes it: 91,20), zone and category
(selects of the rubric's zones and categories), rank, summary and the body. It is made again for
every page load, so a name added to `content/institutions.toml` is offered at once.

Files are written where `build.py new` writes them: `content/YYYY/YYYY-MM-DD-slug.md`, the date in
the file name taken as typed (`{{fields.date}}`). Decap's own `{{year}}`, `{{month}}`, `{{day}}` read
the date in UTC, which on an office's clock east of Greenwich (WIB is UTC+7) is the day before; only
the year folder uses `{{year}}` (Decap offers nothing else in a `path`), so a release dated 1 January
written east of Greenwich lands in the previous year's folder, which the build does not mind.

The backend is Decap's `proxy` backend, pointed by the page at the preview's own `/api/v1`
(`admin_backend`); the page fills in its address. Every label and hint of the form is in the editor's
language, and so are Decap's own buttons, menus and notices: Decap ships no Indonesian locale (3.16),
so Arsip keeps one, `arsip/locale/id/decap-cms.json`, which the page registers before `CMS.init`
(`decap_phrases`) and the configuration names (`locale`). A phrase missing from it is shown in English.
"""

from __future__ import annotations

import json
from typing import Any

from ..i18n import LOCALE_DIR, Language, tr
from ..source.config import SiteConfig
from ..source.registry import Directory

COLLECTION = "rilis"
CONTENT = "content"
MEDIA_FOLDER = "content/gambar"  # Decap wants one; the form has no picture field, its library lists this folder
SCORE_PATTERN = r"^\s*\d{1,3}([.,]\d{1,3})?\s*$"  # a number as written (the build judges its range)
DECAP_PHRASES = "decap-cms.json"  # Decap's own words in a language Decap does not ship: arsip/locale/<code>/


def decap_locale(language: Language) -> str:
    """The `locale` Decap speaks for `language`: its own code when Arsip has its phrases, else Decap's English."""
    return language.code if (LOCALE_DIR / language.code / DECAP_PHRASES).is_file() else "en"


def decap_phrases(language: Language) -> dict[str, Any] | None:
    """Decap's phrases in `language`, for `CMS.registerLocale`; None for English, which Decap ships.

    Decap shows, for each phrase, its English one merged under these (lodash `merge`): a phrase missing
    here is shown in English, never as its key."""
    path = LOCALE_DIR / language.code / DECAP_PHRASES
    if language.code == "en" or not path.is_file():
        return None
    phrases: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return phrases


def decap_config(config: SiteConfig, directory: Directory, language: Language) -> dict[str, Any]:
    """The configuration for `CMS.init`; `backend.proxy_url` and `site_url` are set by the page."""
    names = sorted({entry.name for entry in directory.entries}, key=str.casefold)
    every = [grade.name for grade in config.programme.grades]
    zones = [zone for zone in every if any(band.zone == zone for period in config.rubric for band in period.bands)] or every
    categories = sorted({band.category for period in config.rubric for band in period.bands}, key=str.casefold)

    def field(name: str, widget: str, label: Any, hint: Any = None, *, required: bool = False, **more: Any) -> dict[str, Any]:
        made: dict[str, Any] = {"name": name, "widget": widget, "label": language(label), "required": required}
        if hint is not None:
            made["hint"] = language(hint)
        made.update(more)
        return made

    fields = [
        field("title", "string", tr("Title"), tr("The release's title, as in its source."), required=True),
        field(
            "date",
            "datetime",
            tr("Date"),
            tr("The day the release was published."),
            required=True,
            format="YYYY-MM-DD",
            date_format="YYYY-MM-DD",
            time_format=False,
        ),
        field(
            "institution",
            "select",
            tr("Institution"),
            tr("Names come from content/institutions.toml; add a missing institution there first."),
            required=True,
            options=names,
        ),
        field(
            "year",
            "string",
            tr("Assessment year"),
            tr("Only when it differs from the year of the date, e.g. 2022 for a release of January 2023 on the 2022 results."),
            pattern=[r"^\s*\d{4}\s*$", language(tr("a year of four digits, e.g. 2024"))],
        ),
        field(
            "score",
            "string",
            tr("Score"),
            tr("As announced, with a decimal comma: 93,68. Leave it empty when the source gives none."),
            pattern=[SCORE_PATTERN, language(tr("a number such as 93,68"))],
        ),
        field("zone", "select", tr("Zone"), tr("Leave it empty to derive it from the score."), options=zones),
        field(
            "category",
            "select",
            tr("Category"),
            tr("Only when the release names it; otherwise derived from the score."),
            options=categories,
        ),
        field("rank", "string", tr("Rank"), tr("As the source writes it, e.g. 36 dari 98 pemerintah kota.")),
        field("summary", "string", tr("Summary"), tr("One sentence for lists and search engines.")),
        field("body", "markdown", tr("Text"), tr("The release in your own words; paragraphs separated by an empty line."), required=True),
    ]
    return {
        "load_config_file": False,
        "locale": decap_locale(language),
        "backend": {"name": "proxy", "branch": "main"},
        "media_folder": MEDIA_FOLDER,
        "public_folder": "/gambar",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [
            {
                "name": COLLECTION,
                "label": language(tr("Releases")),
                "label_singular": language(tr("Release")),
                "folder": CONTENT,
                "extension": "md",
                "format": "frontmatter",
                "create": True,
                "delete": False,
                "slug": "{{fields.date}}-{{slug}}",
                "path": "{{year}}/{{slug}}",
                "identifier_field": "title",
                "summary": "{{fields.date}} · {{title}}",
                "sortable_fields": ["date", "title"],
                "fields": fields,
            }
        ],
    }
