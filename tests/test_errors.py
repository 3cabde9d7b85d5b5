"""Broken input: every problem reported at once, with file, line and hint; output/ untouched.

Each folder in tests/invalid/ is a broken mini-site: its content/ files plus the exact lines the build
must print, in English (`expected.txt`) and in Indonesian (`expected.id.txt`, `ARSIP_LANG=id`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sitetools import REPO, copy_project, run_here, template_file, tree_state

INVALID = Path(__file__).parent / "invalid"
CASES = sorted(path.name for path in INVALID.iterdir() if (path / "expected.txt").is_file())
EXPECTED = {"en": "expected.txt", "id": "expected.id.txt"}  # the language, and the file of the lines it prints


def invalid_site(tmp_path: Path, *cases: str) -> Path:
    root = copy_project(tmp_path / "site", with_content=False)
    shutil.copy2(REPO / "content" / "institutions.toml", root / "content")
    for case in cases:
        for source in (INVALID / case / "content").rglob("*"):
            if source.is_file():
                target = root / "content" / case / source.relative_to(INVALID / case / "content")
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
    return root


def expected_lines(case: str, language: str = "en") -> list[str]:
    lines = (INVALID / case / EXPECTED[language]).read_text(encoding="utf-8").splitlines()
    return [line.replace("content/", f"content/{case}/", 1) for line in lines]


@pytest.mark.parametrize("language", EXPECTED)
@pytest.mark.parametrize("case", CASES)
def test_invalid_site_prints_exact_problems(tmp_path: Path, case: str, language: str) -> None:
    root = invalid_site(tmp_path, case)
    result = run_here(root, env={"ARSIP_LANG": language})
    assert result.returncode == 1
    assert result.stderr.splitlines() == expected_lines(case, language)
    assert "Traceback" not in result.stderr + result.stdout
    assert not (root / "output").exists()


def test_four_broken_files_give_four_lines_and_leave_output_unchanged(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "site")
    assert run_here(root).returncode == 0
    before = tree_state(root / "output")
    for case in ("bad-yaml", "missing-title", "score-120", "zone-hijo"):
        shutil.copytree(INVALID / case / "content", root / "content" / case)
    result = run_here(root)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[-1] == "4 errors, 0 warnings in 4 files"
    problems = lines[:-1]
    assert len(problems) == 4
    assert [line.split(":")[0] for line in problems] == [
        "content/bad-yaml/2024-12-03-kota-jambi.md",
        "content/missing-title/2024-12-03-kota-jambi.md",
        "content/score-120/2024-12-03-kota-jambi.md",
        "content/zone-hijo/2024-12-03-kota-jambi.md",
    ]
    assert [int(line.split(":")[1]) for line in problems] == [5, 1, 5, 5]
    assert tree_state(root / "output") == before


def test_template_error_points_at_template_line(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "site")
    template = template_file(root, "zones.html")
    lines = template.read_text(encoding="utf-8").splitlines()
    lines.insert(4, "{{ no_such_variable }}")
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_here(root)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "templates/zones.html:5: error: template error: 'no_such_variable' is undefined "
        "(check the variable's name; templates/ lists what each page receives)"
    )


def test_template_syntax_error_points_at_template_line(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "site")
    (template_file(root, "zones.html")).write_text('{% extends "base.html" %}\n{% block content %}\n{% if %}\n', encoding="utf-8")
    result = run_here(root)
    assert result.returncode == 1
    assert result.stderr.startswith("templates/zones.html:3: error: template syntax error:")


def test_unknown_config_key_is_an_error_with_line(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "site")
    config = root / "site_config.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('language = "id"', 'langauge = "id"'), encoding="utf-8")
    result = run_here(root)
    assert result.returncode == 1
    line = next(n for n, text in enumerate(config.read_text().splitlines(), 1) if text.startswith("langauge"))
    assert result.stderr.splitlines()[0] == f"site_config.toml:{line}: error: unknown key 'langauge' (did you mean 'language'?)"


def test_unknown_front_matter_key_warns_with_suggestion(mini_site) -> None:
    root = mini_site({"content/a.md": "---\ntitle: A\ndate: 2024-12-03\ninstitution: Pemkot Jambi\nscroe: 90\n---\nIsi.\n"})
    result = run_here(root)
    assert result.returncode == 0
    assert "content/a.md:5: warning: unknown field 'scroe' is ignored (did you mean 'score'?)" in result.stderr.splitlines()
    strict = run_here(root, "build", "--strict")
    assert strict.returncode == 1
