"""Rating scales are read from a validated file; a scope is a list of IDs resolved to statements in document order."""

import copy
import os
from pathlib import Path

import pytest
import yaml

from digicomp_xblock.core.loader import FrameworkError
from digicomp_xblock.core.scales import DEFAULT_SCALE, NOT_RELEVANT, load_scales
from digicomp_xblock.core.scope import ScopeError, parse_scope, resolve_scope, statements_of

DEFAULT_SCALES = Path(__file__).resolve().parents[2] / "framework" / "scales" / "default.yaml"

# --- The bundled scales --------------------------------------------------------------------------------------------


def test_bundled_scales():
    scales = load_scales()
    assert scales.ids == ("growth-5-kinds", "growth-5", "three-levels")
    assert DEFAULT_SCALE in scales.ids
    assert NOT_RELEVANT == "na"


@pytest.mark.parametrize("scale_id, values", [("growth-5", (0, 1, 2, 3, 4)), ("three-levels", (0, 1, 2))])
def test_bundled_levels(scale_id, values):
    scale = load_scales().get(scale_id)
    assert scale.values == values
    assert (scale.minimum, scale.maximum) == (values[0], values[-1])
    for level in scale.levels:
        assert set(level.label.languages) == {"en", "nl"}
        assert set(level.description.languages) == {"en", "nl"}
        assert level.label.get("en") != level.label.get("nl")
    assert set(scale.title.languages) == {"en", "nl"}


@pytest.mark.parametrize("scale_id, value, label", [("growth-5", 3, "I do it independently"),
                                                     ("three-levels", 2, "Confidently")])
def test_the_independent_level_is_doing_it_on_ones_own(scale_id, value, label):
    scale = load_scales().get(scale_id)
    assert scale.independent == value and scale.level(value).label.get("en") == label


def test_growth_5_labels_in_english_and_dutch():
    scale = load_scales().get("growth-5")
    assert scale.level(0).label.get("en") == "Not yet familiar with this"
    assert scale.level(4).label.get("en") == "I can guide others"
    assert scale.level(4).label.get("nl") == "Ik kan anderen begeleiden"
    assert scale.level(3).label.get("nl-be") == "Ik doe het zelfstandig"
    assert scale.level(2).label.get("fr") == "I can do it with support"  # falls back to the first language
    with pytest.raises(StopIteration):
        scale.level(5)


@pytest.mark.parametrize("scale_id, mean, percentage", [
    ("growth-5", 0, 0.0), ("growth-5", 4, 100.0), ("growth-5", 1, 25.0), ("growth-5", 3, 75.0),
    ("growth-5", 2.5, 62.5), ("three-levels", 1, 50.0), ("three-levels", 2, 100.0), ("three-levels", 0.5, 25.0),
])
def test_percentage_of_a_mean_level(scale_id, mean, percentage):
    assert load_scales().get(scale_id).percentage(mean) == percentage


def test_not_relevant_label_in_both_languages():
    level = load_scales().not_relevant
    assert level.label.get("en") == "Not relevant to my work"
    assert level.label.get("nl") == "Niet relevant voor mijn werk"
    assert set(level.description.languages) == {"en", "nl"}


def test_unknown_scale_is_a_key_error():
    with pytest.raises(KeyError):
        load_scales().get("growth-7")


# --- Broken scales files -------------------------------------------------------------------------------------------

def text(en, nl=None):
    return {"en": en, "nl": nl or f"{en} (nl)"}


def level(value):
    return {"value": value, "label": text(f"level {value}"), "description": text(f"about level {value}")}


#: A small valid scales file with two scales, built here so that it does not depend on the bundled file.
BASE = {
    "languages": ["en", "nl"],
    "not_relevant": {"label": text("Not relevant"), "description": text("Does not count.")},
    "scales": [
        {"id": "four", "title": text("Four levels"), "levels": [level(0), level(1), level(2), level(3)],
         "independent": 3},
        {"id": "two", "title": text("Two levels"), "levels": [level(1), level(5)], "independent": 5},
    ],
}


@pytest.fixture
def doc():
    return copy.deepcopy(BASE)


def scales_problems(path):
    with pytest.raises(FrameworkError) as caught:
        load_scales(path)
    return [str(p) for p in caught.value.problems]


def test_the_base_document_is_valid(doc, write_yaml):
    scales = load_scales(write_yaml(doc, "scales.yaml"))
    assert scales.ids == ("four", "two")
    assert scales.get("two").values == (1, 5)
    assert scales.get("two").independent == 5
    assert scales.get("two").percentage(3) == 50.0
    assert scales.not_relevant.label.get("nl") == "Not relevant (nl)"


def drop(mapping, key):
    mapping.pop(key)


# (what to break, the words the single problem must contain)
BROKEN = {
    "duplicate scale id": (lambda d: d["scales"][1].update(id="four"),
                           ["scales[1].id", "[four]", "duplicate scale id"]),
    "decreasing levels": (lambda d: d["scales"][0]["levels"].reverse(),
                          ["scales[0].levels", "[four]", "level values must increase"]),
    "repeated level value": (lambda d: d["scales"][0]["levels"][2].update(value=1),
                             ["scales[0].levels", "[four]", "level values must increase"]),
    "missing language in a label": (lambda d: drop(d["scales"][1]["levels"][1]["label"], "nl"),
                                     ["scales[1].levels[1].label", "[two]", "missing language(s): nl"]),
    "missing language in a description": (lambda d: drop(d["scales"][0]["levels"][3]["description"], "en"),
                                           ["scales[0].levels[3].description", "[four]", "missing language(s): en"]),
    "missing language in a title": (lambda d: drop(d["scales"][0]["title"], "nl"),
                                     ["scales[0].title", "[four]", "missing language(s): nl"]),
    "unknown key in a level": (lambda d: d["scales"][0]["levels"][0].update(colour="red"),
                               ["scales[0].levels[0]", "'colour' was unexpected"]),
    "unknown key in a scale": (lambda d: d["scales"][1].update(colour="red"),
                               ["scales[1]", "[two]", "'colour' was unexpected"]),
    "unknown key at the top": (lambda d: d.update(colour="red"),
                               ["(document)", "'colour' was unexpected"]),
    "value on not relevant": (lambda d: d["not_relevant"].update(value=9),
                              ["not_relevant", "'value' was unexpected"]),
    "fewer than 2 levels": (lambda d: d["scales"][1].update(levels=[level(1)]),
                            ["scales[1].levels", "[two]", "is too short"]),
    "negative level": (lambda d: d["scales"][0]["levels"][0].update(value=-1),
                       ["scales[0].levels[0].value", "-1 is less than the minimum of 0"]),
    "level without value": (lambda d: drop(d["scales"][0]["levels"][0], "value"),
                            ["scales[0].levels[0]", "'value' is a required property"]),
    "bad scale id": (lambda d: d["scales"][0].update(id="Four Levels"),
                     ["scales[0].id", "does not match"]),
    "no scales": (lambda d: d.update(scales=[]),
                  ["scales", "should be non-empty"]),
    "independent level not on the scale": (lambda d: d["scales"][1].update(independent=3),
                                           ["scales[1].independent", "[two]", "3 is not one of the level values [1, 5]"]),
    "scale without an independent level": (lambda d: drop(d["scales"][0], "independent"),
                                           ["scales[0]", "'independent' is a required property"]),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_each_broken_scales_file_is_refused_naming_the_place(name, doc, write_yaml):
    breaker, expected = BROKEN[name]
    breaker(doc)
    path = write_yaml(doc, "scales.yaml")
    problems = scales_problems(path)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path.resolve()}: ")
    for words in expected:
        assert words in problems[0]


def test_every_rule_problem_is_reported(doc, write_yaml):
    doc["scales"][1]["id"] = "four"
    doc["scales"][0]["levels"].reverse()
    doc["scales"][1]["title"].pop("en")
    problems = scales_problems(write_yaml(doc, "scales.yaml"))
    assert len(problems) == 3
    assert "scales[0].levels [four]: level values must increase" in problems[0]
    assert "scales[1].id [four]: duplicate scale id" in problems[1]
    assert "scales[1].title [four]: missing language(s): en" in problems[2]


def test_unreadable_scales_files(tmp_path, write_yaml):
    assert "cannot read file" in scales_problems(tmp_path / "nowhere.yaml")[0]
    assert "duplicate key 'scales'" in scales_problems(write_yaml("scales: []\nscales: []\n", "scales.yaml"))[0]


def test_an_edited_scales_file_is_read_again(doc, write_yaml):
    path = write_yaml(doc, "scales.yaml")
    assert load_scales(path).ids == ("four", "two")
    doc["scales"].pop()
    write_yaml(doc, "scales.yaml")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert load_scales(path).ids == ("four",)


def test_not_relevant_missing_a_language_is_refused(doc, write_yaml):
    doc["not_relevant"]["label"].pop("nl")
    problems = scales_problems(write_yaml(doc, "scales.yaml"))
    assert "not_relevant.label" in problems[0] and "missing language(s): nl" in problems[0]


def test_undeclared_language_in_a_scale_is_refused(doc, write_yaml):
    doc["scales"][0]["title"]["fr"] = "Quatre niveaux"
    problems = scales_problems(write_yaml(doc, "scales.yaml"))
    assert "title" in problems[0] and "not declared in 'languages': fr" in problems[0]


# --- Scope ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, ids", [
    ("1 2, 5.2.3 2", ["1", "2", "5.2.3"]),
    ("1,2,3", ["1", "2", "3"]),
    ("  5.1 \n\t 1.1.1 ,, ", ["5.1", "1.1.1"]),
    ("F2 F1", ["F2", "F1"]),
    ("", []),
    ("  , ", []),
    (None, []),
])
def test_parse_scope(text, ids):
    assert parse_scope(text) == ids


def ids_of(statements):
    return [s.id for s in statements]


def test_resolve_a_cluster(framework):
    assert ids_of(resolve_scope(framework, ["1"])) == [
        "1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.2.5",
        "1.3.1", "1.3.2", "1.3.3", "1.3.4"]


@pytest.mark.parametrize("ids, expected", [
    (["1.1"], ["1.1.1", "1.1.2", "1.1.3", "1.1.4"]),
    (["5.2.3"], ["5.2.3"]),
    (["9.3.4", "1.1.2"], ["1.1.2", "9.3.4"]),
    (["1.3", "1.1.1", "1.1"], ["1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.3.1", "1.3.2", "1.3.3", "1.3.4"]),
    (["8.3"], ["8.3.1"]),
    (["6.1", "6.3", "6.1.2"], ["6.1.1", "6.1.2", "6.3.1", "6.3.2"]),
])
def test_resolve_components_and_statements_in_document_order(ids, expected, framework):
    assert ids_of(resolve_scope(framework, ids)) == expected


@pytest.mark.parametrize("ids, count, first, last", [
    (["5", "1"], 13 + 38, "1.1.1", "5.3.11"),
    (["1", "5", "1.1.1", "5.2", "1"], 13 + 38, "1.1.1", "5.3.11"),
    (["F1"], 13 + 19 + 12, "1.1.1", "3.3.4"),
    (["F3", "F1"], 13 + 19 + 12 + 14 + 10 + 10, "1.1.1", "9.3.4"),
    (["F2", "5", "4.2.1"], 18 + 38 + 10, "4.1.1", "6.3.2"),
    (["F1", "F2", "F3"], 144, "1.1.1", "9.3.4"),
])
def test_resolve_focuses_and_clusters_without_duplicates(ids, count, first, last, framework):
    statements = resolve_scope(framework, ids)
    order = ids_of(framework.statements())
    assert len(statements) == count
    assert len(set(ids_of(statements))) == count
    assert (statements[0].id, statements[-1].id) == (first, last)
    assert ids_of(statements) == sorted(ids_of(statements), key=order.index)


def test_empty_scope_is_every_statement(framework):
    everything = resolve_scope(framework, [])
    assert len(everything) == 144
    assert everything == tuple(framework.statements())
    assert resolve_scope(framework, parse_scope("  ")) == everything


@pytest.mark.parametrize("ids, unknown", [
    (["10"], ["10"]),
    (["1", "1.4", "5.2.3", "9.9.9"], ["1.4", "9.9.9"]),
    (["F4", "f1", "1.1.1.1"], ["F4", "f1", "1.1.1.1"]),
])
def test_unknown_ids_are_listed(ids, unknown, framework):
    with pytest.raises(ScopeError) as caught:
        resolve_scope(framework, ids)
    assert caught.value.unknown == unknown
    assert str(caught.value) == f"unknown competence ID(s): {', '.join(unknown)}"


def test_scope_error_is_a_value_error(framework):
    with pytest.raises(ValueError):
        resolve_scope(framework, ["nope"])


def test_statements_of_each_kind_of_node(mini):
    assert ids_of(statements_of(mini.node("F2"))) == ["2.2.1", "2.2.2", "2.2.3"]
    assert ids_of(statements_of(mini.node("1"))) == ["1.1.1", "1.1.2", "1.3.1"]
    assert ids_of(statements_of(mini.node("1.3"))) == ["1.3.1"]
    assert ids_of(statements_of(mini.node("2.2.2"))) == ["2.2.2"]
    with pytest.raises(TypeError):
        statements_of("1.1.1")


@pytest.mark.parametrize("kind, value, lang, label", [
    ("knowledge", 3, "en", "I know it well"), ("skills", 3, "en", "I do it independently"),
    ("attitudes", 3, "en", "It guides what I do"), ("knowledge", 0, "nl", "Dit is nieuw voor mij"),
    ("attitudes", 4, "nl", "Ik moedig anderen erin aan"), (None, 2, "en", "I can do it with support"),
])
def test_the_default_scale_words_its_levels_for_each_kind_of_statement(kind, value, lang, label):
    scale = load_scales().get(DEFAULT_SCALE)
    assert scale.worded_by_kind and scale.values == load_scales().get("growth-5").values
    assert scale.level(value).wording(kind).label.get(lang) == label


def test_a_scale_without_kinds_words_every_kind_alike():
    scale = load_scales().get("growth-5")
    assert not scale.worded_by_kind
    assert {scale.level(3).wording(kind).label.get("en") for kind in ("knowledge", "skills", "attitudes")} == {
        "I do it independently"}


def test_a_kind_wording_needs_every_language(write_yaml):
    doc = yaml.safe_load((Path(DEFAULT_SCALES)).read_text(encoding="utf-8"))
    del doc["scales"][0]["levels"][1]["by_kind"]["knowledge"]["label"]["nl"]
    with pytest.raises(FrameworkError) as raised:
        load_scales(write_yaml(doc, "scales.yaml"))
    assert "scales[0].levels[1].by_kind.knowledge.label" in str(raised.value) and "missing language(s): nl" in str(
        raised.value)
