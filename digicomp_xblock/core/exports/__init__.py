"""Exports of a framework to standard formats: CASE 1.1 JSON, Open edX taxonomy CSV, a flat CSV table."""

from .case import to_case_package
from .table import to_table_csv
from .taxonomy import to_taxonomy_csv

FORMATS = {
    "case": to_case_package,
    "oex-taxonomy": to_taxonomy_csv,
    "csv": to_table_csv,
}

__all__ = ["FORMATS", "to_case_package", "to_table_csv", "to_taxonomy_csv"]
