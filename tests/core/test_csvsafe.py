"""Cells that start like a formula are made text (OWASP's rule for CSV injection)."""

import pytest

from digicomp_xblock.core.csvsafe import safe_cell


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
    (3, "3"),
    (-3, "'-3"),
])
def test_safe_cell(value, cell):
    assert safe_cell(value) == cell
