"""Source stage, files -> values: `site_config.toml` becomes a `SiteConfig` (`config`, whose TOML
checks are in `config_checks`), `content/` and `templates/static/` are walked and read (`tree`),
each release's YAML front-matter is parsed into a `SourceDoc` (`frontmatter`), and
`content/institutions.toml` becomes the institution `Directory` (`registry`); every file that cannot
be read ends in a problem, never in a crash.
"""
