#!/usr/bin/env python3
"""A deterministic synthetic Arsip project for benchmarks: `python bench/gencorpus.py N DIR`.

Input: N (releases) and DIR (absent, empty, or an earlier corpus). Output: DIR as a complete Arsip
project: the repository's site_config.toml (in one language: its `translations` left out, as the peers
and older commits it is compared with build one language) and templates/, content/institutions.toml with about 600
real Indonesian bodies, and N releases content/<year>/<date>-<slug>.md with the full front-matter
(scores as "93,68" or 93.68, zones and categories from the rubric in site_config.toml, ranks, tags,
sometimes an awards list) and 400-900 words of Indonesian-like Markdown. Same N (and the same
site_config.toml and templates/), same bytes.

Institutions are drawn Zipf-like; an (institution, year) is usually reported once and sometimes
again with the same figures. There are only about 5,800 such pairs, so large corpora (from roughly
6,000 releases on) report most of them several times, always with the same figures: no warnings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import sys
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate
from pathlib import Path

import names
import prose

REPO = Path(__file__).resolve().parent.parent
SEED = 20151225
MARKER = ".bench-corpus"
GENERATOR_VERSION = "1"
TOTAL_INSTITUTIONS = 600
POLICE_UNITS = 60
LAND_OFFICES = 40
YEARS = (2015, 2016, 2017, 2018, 2019, 2021, 2022, 2023, 2024, 2025)  # no assessment in 2020
YEAR_WEIGHTS = {2015: 5, 2016: 6, 2017: 6, 2018: 7, 2019: 8, 2021: 9, 2022: 10, 2023: 11, 2024: 12, 2025: 12}
FIELD_OFFICES = ("kepolisian", "kantor-pertanahan")  # assessed from 2018 on
FIELD_OFFICES_FROM = 2018
ZIPF_EXPONENT = 1.0  # the k-th most reported institution gets releases in proportion to 1 / k**ZIPF_EXPONENT
# How likely a kind is to rank high in press attention: provinces and cities above land offices.
PROMINENCE = {
    "provinsi": 4.0,
    "kota": 3.0,
    "kementerian": 3.0,
    "lembaga": 2.0,
    "kabupaten": 1.5,
    "kepolisian": 1.0,
    "kantor-pertanahan": 1.0,
}
REPEAT_SHARE = 0.06  # share of releases that report an (institution, year) already reported
AWARDS_SHARE = 0.3
ZONE_ONLY_SHARE = 0.15  # police and land-office results published with a zone only
OPINIONS = ((88, "Opini Kualitas Tertinggi"), (78, "Opini Kualitas Tinggi"), (54, "Opini Kualitas Sedang"), (32, "Opini Kualitas Rendah"))
PLURALS = {
    "kementerian": "kementerian",
    "lembaga": "lembaga",
    "provinsi": "pemerintah provinsi",
    "kota": "pemerintah kota",
    "kabupaten": "pemerintah kabupaten",
    "kepolisian": "polres",
    "kantor-pertanahan": "kantor pertanahan",
}


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass(frozen=True, slots=True)
class Institution:
    name: str
    slug: str
    kind: str
    province: str | None
    aliases: tuple[str, ...]
    short: str  # the press form used in titles and prose

    @property
    def first_year(self) -> int:
        return FIELD_OFFICES_FROM if self.kind in FIELD_OFFICES else YEARS[0]

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(year for year in YEARS if year >= self.first_year)


# ---------------------------------------------------------------- the registry


def _unique(*items: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _province(name: str, short: str) -> Institution:
    aliases = _unique(f"Pemprov {name}", f"Provinsi {name}", f"Pemprov {short}")
    return Institution(f"Pemerintah Provinsi {name}", f"provinsi-{slugify(name)}", "provinsi", name, aliases, f"Pemprov {short}")


def _city(name: str, province: str) -> Institution:
    aliases = (f"Pemkot {name}", f"Kota {name}")
    return Institution(f"Pemerintah Kota {name}", f"kota-{slugify(name)}", "kota", province, aliases, f"Pemkot {name}")


def _regency(name: str, province: str) -> Institution:
    aliases = (f"Pemkab {name}", f"Kabupaten {name}", f"Kab. {name}")
    return Institution(f"Pemerintah Kabupaten {name}", f"kabupaten-{slugify(name)}", "kabupaten", province, aliases, f"Pemkab {name}")


def _police(area: Institution) -> Institution:
    place = area.name.split(" ", 2)[2]
    unit, long = ("Polresta", "Kepolisian Resor Kota") if area.kind == "kota" else ("Polres", "Kepolisian Resor")
    name = f"{unit} {place}"
    return Institution(name, slugify(name), "kepolisian", area.province, (f"{long} {place}",), name)


def _land_office(area: Institution) -> Institution:
    level, place = area.name.split(" ", 2)[1:]
    short = "Kab." if level == "Kabupaten" else level
    return Institution(
        f"Kantor Pertanahan {level} {place}",
        f"kantor-pertanahan-{slugify(level)}-{slugify(place)}",
        "kantor-pertanahan",
        area.province,
        _unique(f"Kantah {level} {place}", f"Kantah {short} {place}"),
        f"Kantah {short} {place}",
    )


def _national(name: str, abbreviation: str, kind: str) -> Institution:
    return Institution(name, slugify(name), kind, None, (abbreviation,), abbreviation)


def build_registry(rng: random.Random) -> list[Institution]:
    """About 600 bodies: every province, city, ministry and listed agency, a sample of regencies, police and land offices."""
    fixed = [_province(name, short) for name, short in names.PROVINCES.items()]
    fixed += [_city(city, province) for province, cities in names.CITIES.items() for city in cities]
    fixed += [_national(name, short, "kementerian") for name, short in names.MINISTRIES]
    fixed += [_national(name, short, "lembaga") for name, short in names.AGENCIES]
    regencies = [_regency(name, province) for province, regencies in names.REGENCIES.items() for name in regencies]
    keep = TOTAL_INSTITUTIONS - len(fixed) - POLICE_UNITS - LAND_OFFICES
    regencies = sorted(rng.sample(regencies, keep), key=lambda i: i.slug)
    areas = [i for i in fixed if i.kind == "kota"] + regencies
    police = {unit.slug: unit for unit in (_police(area) for area in rng.sample(areas, POLICE_UNITS + 10))}
    offices = [_land_office(area) for area in rng.sample(areas, LAND_OFFICES)]
    registry = fixed + regencies + list(police.values())[:POLICE_UNITS] + offices
    _check_unique(registry)
    return registry


def _check_unique(registry: Sequence[Institution]) -> None:
    slugs = [i.slug for i in registry]
    keys = [re.sub(r"[\s.]+", "", known.casefold()) for i in registry for known in _unique(i.name, *i.aliases)]
    if len(set(slugs)) != len(slugs) or len(set(keys)) != len(keys):
        raise SystemExit("gencorpus: internal error: institution slugs or names are not unique")


KIND_ORDER = ("kementerian", "lembaga", "provinsi", "kota", "kabupaten", "kepolisian", "kantor-pertanahan")


def registry_toml(registry: Sequence[Institution]) -> str:
    lines = ["# Synthetic institution registry written by bench/gencorpus.py (real names, generated selection).", ""]
    for institution in sorted(registry, key=lambda i: (KIND_ORDER.index(i.kind), i.province or "", i.name)):
        lines += ["[[institution]]", f"name = {json.dumps(institution.name, ensure_ascii=False)}", f'slug = "{institution.slug}"']
        lines.append(f'kind = "{institution.kind}"')
        if institution.province:
            lines.append(f"province = {json.dumps(institution.province, ensure_ascii=False)}")
        lines += [f"aliases = {json.dumps(list(institution.aliases), ensure_ascii=False)}", ""]
    return "\n".join(lines)


# ---------------------------------------------------------------- results, from the rubric in site_config.toml


@dataclass(frozen=True, slots=True)
class Band:
    min: Decimal
    zone: str | None
    category: str


@dataclass(frozen=True, slots=True)
class Period:
    first: int
    last: int
    kinds: tuple[str, ...]
    scale: Decimal
    bands: tuple[Band, ...]  # highest first


def load_rubric(config_file: Path) -> tuple[Period, ...]:
    data = tomllib.loads(config_file.read_text(encoding="utf-8"))
    periods = []
    for item in data.get("rubric", []):
        bands = tuple(
            sorted(
                (Band(Decimal(str(b["min"])), b.get("zone"), b["category"]) for b in item.get("bands", [])),
                key=lambda band: band.min,
                reverse=True,
            )
        )
        last = item.get("last_year", 9999)
        periods.append(Period(item["first_year"], last, tuple(item.get("kinds", ())), Decimal(str(item.get("scale", 100))), bands))
    return tuple(periods)


@dataclass(frozen=True, slots=True)
class Result:
    """An institution's result for one year, the same in every release that reports it."""

    score: Decimal | None
    zone: str | None
    category: str
    rank: str | None

    @property
    def outcome(self) -> str:
        return f"Zona {self.zone.capitalize()}" if self.zone else self.category


@dataclass
class Results:
    """Scores per (institution, year), derived from seeded generators so any order of questions gives the same answers."""

    rubric: tuple[Period, ...]
    registry: Sequence[Institution]
    _scores: dict[tuple[str, int], Decimal] = field(default_factory=dict)
    _ranks: dict[tuple[str, int], str] = field(default_factory=dict)

    def period(self, year: int, kind: str) -> Period:
        matching = [p for p in self.rubric if p.first <= year <= p.last and (not p.kinds or kind in p.kinds)]
        matching.sort(key=lambda period: not period.kinds)
        if not matching:
            raise SystemExit(f"gencorpus: site_config.toml has no rubric period for {year}")
        return matching[0]

    def _raw(self, institution: Institution, year: int) -> Decimal:
        quality = random.Random(f"quality:{institution.slug}").gauss(70, 11)
        rng = random.Random(f"score:{institution.slug}:{year}")
        period = self.period(year, institution.kind)
        lowest = min((band.min for band in period.bands), default=Decimal(0))
        if lowest > 0:  # an instrument whose bands start high (police 2018, scale 110): stay inside them
            value = rng.uniform(float(lowest), float(period.scale) - 1)
        else:
            value = min(99.5, max(15.0, quality + (year - YEARS[0]) * 1.2 + rng.gauss(0, 6)))
        return Decimal(f"{value:.2f}")

    def score(self, institution: Institution, year: int) -> Decimal:
        key = (institution.slug, year)
        if key not in self._scores:
            self._scores[key] = self._raw(institution, year)
        return self._scores[key]

    def zone_only(self, institution: Institution, year: int) -> bool:
        return institution.kind in FIELD_OFFICES and random.Random(f"zone-only:{institution.slug}:{year}").random() < ZONE_ONLY_SHARE

    def of(self, institution: Institution, year: int) -> Result:
        score = self.score(institution, year)
        band = next((band for band in self.period(year, institution.kind).bands if score >= band.min), None)
        category = band.category if band else next((text for low, text in OPINIONS if score >= low), "Opini Kualitas Terendah")
        zone_only = self.zone_only(institution, year) and band is not None and band.zone is not None
        rank = None if zone_only else self.rank(institution, year)
        return Result(None if zone_only else score, band.zone if band else None, category, rank)

    def rank(self, institution: Institution, year: int) -> str:
        key = (institution.slug, year)
        if key not in self._ranks:
            peers = [i for i in self.registry if i.kind == institution.kind and year in i.years]
            ordered = sorted(peers, key=lambda i: (-self.score(i, year), i.slug))
            for position, peer in enumerate(ordered, start=1):
                self._ranks[(peer.slug, year)] = f"{position} dari {len(ordered)} {PLURALS[peer.kind]}"
        return self._ranks[key]


# ---------------------------------------------------------------- releases


@dataclass(frozen=True, slots=True)
class Plan:
    institution: Institution
    year: int
    date: dt.date
    repeat: bool
    others: tuple[Institution, ...]


class Planner:
    """Who each release is about: a Zipf-like pick of institutions, usually a year not reported yet."""

    def __init__(self, rng: random.Random, registry: Sequence[Institution]) -> None:
        self.rng = rng
        # a random order weighted by prominence (Efraimidis-Spirakis keys), then Zipf weights down that order
        keys = {i.slug: rng.random() ** (1 / PROMINENCE[i.kind]) for i in registry}
        self.order = sorted(registry, key=lambda i: keys[i.slug], reverse=True)
        self.cumulative = list(accumulate(1.0 / (rank + 1) ** ZIPF_EXPONENT for rank in range(len(self.order))))
        self.by_province: dict[str | None, list[Institution]] = {}
        for institution in registry:
            self.by_province.setdefault(institution.province, []).append(institution)
        self.reported: set[tuple[str, int]] = set()

    def _institution(self) -> Institution:
        return self.rng.choices(self.order, cum_weights=self.cumulative)[0]

    def _year(self, institution: Institution) -> tuple[int, bool]:
        fresh = [year for year in institution.years if (institution.slug, year) not in self.reported]
        pool, repeat = (fresh, False) if fresh and self.rng.random() >= REPEAT_SHARE else (list(institution.years), True)
        year = self.rng.choices(pool, weights=[YEAR_WEIGHTS[y] for y in pool])[0]
        return year, repeat or (institution.slug, year) in self.reported

    def _date(self, year: int) -> dt.date:
        if year == YEARS[-1] or year + 1 not in YEARS or self.rng.random() < 0.6:  # never a date in 2020
            return dt.date(year, 9, 1) + dt.timedelta(days=self.rng.randrange(112))
        return dt.date(year + 1, 1, 5) + dt.timedelta(days=self.rng.randrange(85))

    def _others(self, institution: Institution, year: int) -> tuple[Institution, ...]:
        if self.rng.random() >= AWARDS_SHARE:
            return ()
        wanted = self.rng.randint(1, 4)
        nearby = [i for i in self.by_province.get(institution.province, []) if i is not institution and year in i.years]
        chosen = self.rng.sample(nearby, min(wanted, len(nearby)))
        while len(chosen) < wanted:
            other = self._institution()
            if other is not institution and other not in chosen and year in other.years:
                chosen.append(other)
        return tuple(chosen)

    def next(self) -> Plan:
        institution = self._institution()
        year, repeat = self._year(institution)
        self.reported.add((institution.slug, year))
        return Plan(institution, year, self._date(year), repeat, self._others(institution, year))


def _comma(score: Decimal) -> str:
    return f"{score:.2f}".replace(".", ",")


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


class Writer:
    """Front-matter and body of each planned release."""

    def __init__(self, rng: random.Random, results: Results) -> None:
        self.rng = rng
        self.results = results
        self.slugs: set[str] = set()

    def _name(self, institution: Institution) -> str:
        return institution.name if self.rng.random() < 0.55 else self.rng.choice(institution.aliases)

    def _score(self, score: Decimal) -> str:
        return _q(_comma(score)) if self.rng.random() < 0.5 else f"{score:.2f}"

    def _zone(self, zone: str) -> str:
        return f"Zona {zone.capitalize()}" if self.rng.random() < 0.1 else zone

    def _title(self, plan: Plan, result: Result) -> str:
        who, year = plan.institution.short, plan.year
        if plan.repeat:
            options = [
                f"{who} Terima Sertifikat Hasil Penilaian Kepatuhan {year}",
                f"Ombudsman Serahkan Hasil Penilaian Kepatuhan {year} kepada {who}",
            ]
        elif result.zone is None:
            options = [f"{who} Raih {result.category} dari Ombudsman RI", f"{result.category} untuk {who} pada Penilaian {year}"]
        elif result.score is None:
            options = [f"{who} Masuk {result.outcome} Penilaian Kepatuhan {year}"]
        else:
            options = [
                f"{who} Raih {result.outcome} dengan Nilai {_comma(result.score)} pada Penilaian Kepatuhan {year}",
                f"{who} Masuk {result.outcome} Penilaian Kepatuhan Ombudsman {year}",
                f"Nilai Kepatuhan Pelayanan Publik {who} {year} Capai {_comma(result.score)}",
            ]
        return self.rng.choice(options)

    def _slug(self, plan: Plan) -> str:
        base = f"{plan.date.isoformat()}-{plan.institution.slug}"
        slug, number = base, 1
        while slug in self.slugs:
            number += 1
            slug = f"{base}-{number}"
        self.slugs.add(slug)
        return slug

    def _result_lines(self, result: Result, indent: str, with_rank: bool) -> Iterator[str]:
        if result.score is not None:
            yield f"{indent}score: {self._score(result.score)}"
        if result.zone:
            yield f"{indent}zone: {self._zone(result.zone)}"
        if result.zone is None or self.rng.random() < 0.7:
            yield f"{indent}category: {_q(result.category)}"
        if with_rank and result.rank:
            yield f"{indent}rank: {_q(result.rank)}"

    def _awards(self, plan: Plan) -> list[str]:
        if not plan.others:
            return []
        lines = ["awards:"]
        for other in plan.others:
            lines.append(f"  - institution: {_q(self._name(other))}")
            lines += self._result_lines(self.results.of(other, plan.year), "    ", self.rng.random() < 0.5)
        return lines

    def _summary(self, plan: Plan, result: Result) -> str:
        what = f"nilai {_comma(result.score)} ({result.outcome})" if result.score is not None else result.outcome
        return f"{plan.institution.name} memperoleh {what} pada Penilaian Kepatuhan Penyelenggaraan Pelayanan Publik {plan.year}."

    def _tags(self, plan: Plan, result: Result) -> str:
        province = names.PROVINCES.get(plan.institution.province or "", "nasional").lower()
        return f"[{province}, {plan.institution.kind}, {result.zone or 'opini'}]"

    def _story(self, plan: Plan, result: Result) -> prose.Story:
        history = []
        for year in plan.institution.years:
            if year < plan.year:
                earlier = self.results.of(plan.institution, year)
                history.append((year, _comma(earlier.score) if earlier.score is not None else "-", earlier.outcome))
        return prose.Story(
            plan.institution.name,
            plan.institution.short,
            plan.institution.province or "Pusat",
            plan.year,
            _comma(result.score) if result.score is not None else None,
            result.outcome,
            tuple(history[-4:]),
        )

    def release(self, plan: Plan) -> tuple[str, str]:
        """(path under content/, file text)."""
        result = self.results.of(plan.institution, plan.year)
        slug = self._slug(plan)
        lines = ["---", f"title: {_q(self._title(plan, result))}", f"date: {plan.date.isoformat()}"]
        if plan.year != plan.date.year or self.rng.random() < 0.5:
            lines.append(f"year: {plan.year}")
        lines.append(f"institution: {_q(self._name(plan.institution))}")
        lines += self._result_lines(result, "", True)
        lines += [f"summary: {_q(self._summary(plan, result))}", f"tags: {self._tags(plan, result)}", f"slug: {slug}"]
        lines += self._awards(plan)
        lines.append("---")
        text = "\n".join(lines) + "\n\n" + prose.body(self.rng, self._story(plan, result), self.rng.randint(400, 885))
        return f"{plan.date.year}/{slug}.md", text


# ---------------------------------------------------------------- the project folder


def one_language(config: str) -> str:
    """`config` (the text of a site_config.toml) without its top-level `translations` line: the corpus builds the
    site's own language alone, as Hugo, Pelican and older commits do, so the English mirror doubles no work."""
    table = config.find("\n[")
    head, rest = (config, "") if table < 0 else (config[:table], config[table:])
    kept = "".join(line for line in head.splitlines(keepends=True) if not re.match(r"\s*translations\s*=", line))
    text = kept + rest
    data, before = tomllib.loads(text), tomllib.loads(config)
    before.pop("translations", None)
    if data != before:  # a multi-line or oddly placed `translations` would leave TOML this cannot vouch for
        raise SystemExit("gencorpus: could not leave `translations` out of site_config.toml; write it on one line")
    return text


def prepare(target: Path) -> None:
    """Make `target` an empty project folder, refusing to clear a folder that is not an earlier corpus."""
    if target.exists() and any(target.iterdir()):
        if not (target / MARKER).exists():
            raise SystemExit(f"gencorpus: {target} is not empty and not a corpus written by gencorpus; choose another folder")
        shutil.rmtree(target)
    target.mkdir(parents=True, exist_ok=True)
    (target / MARKER).write_text(f"generator = {GENERATOR_VERSION}\n", encoding="utf-8")


def generate(count: int, target: Path, project: Path = REPO) -> int:
    """Write the corpus, with site_config.toml and templates/ from `project`; returns the number of releases written."""
    prepare(target)
    rng = random.Random(SEED)
    registry = build_registry(rng)
    results = Results(load_rubric(project / "site_config.toml"), registry)
    (target / "site_config.toml").write_text(one_language((project / "site_config.toml").read_text(encoding="utf-8")), encoding="utf-8")
    shutil.copytree(project / "templates", target / "templates", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    content = target / "content"
    content.mkdir()
    (content / "institutions.toml").write_text(registry_toml(registry), encoding="utf-8")
    planner, writer = Planner(rng, registry), Writer(rng, results)
    for _ in range(count):
        path, text = writer.release(planner.next())
        file = content / path
        file.parent.mkdir(exist_ok=True)
        file.write_text(text, encoding="utf-8")
    (target / MARKER).write_text(f"releases = {count}\ngenerator = {GENERATOR_VERSION}\n", encoding="utf-8")
    return count


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a deterministic synthetic Arsip project of N releases into DIR.")
    parser.add_argument("count", type=int, metavar="N", help="number of releases")
    parser.add_argument("directory", type=Path, metavar="DIR", help="project folder to (re)create")
    parser.add_argument("--project", type=Path, default=REPO, help="where site_config.toml and templates/ come from (default: this repo)")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("N must be at least 1")
    written = generate(args.count, args.directory, args.project)
    print(f"{written:,} releases written to {args.directory}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
