"""Cells that start like a formula are made text (OWASP's rule for CSV injection)."""

import csv
import io

import pytest

from digicomp_xblock.core.csvsafe import FORMULA_STARTS, safe_cell, safe_row
from digicomp_xblock.core.exports import to_table_csv, to_taxonomy_csv
from digicomp_xblock.core.loader import load_framework
from digicomp_xblock.core.scales import load_scales
from digicomp_xblock.core.snapshots import make_snapshot, snapshots_csv


@pytest.mark.parametrize("value, cell", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+31 2", "'+31 2"),
    ("-1", "'-1"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("knowing what digital exclusion means", "knowing what digital exclusion means"),
    ("a = b", "a = b"),
    ("", ""),
    (None, ""),
    (3, 3),
    (-3, -3),  # a number stays a number: the spreadsheet reads it, it runs nothing
    (-2.5, -2.5),
    (True, "True"),
])
def test_safe_cell(value, cell):
    assert safe_cell(value) == cell


def test_safe_row():
    assert safe_row(["=1+1", -25, None, "ok"]) == ["'=1+1", -25, "", "ok"]


FORMULA = '=HYPERLINK("http://evil.invalid","click")'


def doctored(mini_doc, write_yaml):
    """The mini framework with a statement and a cluster title that start like a formula."""
    cluster = mini_doc["focuses"][0]["clusters"][0]
    cluster["title"]["en"] = "@cluster"
    cluster["components"][0]["statements"][0]["text"]["en"] = FORMULA
    return load_framework(write_yaml(mini_doc)), cluster["components"][0]["statements"][0]["id"]


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


@pytest.mark.parametrize("export", [to_table_csv, to_taxonomy_csv])
def test_framework_csv_exports_neutralise_formulas(mini_doc, write_yaml, export):
    framework, _statement = doctored(mini_doc, write_yaml)
    found = cells(export(framework, "en"))
    assert not any(cell.startswith(FORMULA_STARTS) for cell in found)
    assert any(FORMULA in cell for cell in found)


def test_the_learners_own_csv_neutralises_formulas(mini_doc, write_yaml):
    framework, statement = doctored(mini_doc, write_yaml)
    scale = load_scales().get("growth-5")
    snapshot = make_snapshot(framework, scale, framework.statements(), {statement: 2}, {}, "2026-12-01T10:00:00+00:00")
    found = cells(snapshots_csv([snapshot], framework, load_scales(), "en"))
    assert f"'{FORMULA}" in found and not any(cell.startswith(FORMULA_STARTS) for cell in found)
