"""Site stage, archive -> the plan of the site: the `Archive` and the configured permalinks become one
`Page` per HTML page with its URL, template and values, the `Urls` helper and the search bundles
(`routes`), plus the files a function makes rather than a template: sitemap (each entry's `lastmod` from
`lastmod`) and open data (`makers`), and the social cards, PNG (`cards`); nothing is rendered or written here.
"""
