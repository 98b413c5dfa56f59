"""What a site is built from: one commune's configuration, or the members of a network.

`site_members(path)` reads a path as the command line gives it: a configuration (a TOML
file, or a folder holding strategy.toml) is a one-commune site; a network.toml (or a folder
holding one) names a network's members, their regions and provinces and its title
(`municipal_strategy.network.load_network`); a folder whose subfolders hold configurations
is a network too, one member per subfolder, in the order of their names, no region known.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from ..loading import STRATEGY_FILE
from ..model import Text
from ..network import NETWORK_FILE, Network, load_network
from .names import unique_names


@attrs.frozen
class SiteMember:
    """A commune of the site: its folder-safe `slug`, its configuration, and where it is.

    `name` is what a network calls the commune: the network's index shows it (else the
    configuration's name); the commune's own pages name it as its configuration does."""

    slug: str
    config: Path
    name: Text | None = None
    region: Text | None = None
    province: Text | None = None


@attrs.frozen
class SiteSource:
    """The members of a site, and whether they make a network (an index page above the
    communes' pages) or one commune (its page is the index)."""

    members: tuple[SiteMember, ...]
    network: bool
    #: The network's own name, where it gives one.
    title: Text | None = None


def _stem(config: Path) -> str:
    """What a configuration is called: its folder, or its file's name."""
    config = config.resolve()
    if config.is_dir() or config.name == STRATEGY_FILE:
        return (config if config.is_dir() else config.parent).name
    return config.stem


def one_commune(config: Path) -> SiteSource:
    stem = _stem(config)
    return SiteSource((SiteMember(unique_names([stem], "commune")[stem], config),), network=False)


def of_network(network: Network) -> SiteSource:
    """A network's members, in its order, their ids made file names (an id may be a
    name in any script)."""
    names = unique_names((m.id for m in network.members), "commune")
    members = tuple(
        SiteMember(
            slug=names[m.id],
            config=m.path,
            name=m.name,
            region=Text.plain(m.region) if m.region else None,
            province=Text.plain(m.province) if m.province else None,
        )
        for m in network.members
    )
    return SiteSource(members, network=True, title=network.title)


def _is_commune(path: Path) -> bool:
    if path.is_dir():
        return (path / STRATEGY_FILE).is_file()
    return path.is_file() and path.name != NETWORK_FILE


def site_members(path: Path) -> SiteSource:
    """The site `path` stands for (see the module); a `ConfigError` when it is none."""
    if _is_commune(path):
        return one_commune(path)
    return of_network(load_network(path))
