"""The social card of a release, drawn from its values: the zone's colour where a reader sees the result, the same bytes
for the same values, and any title (long, accented, in scripts the font lacks) drawn within the card."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

from PIL import Image

from arsip.site import cards
from arsip.source.config import load_config

CONFIG = load_config(Path(__file__).resolve().parents[2])[0]  # the sample site's: its grades carry the colours


def release(title: str = "Pemkot Jambi Raih Nilai 93,68", zone: str | None = "hijau", score: str | None = "93.68") -> SimpleNamespace:
    return SimpleNamespace(
        title=title,
        institution=SimpleNamespace(name="Pemerintah Kota Jambi"),
        is_news=False,
        score=Decimal(score) if score else None,
        zone=zone,
        category="Kualitas Tertinggi" if zone else "Opini Kualitas Tertinggi Tanpa Maladministrasi",
        letter="A" if zone else None,
        year=2024 if zone else 2025,
        date=dt.date(2024, 12, 3),
    )


def drawn(values: SimpleNamespace) -> Image.Image:
    image = Image.open(io.BytesIO(cards.release_card({"release": values}, None, CONFIG)))  # type: ignore[arg-type]
    assert image.format == "PNG" and image.size == (cards.WIDTH, cards.HEIGHT)
    return image.convert("RGB")


def test_the_band_under_the_result_has_the_zone_colour_or_a_neutral_one() -> None:
    """The colours are the sample site's [[grade]] colours (the badge shows them too)."""
    corner = (4, cards.HEIGHT - 4)
    assert drawn(release(zone="merah")).getpixel(corner) == (0xA5, 0x1D, 0x1D)
    assert drawn(release(zone="kuning")).getpixel(corner) == (0x7A, 0x52, 0x00)
    assert drawn(release(zone=None, score=None)).getpixel(corner) == (0x59, 0x61, 0x6B)  # 2025: a category, no zone


def test_the_same_values_make_the_same_bytes_and_other_values_others() -> None:
    first = cards.release_card({"release": release()}, None, CONFIG)  # type: ignore[arg-type]
    assert cards.release_card({"release": release()}, None, CONFIG) == first  # type: ignore[arg-type]
    assert cards.release_card({"release": release(score="93.67")}, None, CONFIG) != first  # type: ignore[arg-type]


def test_any_title_is_drawn_within_the_card() -> None:
    long = "Pemerintah Kabupaten Tanjung Jabung Barat " * 60 + "Café – naïve — 東京 🎉"
    image = drawn(release(title=long))
    text_area = image.crop((0, cards.TOP_BAR + 1, cards.WIDTH, cards.BAND))
    assert (0x1B, 0x1F, 0x24) in {colour for _, colour in text_area.getcolors(4096)}  # the title, in ink
    right_margin = image.crop((cards.WIDTH - cards.MARGIN + 4, cards.TOP_BAR + 1, cards.WIDTH, cards.BAND))
    assert right_margin.getcolors() == [(right_margin.width * right_margin.height, (255, 255, 255))]  # nothing ran off
    assert cards._drawable("Café – naïve — 東京") == "Cafe - naive - "
