"""The demo's scenarios: XML files in `scenarios/`, each registered with the workbench as `/scenario/<file name>/`,
and the example competence tags of `demo_tags.yaml` on their units.

A scenario's title is its root element's `display_name` (taken off the element, which has no such field). Parsed with
entity resolution and network access off.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from lxml import etree
from workbench import scenarios as workbench_scenarios
from workbench.runtime import WorkbenchRuntime

from digicomp_xblock import conf
from digicomp_xblock.core.loader import parse_yaml
from digicomp_xblock.platform.course import walk
from digicomp_xblock.tagging import api

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    xml: str


def all_scenarios() -> list[Scenario]:
    """Every scenario file, sorted by name."""
    found = []
    folder = resources.files("digicomp_demo").joinpath("scenarios")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".xml"):
            root = etree.fromstring(entry.read_bytes(), _PARSER)
            name = entry.name[: -len(".xml")]
            title = root.attrib.pop("display_name", name)  # the page's title; the SDK's containers have no field for it
            found.append(Scenario(name, title, etree.tostring(root, encoding="unicode")))
    return found


def scenario_xml(name: str) -> str:
    """The XML of the scenario file `name`."""
    return next(scenario.xml for scenario in all_scenarios() if scenario.name == name)


def register_scenarios():
    """Each scenario file becomes `/scenario/<file name>/` (the SDK itself would name them `<block>.<n>`).

    Registering them first also keeps the SDK from loading its sample scenarios.
    """
    if workbench_scenarios.SCENARIOS:
        return
    workbench_scenarios.WORKBENCH_KVS.prep_for_scenario_loading()
    for scenario in all_scenarios():
        workbench_scenarios.add_xml_scenario(scenario.name, scenario.title, scenario.xml)
    tag_demo_units()


def tag_demo_units():
    """Put the example tags of demo_tags.yaml on their units, unless a unit has tags already."""
    framework = conf.framework()
    if api.taxonomy_of(framework.id) is None:
        return  # run `django-admin digicomp_taxonomy` first (make demo does)
    wanted = parse_yaml((Path(__file__).parent / "demo_tags.yaml").read_text(encoding="utf-8"), "demo_tags.yaml")
    for name, units in wanted.items():
        runtime = WorkbenchRuntime()
        root = runtime.get_block(workbench_scenarios.SCENARIOS[name].usage_id)
        for block in walk(root):
            ids = units.get(getattr(block, "display_name", None))
            if ids and not api.competences_of(str(block.scope_ids.usage_id), framework.id):
                api.set_competences(str(block.scope_ids.usage_id), framework, ids)
