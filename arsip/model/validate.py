"""Checking each release against the format and the rubric.

Input: `SourceDoc`s, the institution `Directory`, the copied assets and the `SiteConfig`.
Output: a `Release` per valid document (typed values: dates, Decimal scores with their published
precision, normalised zones, resolved institutions, the awards it reports as `Claim`s) and every
problem found, each pointing at the line of the offending key with a hint of what to write.
Any value YAML can hold ends in a `Release` or in problems: numbers and dates are matched with
ASCII-only patterns, long values are shortened in messages (both in `fields`, which reads each
value), and two releases that would share one address are reported at the line that gives the
second its slug (or names it among its former slugs: `aliases`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from ..i18n import tr, trn
from ..problems import Problem
from ..render.record import Body, Fingerprinter
from ..source.config import Band, SiteConfig
from ..source.frontmatter import SourceDoc
from ..source.registry import SLUG_PATTERN, Directory, InstitutionRef, make_slug
from ..source.tree import Asset
from .aliases import SLUG_GIVEN_MAX, alias_problems, duplicate_slug, read_aliases
from .fields import _Fields, _shown, this_year
from .result import Result, ShowsResult
from .rubric import band_for, period_for
from .suggest import institution as _institution

RELEASE_KEYS = (
    "title",
    "date",
    "institution",
    "year",
    "score",
    "zone",
    "category",
    "rank",
    "source",
    "summary",
    "tags",
    "image",
    "image_caption",
    "draft",
    "slug",
    "aliases",
    "awards",
)
AWARD_KEYS = ("institution", "score", "zone", "category", "rank")
SLUG_MAX = 60


@dataclass(frozen=True, slots=True)
class Claim(ShowsResult):
    """An award as one release reports it: institution, year and what was said of the result."""

    institution: InstitutionRef
    year: int
    result: Result
    release: str
    date: dt.date
    path: str
    line: int


@dataclass(frozen=True, slots=True)
class Story:
    """What a release's page shows besides its result: summary, tags, picture and caption, the source's address."""

    summary: str | None = None
    tags: tuple[str, ...] = ()
    image: str | None = None
    image_caption: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Release(ShowsResult):
    """One press release, checked and typed. Its result (`release.score`, `release.zone`, ...) is that of its own
    institution, the first of its claims; its story's parts are shown by name too (`release.summary`)."""

    slug: str
    title: str
    date: dt.date
    institution: InstitutionRef
    year: int
    result: Result
    story: Story
    draft: bool
    claims: tuple[Claim, ...]
    # The body is read through the build that records it (`record.Body`): a page that shows it depends on it.
    body: Body
    path: str = ""
    institution_line: int = 1
    aliases: tuple[str, ...] = ()  # the slugs it had before: their addresses redirect to its page

    @property
    def body_md(self) -> str:
        """The Markdown body; reading it is recorded (and allowed only while an output is produced)."""
        return self.body.text

    @property
    def is_news(self) -> bool:
        """A release that reports no result of its own institution (a visit, a speech)."""
        return self.result.is_empty

    @property
    def summary(self) -> str | None:
        return self.story.summary

    @property
    def tags(self) -> tuple[str, ...]:
        return self.story.tags

    @property
    def image(self) -> str | None:
        return self.story.image

    @property
    def image_caption(self) -> str | None:
        return self.story.image_caption

    @property
    def source(self) -> str | None:
        return self.story.source


@dataclass
class ValidationMemo:
    """Checked releases by (path, file digest), valid while the registry, images and configuration stay the same."""

    context: bytes = b""
    results: dict[tuple[str, str], tuple[Release | None, tuple[Problem, ...]]] = field(default_factory=dict)


def validate_all(
    docs: tuple[SourceDoc, ...],
    directory: Directory,
    assets: tuple[Asset, ...],
    config: SiteConfig,
    memo: ValidationMemo | None = None,
) -> tuple[tuple[Release, ...], list[Problem]]:
    problems: list[Problem] = []
    asset_paths = frozenset(asset.path for asset in assets)
    memo = memo if memo is not None else ValidationMemo()
    context = Fingerprinter()((directory.entries, asset_paths, config, this_year()))
    previous = memo.results if memo.context == context else {}
    memo.context, memo.results = context, {}
    releases = []
    included: list[tuple[str, tuple[str, ...], SourceDoc]] = []
    owners: dict[str, tuple[SourceDoc, int]] = {}
    for doc in docs:
        key = (doc.path, doc.digest)
        known = previous.get(key) or memo.results.get(key)
        if known is None:
            found: list[Problem] = []
            known = (validate_doc(doc, directory, asset_paths, config, found), tuple(found))
        memo.results[key] = known
        release = known[0]
        problems.extend(known[1])
        if release is None:
            continue
        if config.options.drafts or not release.draft:
            line = doc.line("slug") if "slug" in doc.meta else doc.line("title")
            owner = owners.setdefault(release.slug, (doc, line))
            if owner[0] is not doc:
                problems.append(duplicate_slug(release.slug, doc, line, owner))
                continue
            included.append((release.slug, release.aliases, doc))
        releases.append(release)
    return tuple(releases), problems + alias_problems(included, owners)




def validate_doc(
    doc: SourceDoc, directory: Directory, asset_paths: frozenset[str], config: SiteConfig, problems: list[Problem]
) -> Release | None:
    fields = _Fields(doc, doc.meta, "", problems)
    fields.unknown_keys(RELEASE_KEYS, tr("release"))
    title = fields.text("title", required=True, example="Pemkot Jambi Raih Zona Hijau")
    date = fields.date("date")
    institution = _institution(fields, directory, config.programme.geography)
    year = fields.year("year", date)
    slug = _slug(fields, date, title)
    aliases = read_aliases(fields, slug)
    source = _source(fields)
    image = _image(fields, doc.path, asset_paths)
    ready = institution is not None and year is not None and date is not None and slug is not None
    main = _claim(fields, institution, year, slug, date, config) if ready else _check_result_words(fields, config)
    others = _award_claims(doc, directory, year if ready else None, slug or "", date, config, problems, fields)
    tags = fields.tags("tags")
    summary = fields.text("summary")
    caption = fields.text("image_caption")
    draft = fields.boolean("draft")
    if fields.failed or not ready:
        return None
    return Release(
        slug=slug,
        title=title or "",
        date=date,
        institution=institution,
        year=year,
        result=main.result if main else Result(rank=fields.text("rank")),
        story=Story(summary, tags, image, caption, source),
        draft=draft,
        claims=((main,) if main else ()) + tuple(others),
        body=Body(doc.path),
        path=doc.path,
        institution_line=fields.line("institution"),
        aliases=aliases,
    )


def _slug(fields: _Fields, date: dt.date | None, title: str | None) -> str | None:
    given = fields.meta.get("slug")
    if given is None:
        if date is None or title is None:
            return None
        return f"{date.isoformat()}-{make_slug(title, SLUG_MAX)}".rstrip("-")
    if not isinstance(given, str) or not SLUG_PATTERN.match(given):
        suggestion = make_slug(str(given), SLUG_MAX) or "judul-rilis"
        fields.fail(
            "slug", tr("slug {slug} may use only a-z, 0-9 and single '-'", slug=_shown(given)), tr("write  slug: {slug}", slug=suggestion)
        )
        return None
    if len(given) > SLUG_GIVEN_MAX:  # a folder name longer than file systems allow
        fields.fail(
            "slug",
            trn(
                "the slug has {count} character, more than {most}",
                "the slug has {count} characters, more than {most}",
                len(given),
                most=str(SLUG_GIVEN_MAX),
            ),
            tr("write  slug: {slug}", slug=make_slug(given, SLUG_MAX)),
        )
        return None
    return given


def _source(fields: _Fields) -> str | None:
    source = fields.text("source")
    if source is None:
        return None
    try:
        parts = urlsplit(source)
        web = parts.scheme in ("http", "https") and bool(parts.netloc)
    except ValueError:  # e.g. an unclosed '[' of an IPv6 address
        web = False
    if not web:
        fields.fail(
            "source",
            tr("source {source} is not a web address", source=_shown(source)),
            tr("write the full address, starting with https://"),
        )
        return None
    return source


def _image(fields: _Fields, doc_path: str, asset_paths: frozenset[str]) -> str | None:
    image = fields.text("image")
    if image is None:
        return None
    folder = PurePosixPath(doc_path).parent
    parts: list[str] = []
    for part in (folder / image).parts:
        if part == "..":
            if not parts:
                break
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    candidate = "/".join(parts)
    site_path = f"media/{candidate.removeprefix('content/')}" if candidate.startswith("content/") else None
    if site_path is None or site_path not in asset_paths:
        fields.fail(
            "image",
            tr("image {image} was not found under content/", image=_shown(image)),
            tr("put the image file next to the release and write its file name, e.g.  image: foto.jpg"),
        )
        return None
    return site_path


def _award_claims(
    doc: SourceDoc,
    directory: Directory,
    year: int | None,
    slug: str,
    date: dt.date | None,
    config: SiteConfig,
    problems: list[Problem],
    parent: _Fields,
) -> list[Claim]:
    awards = doc.meta.get("awards")
    if awards is None:
        return []
    if not isinstance(awards, list):
        parent.fail("awards", tr("'awards' must be a list"), tr("start each award with '- institution: ...' on its own line"))
        return []
    claims = []
    for index, item in enumerate(awards):
        prefix = f"awards.{index}."
        if not isinstance(item, dict):
            parent.fail(
                f"awards.{index}",
                tr("award {number} must have fields", number=str(index + 1)),
                tr("write '- institution: ...' then 'score: ...' indented below it"),
            )
            continue
        fields = _Fields(doc, item, prefix, problems)
        fields.unknown_keys(AWARD_KEYS, tr("award"))
        institution = _institution(fields, directory, config.programme.geography)
        if institution and year and date:
            claim = _claim(fields, institution, year, slug, date, config)
            if claim is None and not fields.failed:
                fields.warn(
                    "institution",
                    tr("award {number} has no score, zone or category", number=str(index + 1)),
                    tr("add  score:  or  zone:  to it"),
                )
            if claim:
                claims.append(claim)
        parent.failed = parent.failed or fields.failed
    return claims


def _claim(fields: _Fields, institution: InstitutionRef, year: int, slug: str, date: dt.date, config: SiteConfig) -> Claim | None:
    """The result a mapping reports (score, zone, category), checked against that year's rubric."""
    score = fields.score("score")
    zone = fields.zone("zone", config.programme.grades)
    category = fields.text("category")
    rank = fields.text("rank")
    if score is None and zone is None and category is None:
        return None
    period = period_for(config.rubric, year, institution.kind)
    letter = None
    if period is None:
        fields.fail(
            "score" if score is not None else "zone",
            tr("no rubric period covers assessment year {year}", year=str(year)),
            tr("there was no assessment in 2020; check  year:  or add a [[rubric]] period"),
        )
        return None
    if score is not None and score > period.scale:
        fields.fail(
            "score",
            tr("score {score} is above the scale of {scale} used for {years}",
                score=str(score), scale=str(period.scale), years=period.years_label),
            tr("check the figure in the source"),
        )
        return None
    if zone is not None and not any(band.zone for band in period.bands):
        fields.warn(
            "zone",
            tr("no zones were published for {year} ({period}); zone '{zone}' is shown as written",
               year=str(year), period=period.label, zone=zone),
            tr("remove  zone:  or check  year:"),
        )
    band = band_for(period, score) if score is not None else _band_named(period.bands, category)
    named = _band_named(period.bands, category)
    if band and named and score is not None and named != band:
        fields.warn(
            "category",
            tr("category '{category}' does not match score {score}: under the {period} rubric {low}-{high} is {band}",
                category=str(category), score=str(score), period=period.label, low=str(band.min), high=str(band.max), band=band.category,
            ),
            tr("write  category: {category}  or check the score", category=band.category),
        )
    if band:
        if zone is None:
            zone = band.zone
        elif band.zone and zone != band.zone and score is not None:
            fields.warn(
                "zone",
                tr("zone '{zone}' does not match score {score}: under the {period} rubric {low}-{high} is {band} ({category})",
                    zone=zone, score=str(score), period=period.label, low=str(band.min), high=str(band.max),
                    band=band.zone, category=band.category,
                ),
                tr("write  zone: {zone}  or check the score", zone=band.zone),
            )
        if category is None and (band.zone == zone or band.zone is None):
            category = band.category
        if category and category.casefold() == band.category.casefold():
            letter = band.letter
    return Claim(institution, year, Result(score, zone, category, letter, rank), slug, date, fields.doc.path, fields.line("institution"))


def _check_result_words(fields: _Fields, config: SiteConfig) -> None:
    """When the year or institution is wrong, still report a score or zone that is wrong in itself."""
    fields.score("score")
    fields.zone("zone", config.programme.grades)


def _band_named(bands: tuple[Band, ...], category: str | None) -> Band | None:
    if category is None:
        return None
    for band in bands:
        if band.category.casefold() == category.casefold():
            return band
    return None
