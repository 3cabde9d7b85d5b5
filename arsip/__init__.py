"""Arsip: a static site generator for awards archives.

Input: a project folder (site_config.toml, content/, templates/). Output: a static site in output/.
The stages live one per folder (`source`, `model`, `site`, `render`, `publish`; the command line in
`commands`); `arsip.pipeline.build` runs them in order, through `arsip.stages`.
"""

__version__ = "0.1.0"
