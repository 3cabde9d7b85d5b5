"""The commands in both languages, run as an editor runs them: build.py's `main` (in the test's process, or in a
subprocess where the environment must hold exactly what a test gives) with `ARSIP_LANG=id`, with `--lang en`, and
with neither (the site's `language` decides), on a good and on a broken mini-site; the exact progress, summary
and problem lines each language prints; help and usage errors in each language; `new`'s messages; and
argparse's error messages read back in Indonesian.

The wording of a problem found by the build's stages is not fixed here (tests/unit/test_messages.py
checks every translation); the lines that the commands themselves write are.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sitetools import REPO, run_here

from arsip import pipeline
from arsip.commands import cli
from arsip.commands.arguments import translated
from arsip.i18n import language

ID = {"ARSIP_LANG": "id"}
GOOD = "---\ntitle: A\ndate: 2024-12-03\ninstitution: Pemkot Jambi\nzone: hijau\n---\nIsi.\n"
BROKEN = GOOD.replace("hijau", "hijo")
SIMILAR = "---\ntitle: {title}\ndate: 2024-12-0{day}\ninstitution: {name}\nzone: hijau\n---\nIsi.\n"


def test_a_good_build_in_indonesian_then_in_english(mini_site) -> None:
    root = mini_site({"content/a.md": GOOD})
    built = run_here(root, env=ID)
    assert built.returncode == 0 and built.stderr == ""
    pages = re.fullmatch(r"Selesai membangun (\d+) halaman dari 1 rilis dalam \d+,\d detik\n", built.stdout)
    assert pages, built.stdout
    again = run_here(root, env=ID)
    assert re.fullmatch(rf"Tidak ada yang berubah: {pages[1]} halaman dari 1 rilis sudah mutakhir \(\d+,\d detik\)\n", again.stdout)
    checked = run_here(root, "check", env=ID)
    assert re.fullmatch(rf"Selesai memeriksa {pages[1]} halaman dari 1 rilis dalam \d+,\d detik\n", checked.stdout), checked.stdout

    english = run_here(root, "--lang", "en", env=ID)  # --lang over $ARSIP_LANG
    assert english.returncode == 0 and english.stderr == ""
    assert re.fullmatch(rf"Built {pages[1]} pages from 1 release in \d+\.\d s\n", english.stdout), english.stdout  # "1 release"
    again = run_here(root, "build", "--lang=en", env=ID)
    assert re.fullmatch(rf"Nothing changed: {pages[1]} pages from 1 release up to date \(\d+\.\d s\)\n", again.stdout)
    checked = run_here(root, "check", "--lang", "en", env=ID)
    assert re.fullmatch(rf"Checked {pages[1]} pages from 1 release in \d+\.\d s\n", checked.stdout), checked.stdout


def test_a_broken_site_in_indonesian_and_in_english(mini_site) -> None:
    root = mini_site({"content/a.md": BROKEN})
    indonesian = run_here(root, env=ID)
    assert indonesian.returncode == 1 and indonesian.stdout == ""
    lines = indonesian.stderr.splitlines()
    assert len(lines) == 2 and lines[0].startswith("content/a.md:5: kesalahan: "), lines
    assert lines[1] == "1 kesalahan, 0 peringatan di 1 berkas"

    english = run_here(root, "--lang", "en", env=ID)
    assert english.returncode == 1 and english.stdout == ""
    assert english.stderr.splitlines() == [
        "content/a.md:5: error: zone 'hijo' is not one of hijau, kuning, merah (did you mean 'hijau'?)",
        "1 error, 0 warnings in 1 file",
    ]


def test_the_warning_count_follows_the_number_in_each_language(mini_site) -> None:
    files = {
        "content/a.md": SIMILAR.format(title="A", day=1, name="Pemkot Sungai Penuh"),
        "content/b.md": SIMILAR.format(title="B", day=2, name="Pemerintah Kota Sungai Penuh"),
    }
    root = mini_site(files, registry=False)
    indonesian = run_here(root, "check", env=ID)
    assert indonesian.returncode == 0
    assert [line.split(": ")[:2] for line in indonesian.stderr.splitlines()] == [["content/b.md:4", "peringatan"]]
    assert re.fullmatch(r"Selesai memeriksa \d+ halaman dari 2 rilis dalam \d+,\d detik; 1 peringatan\n", indonesian.stdout)
    english = run_here(root, "check", "--lang", "en")
    assert re.fullmatch(r"Checked \d+ pages from 2 releases in \d+\.\d s; 1 warning\n", english.stdout), english.stdout
    built = run_here(root, "--lang", "en")
    assert re.fullmatch(r"Built \d+ pages from 2 releases in \d+\.\d s; 1 warning\n", built.stdout), built.stdout
    again = run_here(root, "--lang", "en")
    assert re.fullmatch(r"Nothing changed: \d+ pages from 2 releases up to date \(\d+\.\d s\); 1 warning\n", again.stdout)


@pytest.mark.parametrize(("site", "first_word"), [("id", "Selesai"), ("en", "Built")])
def test_the_site_language_decides_when_neither_lang_nor_the_variable_is_given(mini_site, site: str, first_word: str) -> None:
    root = mini_site({"content/a.md": GOOD})
    config = root / "site_config.toml"
    text = config.read_text(encoding="utf-8")
    assert 'language = "id"' in text
    config.write_text(text.replace('language = "id"', f'language = "{site}"', 1), encoding="utf-8")
    environment = {key: value for key, value in os.environ.items() if key != "ARSIP_LANG"}
    built = _run_without_variable(root, environment)
    assert built.returncode == 0, built.stderr
    assert built.stdout.split()[0] == first_word
    other = "en" if site == "id" else "id"
    assert _run_without_variable(root, environment, "--lang", other).stdout.split()[0] == ("Built" if other == "en" else "Selesai")


def _run_without_variable(root: Path, environment: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """`build.py` run with exactly `environment` (sitetools.run_build adds the suite's $ARSIP_LANG)."""
    command = [sys.executable, str(REPO / "build.py"), "--root", str(root), *args]
    return subprocess.run(command, capture_output=True, text=True, env=environment, timeout=120, check=False)


def test_help_in_indonesian_and_in_english(tmp_path: Path) -> None:
    indonesian = run_here(tmp_path, "--help", "--lang", "id")
    assert indonesian.returncode == 0
    assert indonesian.stdout.startswith("penggunaan: build.py [-h]")
    for line in (
        "opsi:",
        "perintah:",
        "tampilkan bantuan ini lalu keluar",
        "anggap peringatan sebagai kesalahan",
        "bangun situs ke output/",
    ):
        assert line in indonesian.stdout, line
    english = run_here(tmp_path, "--help", "--lang", "en", env=ID)
    assert english.stdout.startswith("usage: build.py [-h]")
    for line in ("options:", "commands:", "show this help message and exit", "treat warnings as errors", "build the site into output/"):
        assert line in english.stdout, line
    new = run_here(tmp_path, "new", "--help", env=ID)
    assert new.stdout.startswith("penggunaan: build.py new [-h]")
    assert "argumen posisi:" in new.stdout and "judul rilis, seperti di sumbernya" in new.stdout and "--institution NAMA" in new.stdout


def test_usage_errors_in_indonesian_and_in_english(tmp_path: Path) -> None:
    missing = run_here(tmp_path, "new", "--lang", "id")
    assert missing.returncode == 2 and missing.stdout == ""
    assert missing.stderr.startswith("penggunaan: build.py new ")
    assert missing.stderr.splitlines()[-1] == "build.py new: kesalahan: argumen berikut wajib diberikan: judul, --institution"
    english = run_here(tmp_path, "new", env=ID | {"ARSIP_LANG": "en"})
    assert english.returncode == 2
    assert english.stderr.splitlines()[-1] == "build.py new: error: the following arguments are required: title, --institution"
    unknown = run_here(tmp_path, "--lang=id", "build", "--fast")
    assert unknown.returncode == 2 and unknown.stderr.splitlines()[-1] == "build.py: kesalahan: argumen tidak dikenal: --fast"
    port = run_here(tmp_path, "serve", "--port", "x", env=ID)
    assert port.returncode == 2 and port.stderr.splitlines()[-1] == "build.py serve: kesalahan: argumen --port: nilai int tidak sah: 'x'"
    command = run_here(tmp_path, "bangun", env=ID)
    assert (
        command.returncode == 2
        and "build.py: kesalahan: argumen command: pilihan tidak sah: 'bangun' (pilih salah satu dari " in command.stderr
    )


@pytest.mark.parametrize(
    ("english", "indonesian"),
    [
        ("the following arguments are required: title", "argumen berikut wajib diberikan: title"),
        ("unrecognized arguments: --x --y", "argumen tidak dikenal: --x --y"),
        ("argument --port: invalid int value: 'x'", "argumen --port: nilai int tidak sah: 'x'"),
        (
            "argument --lang: invalid choice: 'fr' (choose from 'id', 'en')",
            "argumen --lang: pilihan tidak sah: 'fr' (pilih salah satu dari 'id', 'en')",
        ),
        ("argument --date: expected one argument", "argumen --date: perlu satu argumen"),
        ("argument --strict: ignored explicit argument 'x'", "argumen --strict: nilai 'x' diabaikan: opsi ini tidak menerima nilai"),
        ("ambiguous option: --d could match --drafts, --date", "opsi ambigu: --d bisa berarti --drafts, --date"),
        ("something argparse may say one day", "something argparse may say one day"),
    ],
)
def test_argparse_errors_are_read_back_in_either_language(english: str, indonesian: str) -> None:
    assert translated(english, language("en")) == english
    assert translated(english, language("id")) == indonesian


def test_new_speaks_indonesian(mini_site) -> None:
    root = mini_site({"content/a.md": GOOD})
    args = ("new", "Rilis Baru", "--institution", "Pemerintah Kota Jamby", "--date", "2025-12-10")
    written = run_here(root, *args, env=ID)
    assert written.returncode == 0 and written.stdout == "content/2025/2025-12-10-rilis-baru.md\n"
    assert written.stderr == (
        "content/2025/2025-12-10-rilis-baru.md: peringatan: 'Pemerintah Kota Jamby' tidak ada di content/institutions.toml "
        "(maksud Anda 'Pemerintah Kota Jambi'? Bila itu instansi lain, tambahkan --register (dan --province) untuk mendaftarkannya)\n"
    )
    again = run_here(root, *args, env=ID)
    assert again.returncode == 1 and again.stderr == (
        "content/2025/2025-12-10-rilis-baru.md: kesalahan: berkas ini sudah ada; tidak ada yang ditulis "
        "(pilih judul lain atau sunting berkas itu)\n"
    )
    english = run_here(root, *args, "--lang", "en", env=ID)
    assert english.stderr == (
        "content/2025/2025-12-10-rilis-baru.md: error: the file already exists; nothing was written "
        "(choose another title or edit that file)\n"
    )
    date = run_here(root, "new", "Rilis", "--institution", "Pemkot Jambi", "--date", "10-12-2025", env=ID)
    assert date.returncode == 2 and date.stderr == "build.py new: --date '10-12-2025' bukan tanggal yang ditulis sebagai YYYY-MM-DD\n"
    refused = run_here(root, "new", "Rilis\nDua", "--institution", "Pemkot Jambi", "--date", "2025-12-11", env=ID)
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.splitlines() == [
        "content/2025/2025-12-11-rilis-dua.md: kesalahan: isian title yang diberikan memuat U+000A, pindah baris atau karakter kendali, "
        "yang tidak bisa ada di nilai satu baris (tulis title dalam satu baris, tanpa tab atau karakter kendali)",
        "tidak ada yang ditulis; jalankan lagi perintah itu dengan nilai yang sudah diperbaiki",
    ]


@pytest.mark.parametrize(
    ("code", "line"), [("id", "arsip: dihentikan; output/ tetap seperti semula"), ("en", "arsip: stopped; output/ is as it was")]
)
def test_a_stopped_build_says_so_in_either_language(
    mini_site, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], code: str, line: str
) -> None:
    root = mini_site({"content/a.md": GOOD})

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "build", interrupted)
    assert cli.main(["--root", str(root), "--lang", code]) == 130
    assert capsys.readouterr().err == line + "\n"


def test_an_internal_error_says_so_in_indonesian(mini_site, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    root = mini_site({"content/a.md": GOOD})

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.delenv("ARSIP_DEBUG", raising=False)
    monkeypatch.setattr(pipeline, "check", broken)
    assert cli.main(["--root", str(root), "check", "--lang", "id"]) == 70
    saved = root / ".arsip-cache" / "internal-error.txt"
    assert capsys.readouterr().err == (
        f"arsip: kesalahan internal, cacat di Arsip, bukan di berkas Anda: RuntimeError: boom; rinciannya ada di {saved}\n"
    )
    assert cli.main(["--root", str(root), "check", "--lang", "en"]) == 70
    assert capsys.readouterr().err == (
        f"arsip: internal error, a bug in Arsip rather than in your files: RuntimeError: boom; the details are in {saved}\n"
    )
