"""Exports: CASE 1.1 against the official schema and read as OpenSALT imports it, Open edX taxonomy CSV, flat CSV."""

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest
from jsonschema import Draft201909Validator, FormatChecker

from digicomp_xblock.core.exports import to_case_package, to_table_csv, to_taxonomy_csv
from digicomp_xblock.core.exports.taxonomy import MAX_VALUE_LENGTH, id_widths, sortable_id
from digicomp_xblock.core.loader import load_framework
from tests.core.case_import import Store, import_package

CASE_SCHEMA = json.loads((Path(__file__).parent.parent / "schemas" / "case_v1p1_cfpackage-jsonschema1.json").read_text())


BASE = "https://example.org/case/"
SEGMENT = {"CFDocument": "CFDocuments", "CFItems": "CFItems", "CFAssociations": "CFAssociations",
           "CFItemTypes": "CFItemTypes", "CFLicenses": "CFLicenses"}


def case(framework, lang, base_uri=None):
    return json.loads(to_case_package(framework, lang, base_uri))


def objects_with_uris(package):
    """(collection, object) for every object of the package that has its own uri."""
    yield "CFDocument", package["CFDocument"]
    for name in ("CFItems", "CFAssociations"):
        for obj in package[name]:
            yield name, obj
    for name in ("CFItemTypes", "CFLicenses"):
        for obj in package["CFDefinitions"].get(name, ()):
            yield name, obj


@pytest.mark.parametrize("base_uri", [None, BASE])
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_case_package_is_valid_against_the_official_schema(framework, lang, base_uri):
    package = case(framework, lang, base_uri)
    errors = list(Draft201909Validator(CASE_SCHEMA, format_checker=FormatChecker()).iter_errors(package))
    assert errors == []


def test_the_schema_check_does_check_formats_and_closed_objects(framework):
    package = case(framework, "nl", BASE)
    package["CFItems"][0]["identifier"] = "F1"
    package["CFAssociations"][0]["lastChangeDateTime"] = "2026-11-23 00:00"
    package["CFDefinitions"]["CFItemTypes"][0]["colour"] = "red"
    del package["CFDefinitions"]["CFLicenses"][0]["licenseText"]
    errors = {error.message for error in Draft201909Validator(CASE_SCHEMA, format_checker=FormatChecker())
              .iter_errors(package)}
    assert errors == {"'F1' is not a 'uuid'", "'2026-11-23 00:00' is not a 'date-time'",
                      "Additional properties are not allowed ('colour' was unexpected)",
                      "'licenseText' is a required property"}


def test_case_package_structure(framework):
    package = case(framework, "en")
    items = {item["humanCodingScheme"]: item for item in package["CFItems"]}
    assert Counter(item["CFItemType"] for item in package["CFItems"]) == {
        "Focus": 3, "Cluster": 9, "Component": 27, "Competence statement": 144,
    }
    assert items["1.1.4"]["fullStatement"].startswith("knowing what are the digital needs, requirements and possibilities")
    assert items["F1"]["fullStatement"] == framework.focuses[0].title.get("en")
    assert "Mediawijs. (2022)" in items["1.1.1"]["notes"]
    parents = {}
    for association in package["CFAssociations"]:
        assert association["associationType"] == "isChildOf"
        parents[association["originNodeURI"]["identifier"]] = (
            association["destinationNodeURI"]["identifier"], association["sequenceNumber"])
    assert parents[items["1.1.4"]["identifier"]] == (items["1.1"]["identifier"], 4)
    assert parents[items["5"]["identifier"]] == (items["F2"]["identifier"], 2)
    assert parents[items["F1"]["identifier"]] == (package["CFDocument"]["identifier"], 1)


def test_every_item_points_to_the_item_type_of_its_kind(framework):
    package = case(framework, "nl")
    types = {t["identifier"]: t for t in package["CFDefinitions"]["CFItemTypes"]}
    assert [(t["typeCode"], t["title"], t["hierarchyCode"]) for t in types.values()] == [
        ("focus", "Focus", "1"), ("cluster", "Cluster", "2"), ("component", "Component", "3"),
        ("statement", "Competence statement", "4")]
    kinds = Counter()
    for item in package["CFItems"]:
        item_type = types[item["CFItemTypeURI"]["identifier"]]
        assert item["CFItemTypeURI"] == {"title": item_type["title"], "identifier": item_type["identifier"],
                                         "uri": item_type["uri"]}
        assert item["CFItemType"] == item_type["title"]
        kinds[item_type["typeCode"], item["humanCodingScheme"].count(".")] += 1
    assert kinds == {("focus", 0): 3, ("cluster", 0): 9, ("component", 1): 27, ("statement", 2): 144}


def test_the_rights_are_the_documents_licence(framework, mini_doc, write_yaml):
    package = case(framework, "nl")
    [licence] = package["CFDefinitions"]["CFLicenses"]
    assert licence["licenseText"] == framework.rights == "©2025 Onlinehulp Vlaanderen. All rights reserved."
    assert package["CFDocument"]["licenseURI"] == {"title": licence["title"], "identifier": licence["identifier"],
                                                   "uri": licence["uri"]}
    del mini_doc["rights"]
    without = case(load_framework(write_yaml(mini_doc)), "en")
    assert "licenseURI" not in without["CFDocument"] and "CFLicenses" not in without["CFDefinitions"]


def test_official_source_url_only_when_the_data_names_one(framework, mini_doc, write_yaml):
    assert "officialSourceURL" not in case(framework, "en")["CFDocument"]
    mini_doc["official_source_url"] = "https://publisher.example/framework.pdf"
    package = case(load_framework(write_yaml(mini_doc)), "nl")
    assert package["CFDocument"]["officialSourceURL"] == "https://publisher.example/framework.pdf"
    assert not list(Draft201909Validator(CASE_SCHEMA, format_checker=FormatChecker()).iter_errors(package))


def test_without_a_base_uri_every_uri_is_the_urn_of_its_identifier(framework):
    for _name, obj in objects_with_uris(case(framework, "nl")):
        assert obj["uri"] == f"urn:uuid:{obj['identifier']}"


@pytest.mark.parametrize("base_uri", [BASE, "https://example.org/case"])
def test_with_a_base_uri_every_uri_is_base_collection_identifier(framework, base_uri):
    package = case(framework, "nl", base_uri)
    names = Counter()
    for name, obj in objects_with_uris(package):
        assert obj["uri"] == f"{BASE}{SEGMENT[name]}/{obj['identifier']}"
        names[name] += 1
    assert names == {"CFDocument": 1, "CFItems": 183, "CFAssociations": 2 * 183 + 1, "CFItemTypes": 4,
                     "CFLicenses": 1}
    links = [a[end] for a in package["CFAssociations"] for end in ("originNodeURI", "destinationNodeURI")]
    links += [item["CFItemTypeURI"] for item in package["CFItems"]] + [package["CFDocument"]["licenseURI"]]
    assert all(link["uri"].startswith(BASE) and link["uri"].endswith("/" + link["identifier"]) for link in links)


def test_the_base_uri_changes_uris_only(framework):
    plain, based = case(framework, "nl"), case(framework, "nl", BASE)
    assert [o["identifier"] for _n, o in objects_with_uris(plain)] == [o["identifier"] for _n, o in
                                                                        objects_with_uris(based)]
    text = to_case_package(framework, "nl", BASE)
    assert text.replace(BASE + "CFDocuments/", "urn:uuid:").replace(BASE + "CFItems/", "urn:uuid:").replace(
        BASE + "CFAssociations/", "urn:uuid:").replace(BASE + "CFItemTypes/", "urn:uuid:").replace(
        BASE + "CFLicenses/", "urn:uuid:") == to_case_package(framework, "nl")


@pytest.mark.parametrize("bad", ["ftp://example.org/case/", "example.org/case/", "https:///case/",
                                 "https://example.org/case/?x=1", "https://example.org/case/#top",
                                 "https://example.org/my case/"])
def test_a_base_uri_must_be_an_absolute_http_url(framework, bad):
    with pytest.raises(ValueError, match="absolute http"):
        to_case_package(framework, "en", bad)


def test_the_dutch_items_are_translations_of_the_english_ones(framework):
    en, nl = case(framework, "en", BASE), case(framework, "nl", BASE)
    assert not [a for a in en["CFAssociations"] if a["associationType"] == "isTranslationOf"]
    english = {item["identifier"]: item for item in en["CFItems"]}
    english[en["CFDocument"]["identifier"]] = en["CFDocument"]
    dutch = {item["identifier"]: item for item in nl["CFItems"]}
    dutch[nl["CFDocument"]["identifier"]] = nl["CFDocument"]
    pairs = {}
    for association in nl["CFAssociations"]:
        if association["associationType"] == "isTranslationOf":
            origin, destination = association["originNodeURI"], association["destinationNodeURI"]
            target = english[destination["identifier"]]
            assert destination["uri"] == target["uri"]
            assert destination["title"] == target.get("fullStatement", target.get("title"))
            assert origin["uri"] == dutch[origin["identifier"]]["uri"]
            pairs[origin["identifier"]] = destination["identifier"]
    assert len(pairs) == len(dutch) == 184
    for identifier, item in dutch.items():
        target = english[pairs[identifier]]
        assert item.get("humanCodingScheme") == target.get("humanCodingScheme")
        assert (item["language"], target["language"]) == ("nl", "en")


def test_case_export_is_deterministic_and_ids_differ_per_language(framework):
    assert to_case_package(framework, "en") == to_case_package(framework, "en")
    assert to_case_package(framework, "nl", BASE) == to_case_package(framework, "nl", BASE)
    en = case(framework, "en")
    nl = case(framework, "nl")
    assert en["CFDocument"]["identifier"] != nl["CFDocument"]["identifier"]
    assert not {i["identifier"] for i in en["CFItems"]} & {i["identifier"] for i in nl["CFItems"]}
    assert nl["CFItems"][-1]["language"] == "nl"
    # The definitions are the same objects in both packages, so an importer keeps one of each.
    assert en["CFDefinitions"] == nl["CFDefinitions"]


# Read the packages the way OpenSALT's CASE import does (tests/core/case_import.py).


def test_opensalt_style_import_of_english_then_dutch_loses_nothing(framework):
    store = Store()
    en, problems = import_package(store, case(framework, "en", BASE))
    assert problems == []
    nl, problems = import_package(store, case(framework, "nl", BASE))
    assert problems == []
    assert len(nl.item_type_of) == 183 and nl.license["licenseText"] == framework.rights
    translations = [(o, d) for kind, o, d in nl.associations if kind == "isTranslationOf"]
    assert len(translations) == 184
    assert all(o["language"] == "nl" and d["language"] == "en" for o, d in translations)
    assert {d["identifier"] for _o, d in translations} == {en.document["identifier"]} | set(en.item_type_of)
    assert len(store.documents) == 2 and len(store.items) == 2 * 183


def test_opensalt_style_import_of_dutch_alone_reports_the_english_links_as_unresolved(framework):
    _nl, problems = import_package(Store(), case(framework, "nl"))
    assert len(problems) == 184 and all("is no document or item" in p for p in problems)


def test_opensalt_style_import_of_mini_without_rights(mini_doc, write_yaml):
    del mini_doc["rights"]
    imported, problems = import_package(Store(), case(load_framework(write_yaml(mini_doc)), "en"))
    assert problems == [] and imported.license is None


def _break_item_type_link(p):
    p["CFItems"][3]["CFItemTypeURI"]["identifier"] = "00000000-0000-4000-8000-000000000000"


# (how to break a good package, words of a problem the reader must report; the good package has none)
PACKAGE_BREAKAGES = {
    "no definitions": (lambda p: p.pop("CFDefinitions"), "CFItemTypeURI"),
    "item type link to nothing": (_break_item_type_link, "CFItems[3].CFItemTypeURI: 00000000"),
    "no item type link": (lambda p: p["CFItems"][5].pop("CFItemTypeURI"), "CFItems[5]: no CFItemTypeURI"),
    "item type text not its title": (lambda p: p["CFItems"][0].update(CFItemType="Domain"), "is not the title"),
    "licence link to nothing": (lambda p: p["CFDefinitions"].pop("CFLicenses"), "CFDocument.licenseURI"),
    "item type without description": (lambda p: p["CFDefinitions"]["CFItemTypes"][0].pop("description"),
                                      "CFItemType without description"),
    "dangling association": (lambda p: p["CFAssociations"][7]["destinationNodeURI"].update(
        identifier="11111111-1111-5111-8111-111111111111"), "CFAssociations[7].destinationNodeURI"),
    "link with another uri": (lambda p: p["CFAssociations"][2]["originNodeURI"].update(uri="urn:uuid:x"),
                              "is not the uri of"),
    "two objects, one uri": (lambda p: p["CFItems"][1].update(uri=p["CFItems"][0]["uri"]), "already used by"),
    "identifier not a UUID": (lambda p: p["CFDocument"].update(identifier="social-work-2025"), "not a lowercase"),
    "relative uri": (lambda p: p["CFDefinitions"]["CFItemTypes"][1].update(uri="CFItemTypes/1"), "absolute URI"),
    "unknown association type": (lambda p: p["CFAssociations"][0].update(associationType="isTranslatedTo"),
                                 "unknown associationType"),
    "item without parent": (lambda p: p["CFAssociations"].pop(0), "0 isChildOf parents"),
}


@pytest.mark.parametrize("name", sorted(PACKAGE_BREAKAGES))
def test_the_opensalt_style_reader_reports_what_an_importer_would_lose(framework, name):
    package = case(framework, "en", BASE)
    breaker, words = PACKAGE_BREAKAGES[name]
    breaker(package)
    _imported, problems = import_package(Store(), package)
    assert any(words in p for p in problems), problems


def test_the_opensalt_style_reader_refuses_an_item_of_another_document(framework):
    store = Store()
    assert import_package(store, case(framework, "en"))[1] == []
    stolen = case(framework, "nl")
    stolen["CFItems"][0]["identifier"] = case(framework, "en")["CFItems"][0]["identifier"]
    problems = import_package(store, stolen)[1]
    assert any("belongs to document" in p for p in problems)


def test_taxonomy_csv_has_open_edx_columns_and_parents_first(framework):
    rows = list(csv.DictReader(io.StringIO(to_taxonomy_csv(framework, "en"))))
    assert list(rows[0]) == ["id", "value", "parent_id"]
    assert len(rows) == 9 + 27 + 144
    seen = set()
    for row in rows:
        assert row["parent_id"] == "" or row["parent_id"] in seen
        assert row["value"].startswith(sortable_id(row["id"], (1, 1, 2)) + " ")
        assert len(row["value"]) <= MAX_VALUE_LENGTH
        seen.add(row["id"])
    assert len({row["value"] for row in rows}) == len(rows)
    assert {row["id"] for row in rows if not row["parent_id"]} == {str(n) for n in range(1, 10)}


def test_taxonomy_values_sort_in_framework_order(framework):
    """openedx_tagging lists tags by value, case-insensitively: padded numbers keep 5.2.2 before 5.2.10."""
    rows = list(csv.DictReader(io.StringIO(to_taxonomy_csv(framework, "nl"))))
    values = [row["value"] for row in rows]
    assert sorted(values, key=str.casefold) == values == sorted(values)
    by_id = {row["id"]: row["value"] for row in rows}
    assert by_id["5.2.2"].startswith("5.2.02 ") and by_id["5.2.10"].startswith("5.2.10 ")
    assert by_id["5"].startswith("5 ") and by_id["5.2"].startswith("5.2 ")  # levels below ten stay as they are
    assert by_id["6.1.1"].startswith("6.1.01 ")  # every statement has the same width, not only those of 5.2


@pytest.mark.parametrize("node_id, widths, shown", [
    ("5.2.3", (1, 1, 2), "5.2.03"),
    ("5.2.10", (1, 1, 2), "5.2.10"),
    ("5", (1, 1, 2), "5"),
    ("5.2", (2, 1, 2), "05.2"),
    ("12.3.4", (2, 1, 3), "12.3.004"),
    ("1.1.1", (1, 1, 1), "1.1.1"),
])
def test_sortable_id_pads_each_number_to_its_level(node_id, widths, shown):
    assert sortable_id(node_id, widths) == shown


def test_id_widths_follow_the_longest_number_of_each_level(framework, mini):
    assert id_widths(framework) == (1, 1, 2)  # 9 clusters, components 1-3, up to 15 statements
    assert id_widths(mini) == (1, 1, 1)  # nothing to pad: the values are the plain IDs
    assert to_taxonomy_csv(mini, "en").splitlines()[1:3] == ["1,1 Cluster one,", "1.1,1.1 Knowledge one,1"]


def test_flat_csv_one_row_per_statement(framework):
    rows = list(csv.DictReader(io.StringIO(to_table_csv(framework, "nl"))))
    assert list(rows[0]) == ["id", "focus", "cluster", "component", "subtheme", "text", "citations"]
    assert [row["id"] for row in rows] == [s.id for s in framework.statements()]
    row = next(r for r in rows if r["id"] == "5.2.3")
    assert row["focus"].startswith("F2 ") and row["cluster"].startswith("5 ") and row["subtheme"]
    assert row["text"] == framework.statement("5.2.3").text.get("nl")
    assert row["citations"] == "digisprong2023"
