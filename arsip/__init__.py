"""Arsip: a static site generator for awards archives.

Input: a project folder (site_config.toml, content/, templates/). Output: a static site in output/.
The stages live one per module; `arsip.pipeline.build` runs them in order.
"""

__version__ = "0.1.0"
