"""The model: localised text with fallback, lookups, document order, caching."""

import os

import pytest

from digicomp_xblock.core.loader import FrameworkError, get_framework, load_framework
from digicomp_xblock.core.model import LocalText, Statement, best_language


@pytest.mark.parametrize("lang, expected", [
    ("nl", "kennen"), ("nl-be", "kennen"), ("nl_BE", "kennen"), ("en", "knowing"), ("fr", "knowing"), (None, "knowing"),
])
def test_local_text_falls_back_to_base_then_source_language(lang, expected):
    assert LocalText.of({"en": "knowing", "nl": "kennen"}).get(lang) == expected


def test_lookups_by_id_and_document_order(mini):
    assert [s.id for s in mini.statements()] == ["1.1.1", "1.1.2", "1.3.1", "2.2.1", "2.2.2", "2.2.3"]
    statement = mini.statement("1.3.1")
    assert (statement.cluster_id, statement.component_id, statement.kind) == ("1", "1.3", "attitudes")
    assert mini.cluster("2").title.get("nl") == "Cluster twee"
    assert mini.focus_of("2").id == "F2"
    assert mini.node("1.1").kind == "knowledge"
    assert "2.2.3" in mini and "9.9.9" not in mini
    with pytest.raises(KeyError):
        mini.statement("1.1")  # a component, not a statement
    with pytest.raises(KeyError):
        mini.cluster("7")


def test_subtheme_groups_keep_document_order(mini):
    groups = mini.cluster("2").components[0].groups()
    assert [(subtheme, [s.id for s in statements]) for subtheme, statements in groups] == [
        ("info", ["2.2.1"]), ("talk", ["2.2.2", "2.2.3"]),
    ]


def test_model_is_immutable(mini):
    with pytest.raises(AttributeError):
        mini.statement("1.1.1").id = "1.1.9"
    assert isinstance(mini.statements().__next__(), Statement)


def test_loaded_once_and_reloaded_when_the_file_changes(tmp_path, mini_doc, write_yaml):
    path = write_yaml(mini_doc)
    first = load_framework(path)
    assert load_framework(path) is first
    mini_doc["version"] = "1.0.1"
    write_yaml(mini_doc)
    os.utime(path, ns=(os.stat(path).st_atime_ns, os.stat(path).st_mtime_ns + 10**9))
    assert load_framework(path).version == "1.0.1"


def test_unknown_bundled_framework_names_the_available_ones():
    with pytest.raises(FrameworkError) as caught:
        get_framework("nope")
    assert "available: social-work-2025" in str(caught.value)


@pytest.mark.parametrize(("active", "default", "expected"), [
    ("nl", None, "nl"), ("nl-be", None, "nl"), ("NL-BE", None, "nl"), ("fr", None, "en"), (None, None, "en"),
    ("fr", "nl", "nl"), ("nl-be", "en", "nl"),
])
def test_best_language_takes_the_base_language_then_the_default(active, default, expected):
    assert best_language(active, ("en", "nl"), default) == expected
