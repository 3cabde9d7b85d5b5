"""Model stage, values -> the archive: each `SourceDoc` is checked against the release format and the
scoring rubric into a typed `Release` (`validate`, `fields`, `rubric`), the releases are merged into
the `Archive` readers browse, one `Award` per institution and year (`archive`, its dataclasses in
`types`), and `build.py check` adds its checks of links and likely duplicate institutions
(`checks`); what is wrong comes out as problems at the line to fix.
"""
