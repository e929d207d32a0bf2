"""Shared fixtures: the bundled framework, the mini test framework and broken copies of it, the demo course and the
framework as a taxonomy."""

from pathlib import Path

import pytest
import yaml
from workbench.runtime import ID_MANAGER
from workbench.scenarios import SCENARIOS, add_xml_scenario

from digicomp_xblock.core.loader import framework_path, get_framework, load_framework
from digicomp_xblock.tagging.api import sync_taxonomy
from tests.helpers import COURSE, statements_in

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini.yaml"


@pytest.fixture(scope="session")
def framework():
    """The bundled 2025 framework."""
    return get_framework("social-work-2025")


@pytest.fixture(scope="session")
def mini():
    return load_framework(MINI)


@pytest.fixture
def mini_doc():
    """The mini framework as a fresh, mutable document."""
    return yaml.safe_load(MINI.read_text(encoding="utf-8"))


@pytest.fixture
def write_yaml(tmp_path):
    """Write a document (dict) or raw text to a YAML file and return its path."""

    def write(content, name="framework.yaml"):
        path = tmp_path / name
        text = content if isinstance(content, str) else yaml.safe_dump(content, allow_unicode=True, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def fresh_scenarios():
    """Scenarios live in the database, which each test rolls back: register them again for every test."""
    SCENARIOS.clear()
    ID_MANAGER.clear()


@pytest.fixture
def framework_file(write_yaml):
    """`framework_file("2025.2.0", {"5.2.3": "new text"})`: a copy of the bundled framework file with another data
    version and some English statement texts changed; its path."""

    def write(version, texts=None, remove=()):
        doc = yaml.safe_load(framework_path("social-work-2025").read_text(encoding="utf-8"))
        doc["version"] = version
        for statement in statements_in(doc):
            if statement["id"] in (texts or {}):
                statement["text"]["en"] = texts[statement["id"]]
        for focus in doc["focuses"]:
            for cluster in focus["clusters"]:
                for component in cluster["components"]:
                    component["statements"] = [s for s in component["statements"] if s["id"] not in remove]
        return write_yaml(doc, f"social-work-{version}.yaml")

    return write


@pytest.fixture
def framework_copy(framework_file):
    """Like `framework_file`, loaded."""
    return lambda version, texts=None, remove=(): load_framework(framework_file(version, texts, remove))


@pytest.fixture
def taxonomy(framework):
    """The bundled framework imported as a taxonomy (English values), as `make demo` does."""
    result = sync_taxonomy(framework, "en")
    assert result.created and len(result.changes) == 180
    return result


@pytest.fixture
def course():
    """Registers the demo course like the devsite (without its example tags); the root usage id."""
    add_xml_scenario(COURSE.name, COURSE.title, COURSE.xml)
    return SCENARIOS[COURSE.name].usage_id


#: Figures tests report (bodies tried, submits acknowledged...), printed at the end of the run.
FIGURES: list[str] = []


@pytest.fixture
def figures():
    """`figures("…")`: a line for the run's summary."""
    return FIGURES.append


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section("figures")
        for line in FIGURES:
            terminalreporter.write_line(line)
