"""Site stage, archive -> the plan of the site: the `Archive` and the configured permalinks become one
`Page` per HTML page with its URL, template and values, the `Urls` helper and the search bundles
(`routes`), plus the files a function makes rather than a template, feeds, sitemap and open data
(`makers`); nothing is rendered or written here.
"""
