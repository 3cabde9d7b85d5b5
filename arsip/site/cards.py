"""Social cards: the picture a shared link shows, one PNG per release, per institution and one for the site.

Input: the values a card row hands its make function (a `Release`; an institution's reference and latest
`Award`; nothing for the site's own card), the `Urls` and the recording view of the configuration (its title
and language). Output: the PNG's bytes, 1200 x 630, the same bytes for the same values: no time, no metadata,
Pillow's own scalable font (no font file of the machine), characters it lacks written the nearest way it has.
"""

from __future__ import annotations

import functools
import io
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from ..render.templates import Formatter
from .routes import Urls

WIDTH, HEIGHT = 1200, 630
MARGIN = 56
TOP_BAR, BAND = 88, 470  # the site's name above TOP_BAR; the result in the band from BAND down
INK, MUTED, NAVY, WHITE, NEUTRAL = "#1b1f24", "#59616b", "#12324f", "#ffffff", "#59616b"
# The zones' colours as the site's style sheet and badge show them; a card always writes the zone's word on its colour.
ZONE_COLOURS = MappingProxyType({"hijau": "#1b6e2d", "kuning": "#7a5200", "merah": "#a51d1d"})
HEADING_SIZES = (60, 52, 44)
PALETTE = 64
PLAIN = MappingProxyType({"—": "-", "–": "-", "‐": "-", "‑": "-", "−": "-", "×": "x", "\u00a0": " "})


def release_card(values: Mapping[str, Any], urls: Urls, config: Any) -> bytes:
    """A release: its title, its institution, and its result (score, zone, assessment year, category) on the zone's colour."""
    release, words = values["release"], Formatter(config.language)
    card = _Card(config.title)
    card.heading(release.title, release.institution.name)
    if release.is_news:
        card.band(NEUTRAL, words.date_long(release.date), words.t("news"))
    else:
        card.band(_colour(release.zone), _headline(release, words), _details(release, words))
    return card.png()


def institution_card(values: Mapping[str, Any], urls: Urls, config: Any) -> bytes:
    """An institution: its name, kind and province, and its latest result on the zone's colour."""
    ref, latest, words = values["institution"], values["latest"], Formatter(config.language)
    card = _Card(config.title)
    card.heading(ref.name, " · ".join(part for part in (words.kind(ref.kind), ref.province) if part))
    if latest is None:
        card.band(NEUTRAL, words.t("no_results"), "")
    else:
        card.band(_colour(latest.zone), _headline(latest, words), _details(latest, words))
    return card.png()


def site_card(values: Mapping[str, Any], urls: Urls, config: Any) -> bytes:
    """The site itself (every page that is not a release's or an institution's): its title, description and the zones."""
    words = Formatter(config.language)
    card = _Card(config.title)
    card.heading(config.title, config.description, sizes=HEADING_SIZES, lines=2)
    card.zones([(ZONE_COLOURS[zone], words.zone(zone)) for zone in ZONE_COLOURS])
    return card.png()


def _colour(zone: str | None) -> str:
    return ZONE_COLOURS.get(zone or "", NEUTRAL)


def _headline(result: Any, words: Formatter) -> str:
    """Score and zone (or the category where no zone was published), as the badge says them."""
    parts = [words.score(result.score)] if result.score is not None else []
    parts.append(words.zone(result.zone) if result.zone else result.category or words.t("no_score"))
    return " · ".join(parts)


def _details(result: Any, words: Formatter) -> str:
    parts = [f"{words.t('assessment_year')} {result.year}"]
    if result.zone and result.category:
        parts.append(f"{result.letter} · {result.category}" if result.letter else result.category)
    return " · ".join(parts)


class _Card:
    """One card being drawn: the site's name on top, a heading and a line under it, a coloured band at the bottom."""

    def __init__(self, site_title: str) -> None:
        self.image = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
        self.draw = ImageDraw.Draw(self.image)
        self.draw.rectangle((0, 0, WIDTH, TOP_BAR), fill=NAVY)
        self.text((MARGIN, 26), site_title, 32, WHITE, WIDTH - 2 * MARGIN)

    def text(self, where: tuple[int, int], text: str, size: int, colour: str, width: int, bold: bool = False) -> None:
        font = _font(size)
        line = _ellipsised(_drawable(text), font, width)
        self.draw.text(where, line, font=font, fill=colour, stroke_width=1 if bold else 0, stroke_fill=colour)

    def heading(self, text: str, under: str, sizes: tuple[int, ...] = HEADING_SIZES, lines: int = 3) -> None:
        size, wrapped = _wrapped(_drawable(text), sizes, WIDTH - 2 * MARGIN, lines)
        y = TOP_BAR + 40
        for line in wrapped:
            self.text((MARGIN, y), line, size, INK, WIDTH - 2 * MARGIN, bold=True)
            y += round(size * 1.22)
        if under:
            size, wrapped = _wrapped(_drawable(under), (34, 30), WIDTH - 2 * MARGIN, max(1, (BAND - y - 24) // 40))
            for line in wrapped:
                self.text((MARGIN, y + 14), line, size, MUTED, WIDTH - 2 * MARGIN)
                y += round(size * 1.25)

    def band(self, colour: str, headline: str, details: str) -> None:
        self.draw.rectangle((0, BAND, WIDTH, HEIGHT), fill=colour)
        self.text((MARGIN, BAND + 26), headline, 56, WHITE, WIDTH - 2 * MARGIN, bold=True)
        if details:
            self.text((MARGIN, BAND + 100), details, 32, WHITE, WIDTH - 2 * MARGIN)

    def zones(self, zones: list[tuple[str, str]]) -> None:
        step = WIDTH // len(zones)
        for index, (colour, word) in enumerate(zones):
            left = index * step
            self.draw.rectangle((left, BAND, WIDTH if index == len(zones) - 1 else left + step, HEIGHT), fill=colour)
            self.text((left + 40, BAND + 56), word, 44, WHITE, step - 60, bold=True)

    def png(self) -> bytes:
        buffer = io.BytesIO()
        # A card has a few colours and their blends: 64 of them keep the text smooth, a third of the bytes, half the time.
        palette = self.image.quantize(PALETTE, method=Image.Quantize.FASTOCTREE)
        palette.save(buffer, "PNG", compress_level=6)  # no pnginfo, no time: the same drawing, the same bytes
        return buffer.getvalue()


@functools.lru_cache(maxsize=16)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


@functools.lru_cache(maxsize=4096)
def _has_glyph(character: str) -> bool:
    """Whether Pillow's default font draws the character (it has a limited set: no accents, no dashes)."""
    font = _font(40)
    return character == " " or bytes(font.getmask(character)) != bytes(font.getmask("\uffff"))


def _drawable(text: str) -> str:
    """The text in characters the font has: dashes as hyphens, letters without their accents, the rest left out."""
    out = []
    for character in " ".join(text.split()):
        if _has_glyph(character):
            out.append(character)
            continue
        plain = PLAIN.get(character) or "".join(c for c in unicodedata.normalize("NFKD", character) if not unicodedata.combining(c))
        out.append("".join(c for c in plain if _has_glyph(c)))
    return "".join(out)


def _wrapped(text: str, sizes: tuple[int, ...], width: int, most: int) -> tuple[int, list[str]]:
    """The largest size at which the text fits in `most` lines; at the smallest, the lines that fit, the last cut short."""
    for size in sizes:
        lines = _lines(text, _font(size), width)
        if len(lines) <= most:
            return size, lines
    size = sizes[-1]
    lines = _lines(text, _font(size), width)
    kept = lines[:most]
    kept[-1] = _ellipsised(" ".join(lines[most - 1 :]), _font(size), width, force=True)
    return size, kept


def _lines(text: str, font: Any, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines or [""]


def _ellipsised(text: str, font: Any, width: int, force: bool = False) -> str:
    """The text, or as much of it as fits followed by an ellipsis (`force`: the ellipsis even when it all fits)."""
    if not force and font.getlength(text) <= width:
        return text
    cut = text[: width // 8]  # no glyph is narrower than 8 pixels at these sizes
    while cut and font.getlength(cut.rstrip() + "…") > width:
        cut = cut[:-1]
    return cut.rstrip() + "…"
