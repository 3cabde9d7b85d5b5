"""Publish stage, bytes -> disk: the finished files (`files`: `Output` made in memory, `OnDisk` already
written) replace output/ all at once (`write`), and Pagefind's search index is built in memory
(`pagefind`) and built again only for the bundles whose pages changed (`bundles`).
"""
