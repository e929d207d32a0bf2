"""Cells of exported spreadsheets that are safe to open: no formula injection.

A spreadsheet program runs a cell that starts with `=`, `+`, `-` or `@` as a formula, so text from data or from
people could run commands when a CSV is opened. OWASP's rule against CSV injection is applied: a cell that starts
with one of these characters, a tab or a carriage return is prefixed with a single quote `'`, which makes it text.
"""

from __future__ import annotations

#: The first characters that make a spreadsheet program read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """`value` for a CSV cell: a number as it is (a negative number is no formula), text prefixed with `'` when
    it starts like a formula, None as an empty cell."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_row(values) -> list:
    """Every cell of a row through `safe_cell`."""
    return [safe_cell(value) for value in values]
