"""A static public site of one commune's evaluations, or of a network of communes: plain
HTML pages (no script, nothing fetched) that work from file:// and on any static host.

`site_members(path)` reads what a path stands for (one configuration, or a folder of
them); `build_site(source, output)` writes the pages, in each language of each commune,
with the report's downloads. The layout of the output: `municipal_strategy.site.layout`
and docs/site.md.
"""

from __future__ import annotations

from .builder import Built, build_site, check_output
from .members import SiteMember, SiteSource, site_members

__all__ = ["Built", "SiteMember", "SiteSource", "build_site", "check_output", "site_members"]
