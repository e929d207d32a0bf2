"""tagging/compat.py finds openedx_tagging's modules in either layout: flat (openedx-learning 0.32+, openedx-core)
and under `openedx_tagging.core.tagging` (openedx-learning up to 0.31, Open edX Ulmo)."""

import sys
import types

import pytest
from django.apps import apps

from digicomp_xblock.platform import tagging_available
from digicomp_xblock.tagging import compat


def forget_openedx_tagging(monkeypatch):
    """Imports of openedx_tagging start afresh (the real modules are put back after the test)."""
    compat.module.cache_clear()
    for name in [name for name in sys.modules if name.split(".")[0] == "openedx_tagging"]:
        monkeypatch.delitem(sys.modules, name)


@pytest.fixture
def fake_tagging(monkeypatch):
    """A stand-in openedx_tagging with only the old layout (openedx_tagging.core.tagging.api / .models)."""
    forget_openedx_tagging(monkeypatch)
    modules = {}
    for name in ("openedx_tagging", "openedx_tagging.core", "openedx_tagging.core.tagging",
                 "openedx_tagging.core.tagging.api", "openedx_tagging.core.tagging.models"):
        modules[name] = types.ModuleType(name)
        modules[name].__path__ = []  # a package, so that its submodules are looked up (and missing ones raise)
    for name, module in modules.items():
        monkeypatch.setitem(sys.modules, name, module)
    yield modules
    compat.module.cache_clear()


def test_the_installed_layout_is_found():
    name = compat.app_name()
    assert name in compat.APP_NAMES and apps.is_installed(name)
    assert tagging_available()
    assert compat.api().get_taxonomy_by_export_id  # the API tagging/api.py calls
    assert compat.models().ObjectTag._meta.app_label == "oel_tagging"
    assert compat.module("import_export.parsers").ParserFormat.CSV


def test_the_old_layout_is_used_when_the_flat_one_is_missing(fake_tagging):
    assert compat.api() is fake_tagging["openedx_tagging.core.tagging.api"]
    assert compat.models() is fake_tagging["openedx_tagging.core.tagging.models"]


def test_a_module_neither_layout_has_is_reported(fake_tagging):
    with pytest.raises(ModuleNotFoundError, match="openedx_tagging has no module 'nothing'"):
        compat.module("nothing")


def test_without_openedx_tagging_there_is_no_app(monkeypatch):
    forget_openedx_tagging(monkeypatch)
    monkeypatch.setitem(sys.modules, "openedx_tagging", None)  # import openedx_tagging fails
    assert compat.app_name() is None
    with pytest.raises(ModuleNotFoundError):
        compat.api()
    compat.module.cache_clear()
