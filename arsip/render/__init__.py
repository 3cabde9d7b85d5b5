"""Render stage, planned pages -> bytes: each `Page` is rendered through its Jinja template with the
interface words (`templates`, `strings`, the score chart from `chart`, the feeds' filters from `sharing`), every name, configuration
field and body an output reads is recorded and digested (`record`), and only the files whose
recorded inputs changed are produced again (`produce`), the others kept as they are on disk; what
comes out is every file of the site with its record, for `publish` to put in place.
"""
