"""Source stage, files -> values: `site_config.toml` becomes a `SiteConfig` (`config`, whose TOML
checks are in `config_checks`), `content/` and `templates/static/` are walked and read (`tree`),
each release's YAML front-matter is parsed into a `SourceDoc` (`frontmatter`), and
`content/institutions.toml` becomes the institution `Directory` (`registry`); every file that cannot
be read ends in a problem, never in a crash. Every problem's message and hint is `Text` (`arsip.i18n`),
rendered in the editor's language at the edge; broken YAML and TOML are worded by `yaml_words` and
`config_checks.toml_problem`, never in the parser's words.
"""
