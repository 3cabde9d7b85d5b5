"""Indonesian-like press-release prose for the synthetic corpus.

Input: a seeded `random.Random` and a `Story` (who, which year, what result). Output: Markdown
text of a requested length in words: paragraphs written one sentence per line, a bulleted list,
sometimes a subheading and a small table. Same generator state in, same text out.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Story:
    """What a release is about, as the prose mentions it."""

    name: str  # the canonical name, e.g. "Pemerintah Kabupaten Bungo"
    short: str  # the press form, e.g. "Pemkab Bungo"
    province: str  # e.g. "Jambi" (national bodies: "Pusat")
    year: int
    score: str | None  # "93,68", or None for a zone-only result
    outcome: str  # "Zona Hijau", "Zona Kuning", "Opini Kualitas Tinggi", ...
    history: tuple[tuple[int, str, str], ...]  # (year, score, outcome) of earlier years, for the table


SUBJECTS = (
    "Ombudsman RI",
    "Tim penilai",
    "Pemerintah daerah",
    "Para pelaksana layanan",
    "Unit layanan terpadu",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Penanaman Modal dan PTSP",
    "Rumah sakit umum daerah",
    "Setiap puskesmas",
    "Dinas Kesehatan",
    "Dinas Sosial",
    "Dinas Perhubungan",
    "Pengelola Mal Pelayanan Publik",
    "Inspektorat",
    "Bagian Organisasi",
)
VERBS = (
    "meningkatkan",
    "memperbaiki",
    "melengkapi",
    "menyediakan",
    "mengevaluasi",
    "memastikan",
    "menindaklanjuti",
    "mempublikasikan",
    "menyempurnakan",
    "memperkuat",
    "menata ulang",
    "menerapkan",
    "memantau",
    "mendokumentasikan",
)
OBJECTS = (
    "standar pelayanan",
    "maklumat pelayanan",
    "sarana pengaduan masyarakat",
    "kompetensi petugas layanan",
    "informasi biaya dan waktu layanan",
    "ruang tunggu yang nyaman",
    "fasilitas bagi penyandang disabilitas",
    "sistem antrean daring",
    "survei kepuasan masyarakat",
    "prosedur penanganan pengaduan",
    "persyaratan administrasi",
    "jam operasional layanan",
    "papan informasi pelayanan",
    "loket khusus bagi lansia",
    "pojok laktasi",
    "kanal pengaduan daring",
    "tindak lanjut laporan masyarakat",
    "sistem informasi pelayanan publik",
)
ADVERBIALS = (
    "secara konsisten",
    "di seluruh unit layanan",
    "dalam beberapa bulan terakhir",
    "sebelum penilaian berikutnya",
    "bersama organisasi perangkat daerah",
    "sesuai Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
    "agar masyarakat tidak dirugikan",
    "tanpa dipungut biaya tambahan",
    "dengan melibatkan masyarakat",
    "secara bertahap",
    "hingga ke tingkat kecamatan",
    "melalui rapat koordinasi rutin",
)
CONNECTORS = (
    "Selain itu,",
    "Di sisi lain,",
    "Oleh karena itu,",
    "Meski demikian,",
    "Dalam kesempatan tersebut,",
    "Lebih lanjut,",
    "Sementara itu,",
    "Ke depan,",
    "Pada penilaian kali ini,",
    "Menurut tim penilai,",
)
STATES = (
    "sudah memenuhi sebagian besar indikator",
    "masih perlu dibenahi",
    "meningkat dibandingkan tahun sebelumnya",
    "belum sepenuhnya sesuai standar",
    "menjadi contoh bagi daerah lain",
    "dinilai cukup baik oleh masyarakat",
)
PROBLEMS = (
    "pungutan liar",
    "penundaan berlarut",
    "penyimpangan prosedur",
    "permintaan imbalan",
    "diskriminasi dalam pelayanan",
    "petugas yang tidak kompeten",
)
SPEAKERS = (
    "Kepala Perwakilan Ombudsman RI {p}",
    "Asisten Pemeriksaan Laporan Ombudsman RI {p}",
    "Sekretaris Daerah",
    "Kepala Dinas Penanaman Modal dan PTSP",
    "Kepala Bagian Organisasi",
    "Anggota Ombudsman RI",
)
HEADINGS = ("Aspek yang dinilai", "Catatan perbaikan", "Tindak lanjut", "Langkah berikutnya", "Hasil di daerah")

Template = Callable[[random.Random, Story], str]


def _pick(rng: random.Random, items: Sequence[str]) -> str:
    return items[int(rng.random() * len(items))]


def _speaker(rng: random.Random, story: Story) -> str:
    return _pick(rng, SPEAKERS).format(p=story.province)


TEMPLATES: tuple[Template, ...] = (
    lambda r, s: f"{_pick(r, CONNECTORS)} {_pick(r, SUBJECTS).lower()} {_pick(r, VERBS)} {_pick(r, OBJECTS)} {_pick(r, ADVERBIALS)}.",
    lambda r, s: f"{_pick(r, SUBJECTS)} juga diminta {_pick(r, VERBS)} {_pick(r, OBJECTS)}, terutama pada {_pick(r, OBJECTS)}.",
    lambda r, s: f"“Kami akan terus {_pick(r, VERBS)} {_pick(r, OBJECTS)} {_pick(r, ADVERBIALS)},” ujar {_speaker(r, s)}.",
    lambda r, s: f"Penilaian mencakup {r.randint(3, 40)} produk layanan, antara lain {_pick(r, OBJECTS)} dan {_pick(r, OBJECTS)}.",
    lambda r, s: f"Hasil tersebut menunjukkan bahwa {_pick(r, OBJECTS)} di lingkungan {s.short} {_pick(r, STATES)}.",
    lambda r, s: f"{_pick(r, CONNECTORS)} warga dapat melapor ke Ombudsman bila menemukan {_pick(r, PROBLEMS)} {_pick(r, ADVERBIALS)}.",
    lambda r, s: f"Menurut {_speaker(r, s)}, {_pick(r, OBJECTS)} {_pick(r, STATES)} dan perlu dijaga {_pick(r, ADVERBIALS)}.",
    lambda r, s: f"Tahun {s.year} menjadi momentum bagi {s.short} untuk {_pick(r, VERBS)} {_pick(r, OBJECTS)} dan {_pick(r, OBJECTS)}.",
)


def _sentence(rng: random.Random, story: Story) -> str:
    return TEMPLATES[int(rng.random() * len(TEMPLATES))](rng, story)


def _words(text: str) -> int:
    return text.count(" ") + text.count("\n") + 1


def _lead(story: Story) -> str:
    result = f"nilai {story.score} dan masuk {story.outcome}" if story.score else f"hasil {story.outcome}"
    return (
        f"{story.name} memperoleh {result} dalam Penilaian Kepatuhan Penyelenggaraan Pelayanan Publik tahun {story.year} "
        f"yang dilakukan Ombudsman Republik Indonesia.\n"
        f"Hasil itu disampaikan oleh Ombudsman RI Perwakilan {story.province} kepada {story.short} "
        f"dalam kegiatan penyerahan hasil penilaian."
    )


def _bullets(rng: random.Random, story: Story) -> str:
    items = rng.sample(OBJECTS, rng.randint(3, 6))
    lines = [f"- **{item[0].upper()}{item[1:]}**: {_pick(rng, STATES)} {_pick(rng, ADVERBIALS)}." for item in items]
    return "Beberapa aspek yang menjadi perhatian dalam penilaian antara lain:\n\n" + "\n".join(lines)


def _table(story: Story) -> str:
    rows = [f"| {year} | {score} | {outcome} |" for year, score, outcome in story.history]
    rows.append(f"| {story.year} | {story.score or '-'} | {story.outcome} |")
    return f"Perkembangan hasil penilaian {story.short}:\n\n| Tahun | Nilai | Hasil |\n|---|---:|---|\n" + "\n".join(rows)


def body(rng: random.Random, story: Story, words: int) -> str:
    """Markdown of about `words` words: lead, paragraphs, a list, sometimes a heading and a table, a closing quote."""
    blocks = [_lead(story)]
    extras = [_bullets(rng, story)]
    if story.history and rng.random() < 0.35:
        extras.append(_table(story))
    if rng.random() < 0.4:
        extras.insert(0, f"## {_pick(rng, HEADINGS)}")
    closing = f"“Pelayanan publik yang baik adalah hak setiap warga,” kata {_speaker(rng, story)} menutup kegiatan tersebut."
    budget = words - _words(closing) - sum(_words(block) for block in blocks + extras)
    middle: list[str] = []
    while budget > 0:
        sentences = []
        for _ in range(rng.randint(3, 6)):
            sentences.append(_sentence(rng, story))
            budget -= _words(sentences[-1])
            if budget <= 0:
                break
        middle.append("\n".join(sentences))
    cut = max(1, len(middle) // 2)
    blocks += middle[:cut] + extras + middle[cut:]
    blocks.append(closing)
    return "\n\n".join(blocks) + "\n"
