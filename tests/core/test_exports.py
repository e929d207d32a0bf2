"""Exports: CASE 1.1 against the official schema, Open edX taxonomy CSV, flat CSV."""

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest
from jsonschema import Draft201909Validator, FormatChecker

from digicomp_xblock.core.exports import to_case_package, to_table_csv, to_taxonomy_csv
from digicomp_xblock.core.exports.taxonomy import MAX_VALUE_LENGTH

CASE_SCHEMA = json.loads((Path(__file__).parent.parent / "schemas" / "case_v1p1_cfpackage-jsonschema1.json").read_text())


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_case_package_is_valid_against_the_official_schema(framework, lang):
    package = json.loads(to_case_package(framework, lang))
    errors = list(Draft201909Validator(CASE_SCHEMA, format_checker=FormatChecker()).iter_errors(package))
    assert errors == []


def test_case_package_structure(framework):
    package = json.loads(to_case_package(framework, "en"))
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


def test_case_export_is_deterministic_and_ids_differ_per_language(framework):
    assert to_case_package(framework, "en") == to_case_package(framework, "en")
    en = json.loads(to_case_package(framework, "en"))
    nl = json.loads(to_case_package(framework, "nl"))
    assert en["CFDocument"]["identifier"] != nl["CFDocument"]["identifier"]
    assert nl["CFItems"][-1]["language"] == "nl"


def test_taxonomy_csv_has_open_edx_columns_and_parents_first(framework):
    rows = list(csv.DictReader(io.StringIO(to_taxonomy_csv(framework, "en"))))
    assert list(rows[0]) == ["id", "value", "parent_id"]
    assert len(rows) == 9 + 27 + 144
    seen = set()
    for row in rows:
        assert row["parent_id"] == "" or row["parent_id"] in seen
        assert row["value"].startswith(row["id"] + " ") and len(row["value"]) <= MAX_VALUE_LENGTH
        seen.add(row["id"])
    assert len({row["value"] for row in rows}) == len(rows)
    assert {row["id"] for row in rows if not row["parent_id"]} == {str(n) for n in range(1, 10)}


def test_flat_csv_one_row_per_statement(framework):
    rows = list(csv.DictReader(io.StringIO(to_table_csv(framework, "nl"))))
    assert list(rows[0]) == ["id", "focus", "cluster", "component", "subtheme", "text", "citations"]
    assert [row["id"] for row in rows] == [s.id for s in framework.statements()]
    row = next(r for r in rows if r["id"] == "5.2.3")
    assert row["focus"].startswith("F2 ") and row["cluster"].startswith("5 ") and row["subtheme"]
    assert row["text"] == framework.statement("5.2.3").text.get("nl")
    assert row["citations"] == "digisprong2023"
