"""Cells of exported spreadsheets that are safe to open: no formula injection.

A spreadsheet program runs a cell that starts with `=`, `+`, `-` or `@` as a formula, so text from data or from
people could run commands when a CSV is opened. OWASP's rule against CSV injection is applied: a cell that starts
with one of these characters, a tab or a carriage return is prefixed with a single quote `'`, which makes it text.
"""

from __future__ import annotations

#: The first characters that make a spreadsheet program read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """`value` as text for a CSV cell, prefixed with `'` when it starts like a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
