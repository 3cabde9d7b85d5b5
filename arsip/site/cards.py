"""Social cards: the picture a shared link shows, one PNG per release, per institution and one for the site.

Input: the values a card row hands its make function (a `Release`; an institution's reference and latest
`Award`; nothing for the site's own card), the `Urls` and the recording view of the configuration (its title,
language and the programme's grades: their colours and labels). Output: the PNG's bytes, 1200 x 630, the same
bytes for the same values: no time, no metadata,
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
HEADING_SIZES = (60, 52, 44)
LEVELS = 16  # steps of a text's edge from its background to its colour: smooth to the eye, a small palette
PLAIN = MappingProxyType({"—": "-", "–": "-", "‐": "-", "‑": "-", "−": "-", "×": "x", "\u00a0": " "})


def release_card(values: Mapping[str, Any], urls: Urls, config: Any) -> bytes:
    """A release: its title, its institution, and its result (score, zone, assessment year, category) on the zone's colour."""
    release, words = values["release"], Formatter(config)
    card = _Card(config.title)
    card.heading(release.title, release.institution.name)
    if release.is_news:
        card.band(NEUTRAL, words.date_long(release.date), words.t("news"))
    else:
        card.band(_colour(release.zone, config), _headline(release, words), _details(release, words))
    return card.png()


def institution_card(values: Mapping[str, Any], urls: Urls, config: Any) -> bytes:
    """An institution: its name, kind and province, and its latest result on the zone's colour."""
    ref, latest, words = values["institution"], values["latest"], Formatter(config)
    card = _Card(config.title)
    card.heading(ref.name, " · ".join(part for part in (words.kind(ref.kind), ref.province) if part))
    if latest is None:
        card.band(NEUTRAL, words.t("no_results"), "")
    else:
        card.band(_colour(latest.zone, config), _headline(latest, words), _details(latest, words))
    return card.png()


def site_card(values: Mapping[str, Any], urls: Urls, config: Any) -> bytes:
    """The site itself (every page that is not a release's or an institution's): its title, description and the zones."""
    words = Formatter(config)
    card = _Card(config.title)
    card.heading(config.title, config.description, sizes=HEADING_SIZES, lines=2)
    card.zones([(grade.colour, grade.label(words.language)) for grade in config.programme.grades])
    return card.png()


def _colour(zone: str | None, config: Any) -> str:
    """The grade's colour from the programme (`[[grade]]` colour, as badges show it); neutral without a grade."""
    return next((grade.colour for grade in config.programme.grades if grade.name == zone), NEUTRAL) if zone else NEUTRAL


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
    """One card being drawn: the site's name on top, a heading and a line under it, a coloured band at the bottom.

    It is drawn straight in palette colours: each text is drawn once as a greyscale mask and written as the
    `LEVELS` blends between its background and its own colour, so the PNG needs no quantising and stays small."""

    def __init__(self, site_title: str) -> None:
        self.colours: list[tuple[int, int, int]] = [_rgb(WHITE)]  # palette index -> colour: solid ones, and blends
        self.blends: dict[tuple[str, str], int] = {}
        self.image = Image.new("P", (WIDTH, HEIGHT), 0)
        self.draw = ImageDraw.Draw(self.image)
        self.fill((0, 0, WIDTH, TOP_BAR), NAVY)
        self.text((MARGIN, 26), site_title, 32, NAVY, WHITE, WIDTH - 2 * MARGIN)

    def fill(self, box: tuple[int, int, int, int], colour: str) -> None:
        if (colour, colour) not in self.blends:
            self.blends[(colour, colour)] = len(self.colours)
            self.colours.append(_rgb(colour))
        self.draw.rectangle(box, fill=self.blends[(colour, colour)])

    def blend(self, background: str, colour: str) -> int:
        """The first palette index of the `LEVELS` steps from `background` to `colour`."""
        first = self.blends.get((background, colour))
        if first is None:
            first = self.blends[(background, colour)] = len(self.colours)
            self.colours.extend(_steps(background, colour))
        return first

    def text(self, where: tuple[int, int], text: str, size: int, background: str, colour: str, width: int, bold: bool = False) -> None:
        """One line, drawn word by word from the painted words kept per process (titles share most of their words)."""
        font, first, x = _font(size), self.blend(background, colour), float(where[0])
        for word in _ellipsised(_drawable(text), font, width).split(" "):
            painted = _painted(word, size, bold, first)
            if painted is not None:
                (left, top), image, mask = painted
                self.image.paste(image, (round(x) + left, where[1] + top), mask)  # one mode: the indices are copied as they are
            x += _length(word, font) + _length(" ", font)

    def heading(self, text: str, under: str, sizes: tuple[int, ...] = HEADING_SIZES, lines: int = 3) -> None:
        size, wrapped = _wrapped(_drawable(text), sizes, WIDTH - 2 * MARGIN, lines)
        y = TOP_BAR + 40
        for line in wrapped:
            self.text((MARGIN, y), line, size, WHITE, INK, WIDTH - 2 * MARGIN, bold=True)
            y += round(size * 1.22)
        if under:
            size, wrapped = _wrapped(_drawable(under), (34, 30), WIDTH - 2 * MARGIN, max(1, (BAND - y - 24) // 40))
            for line in wrapped:
                self.text((MARGIN, y + 14), line, size, WHITE, MUTED, WIDTH - 2 * MARGIN)
                y += round(size * 1.25)

    def band(self, colour: str, headline: str, details: str) -> None:
        self.fill((0, BAND, WIDTH, HEIGHT), colour)
        self.text((MARGIN, BAND + 26), headline, 56, colour, WHITE, WIDTH - 2 * MARGIN, bold=True)
        if details:
            self.text((MARGIN, BAND + 100), details, 32, colour, WHITE, WIDTH - 2 * MARGIN)

    def zones(self, zones: list[tuple[str, str]]) -> None:
        if not zones:  # a programme without grades: the band stays white
            return
        step = WIDTH // len(zones)
        for index, (colour, word) in enumerate(zones):
            left = index * step
            self.fill((left, BAND, WIDTH if index == len(zones) - 1 else left + step, HEIGHT), colour)
            self.text((left + 40, BAND + 56), word, 44, colour, WHITE, step - 60, bold=True)

    def png(self) -> bytes:
        self.image.putpalette([channel for colour in self.colours for channel in colour])
        buffer = io.BytesIO()
        # No pnginfo, no time: the same drawing, the same bytes. Level 3: twice as fast as 6, a fifth larger.
        self.image.save(buffer, "PNG", compress_level=3)
        return buffer.getvalue()


@functools.lru_cache(maxsize=8192)
def _painted(word: str, size: int, bold: bool, first: int) -> tuple[tuple[int, int], Image.Image, Image.Image] | None:
    """A word as palette indices from `first` (its background) to `first + LEVELS - 1` (its colour), the mask of its
    inked pixels, and its offset from where it is drawn: drawn on a greyscale image whose two ends are those indices,
    the edges' blends fall on the steps between. Kept per process: drawing text is most of a card's cost, and the
    words of ten thousand titles are a few thousand."""
    font, stroke = _font(size), 1 if bold else 0
    left, top, right, bottom = (int(edge) for edge in font.getbbox(word, stroke_width=stroke))
    if right <= left or bottom <= top:
        return None
    shade = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(shade).text((-left, -top), word, font=font, fill=LEVELS - 1, stroke_width=stroke, stroke_fill=LEVELS - 1)
    indices = shade.point(lambda level: first + level)
    return (left, top), Image.frombytes("P", shade.size, indices.tobytes()), shade.point(lambda level: 255 if level else 0)


@functools.lru_cache(maxsize=64)
def _steps(background: str, colour: str) -> tuple[tuple[int, int, int], ...]:
    """The `LEVELS` colours from `background` to `colour`, evenly spaced."""
    ends = _rgb(background), _rgb(colour)
    return tuple(
        tuple(round(a + (b - a) * step / (LEVELS - 1)) for a, b in zip(*ends, strict=True))  # type: ignore[misc]
        for step in range(LEVELS)
    )


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


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
    used = 0.0
    for word in text.split():
        length = _length(word, font)
        if lines and used + _length(" ", font) + length <= width:
            lines[-1] += " " + word
            used += _length(" ", font) + length
        else:
            lines.append(word)
            used = length
    return lines or [""]


@functools.lru_cache(maxsize=8192)
def _length(word: str, font: Any) -> float:
    """A word's width (a line's is taken as its words' and spaces' widths: the font has no kerning across a space)."""
    return float(font.getlength(word))


def _ellipsised(text: str, font: Any, width: int, force: bool = False) -> str:
    """The text, or as much of it as fits followed by an ellipsis (`force`: the ellipsis even when it all fits)."""
    if not force and sum(_length(word, font) for word in text.split(" ")) + _length(" ", font) * text.count(" ") <= width:
        return text
    cut = text[: width // 8]  # no glyph is narrower than 8 pixels at these sizes
    while cut and font.getlength(cut.rstrip() + "…") > width:
        cut = cut[:-1]
    return cut.rstrip() + "…"
