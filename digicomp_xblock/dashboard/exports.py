"""The cohort exports: the figures per cluster, or one row per learner and moment (anonymised, only moments the
learners shared), as JSON that says what the figures are about, or as CSV that a spreadsheet opens in columns.

CSV: UTF-8 with a byte order mark, the header row first (no comment rows: what the figures are about is in the
JSON), cluster names beside their IDs, figures in whole points (a learner's cluster scores to one decimal), cells
that start like a formula made text; comma-separated with decimal points, or, for spreadsheets set to Dutch (or
another language that writes a decimal comma), semicolon-separated with decimal commas.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass

from django.http import JsonResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from ..core import cohort
from ..core.csvsafe import safe_row
from ..rendering.cohort import whole

#: The CSV dialects: field separator and decimal mark.
SEPARATORS = {"comma": (",", "."), "semicolon": (";", ",")}


class WithheldError(Exception):
    """Figures the exports do not give (HTTP 403); the message says why."""


@dataclass(frozen=True)
class Table:
    keys: list[str]  # the JSON keys of each record, in column order
    headers: list[str]  # the CSV's header row
    records: list[dict]


def table(rows, what: str, framework, lang: str, minimum: int, withheld: bool) -> Table:
    """The export of the chosen rows; WithheldError when privacy says no."""
    titles = {c.id: c.title.get(lang) for c in framework.clusters()}
    clusters = cohort.covered_clusters(rows, list(titles))
    if withheld:
        raise WithheldError(_("These dates leave out fewer than %(min)s learners of the self-assessment: no "
                              "figures, so that nobody's answers can be worked out.") % {"min": minimum})
    if what == "learners":
        shared = [r for r in rows if r["shared"]]
        if not shared:
            raise WithheldError(_("This self-assessment keeps each learner's answers to the learner: there is no "
                                  "per-learner export, only the figures of the group."))
        if len({r["learner"] for r in shared}) < minimum:
            raise WithheldError(_("Fewer learners than the minimum group size: no per-learner export."))
        keys = cohort.export_columns(clusters)
        headers = [*keys[:3], *(f"{cid} {titles[cid]}" for cid in clusters)]
        return Table(keys, headers, cohort.learner_rows_for_export(shared, clusters))
    records = [{"cluster": s.cluster_id, "title": titles[s.cluster_id], "learners": s.learners,
                "suppressed": s.suppressed, "median": whole(s.median), "q1": whole(s.q1), "q3": whole(s.q3),
                "pairs": g.pairs, "median_change": whole(g.median_change),
                "improved": None if g.improved is None else round(100 * g.improved)}
               for s, g in zip(cohort.cluster_summary(rows, clusters, min_group=minimum),
                               cohort.paired_growth(rows, clusters, min_group=minimum), strict=True)]
    keys = ["cluster", "title", "learners", "suppressed", "median", "q1", "q3", "pairs", "median_change", "improved"]
    return Table(keys, keys, records)


def json_file(meta: dict, found: Table, filename: str):
    response = JsonResponse({**meta, "rows": found.records})
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class _Echo:
    """A file-like object whose write returns the line, for streaming csv."""

    def write(self, value):
        return value


def csv_file(found: Table, separator: str, filename: str):
    delimiter, decimal = SEPARATORS[separator]
    writer = csv.writer(_Echo(), delimiter=delimiter)

    def cell(value):
        if isinstance(value, float):
            return str(value).replace(".", decimal)
        return value

    def lines():
        yield "\ufeff"
        yield writer.writerow(safe_row(found.headers))
        for record in found.records:
            yield writer.writerow(safe_row(cell(record.get(key)) for key in found.keys))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
