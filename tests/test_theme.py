"""The default theme inside the package: a project without templates/ builds a whole site, and a project's own
template replaces the theme's file of that name and nothing else."""

from __future__ import annotations

import shutil
from pathlib import Path

from sitetools import THEME, read_page, run_here, tree_bytes

RELEASE = """---
title: Pemkot Jambi raih nilai 93,68
date: 2024-12-03
institution: Pemerintah Kota Jambi
score: 93,68
---

Contoh isi rilis.
"""


def test_a_project_without_templates_builds_with_the_theme(mini_site) -> None:
    root = mini_site({"content/2024/rilis.md": RELEASE})
    shutil.rmtree(root / "templates")
    result = run_here(root)
    assert result.returncode == 0, result.stderr
    home = read_page(root, "/")
    assert home.find("a", string="Pemkot Jambi raih nilai 93,68") is not None
    assert (root / "output" / "static" / "style.css").read_bytes() == (THEME / "static" / "style.css").read_bytes()


def test_one_overridden_template_changes_only_its_pages(mini_site) -> None:
    root = mini_site({"content/2024/rilis.md": RELEASE})
    assert run_here(root).returncode == 0
    before = tree_bytes(root / "output")
    theme_404 = (THEME / "templates" / "404.html").read_text(encoding="utf-8")
    assert "{% block content %}" in theme_404
    own = theme_404.replace("{% block content %}", "{% block content %}<p>Halaman milik situs ini</p>", 1)
    (root / "templates" / "404.html").write_text(own, encoding="utf-8")
    (root / "templates" / "static").mkdir()
    (root / "templates" / "static" / "print.css").write_text("/* milik situs ini */\n", encoding="utf-8")
    assert run_here(root).returncode == 0
    after = tree_bytes(root / "output")
    changed = sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))
    assert changed == ["404.html", "en/404.html", "static/print.css"]  # the page in each language, one static file
    assert "Halaman milik situs ini" in read_page(root, "/404.html").get_text()
    assert "Halaman milik situs ini" in read_page(root, "/en/404.html").get_text()  # the English mirror uses it too
    (root / "templates" / "404.html").unlink()  # the theme's file again
    assert run_here(root).returncode == 0
    assert {path: tree_bytes(root / "output")[path] for path in ("404.html", "en/404.html")} == {
        path: before[path] for path in ("404.html", "en/404.html")
    }


def test_the_repository_templates_folder_only_overrides() -> None:
    own = {path.name for path in (Path(__file__).resolve().parents[1] / "templates").iterdir()}
    assert "README.md" in own and not own & {path.name for path in (THEME / "templates").iterdir()}
