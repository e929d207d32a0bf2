"""The demo scenarios: XML files shipped in `digicomp_xblock/scenarios/`, named after their file.

A scenario's title is its root element's `display_name`. Parsed with entity resolution and network access off.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from lxml import etree

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    xml: str
    tags: frozenset[str]


def all_scenarios() -> list[Scenario]:
    """Every scenario file, sorted by name."""
    found = []
    folder = resources.files("digicomp_xblock").joinpath("scenarios")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".xml"):
            xml = entry.read_text(encoding="utf-8")
            root = etree.fromstring(xml.encode("utf-8"), _PARSER)
            name = entry.name[: -len(".xml")]
            found.append(Scenario(name, root.get("display_name", name), xml, frozenset(e.tag for e in root.iter())))
    return found


def scenarios_using(tag: str) -> list[Scenario]:
    """The scenarios that contain an element `tag`."""
    return [s for s in all_scenarios() if tag in s.tags]
