"""Shared fixtures: the bundled framework, the mini test framework, and broken copies of it."""

from pathlib import Path

import pytest
import yaml
from workbench.runtime import ID_MANAGER
from workbench.scenarios import SCENARIOS

from digicomp_xblock.core.loader import get_framework, load_framework

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
