"""The cohort exports: the figures per cluster, or one row per learner and moment (anonymised, only moments the
learners shared), as JSON that says what the figures are about, or as CSV that a spreadsheet opens in columns.

CSV: UTF-8 with a byte order mark, the header row first (no comment rows: what the figures are about is in the
JSON), cluster names beside their IDs, figures in whole points (a learner's cluster scores to one decimal), cells
that start like a formula made text; comma-separated with decimal points, or, for spreadsheets set to Dutch (or
another language that writes a decimal comma), semicolon-separated with decimal commas.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from ..core import cohort
from ..core.csvsafe import safe_row
from ..rendering.cohort import whole, whole_percent

#: The CSV dialects: field separator and decimal mark.
SEPARATORS = {"comma": (",", "."), "semicolon": (";", ",")}


class WithheldError(Exception):
    """Figures the exports do not give (HTTP 403); the message says why."""


@dataclass(frozen=True)
class Table:
    keys: list[str]  # the JSON keys of each record, in column order
    headers: list[str]  # the CSV's header row
    records: Iterable[dict]  # read once, as the response is sent


def _titles(framework, lang: str) -> dict[str, str]:
    return {c.id: c.title.get(lang) for c in framework.clusters()}


def _check(withheld: bool, minimum: int) -> None:
    if withheld:
        raise WithheldError(_("These dates leave out fewer than %(min)s learners of the self-assessment: no "
                              "figures, so that nobody's answers can be worked out.") % {"min": minimum})


def learners_table(moments: Iterable, shared_learners: int, cluster_ids: Iterable[str], framework, lang: str,
                   minimum: int, withheld: bool) -> Table:
    """One record per shared moment (`moments`, by learner and moment), each made as it is sent, with a column per
    cluster any of the chosen rows covers; WithheldError when privacy says no."""
    _check(withheld, minimum)
    if not shared_learners:
        raise WithheldError(_("This self-assessment keeps each learner's answers to the learner: there is no "
                              "per-learner export, only the figures of the group."))
    if shared_learners < minimum:
        raise WithheldError(_("Fewer learners than the minimum group size: no per-learner export."))
    titles = _titles(framework, lang)
    clusters = [cid for cid in titles if cid in set(cluster_ids)]
    keys = cohort.export_columns(clusters)
    headers = [*keys[:3], *(f"{cid} {titles[cid]}" for cid in clusters)]
    return Table(keys, headers, (cohort.learner_row_for_export(row, clusters) for row in moments))


def clusters_table(rows: list, framework, lang: str, minimum: int, withheld: bool) -> Table:
    """The figures per cluster of the chosen rows; WithheldError when privacy says no."""
    _check(withheld, minimum)
    titles = _titles(framework, lang)
    clusters = cohort.covered_clusters(rows, list(titles))
    records = [{"cluster": s.cluster_id, "title": titles[s.cluster_id], "learners": s.learners,
                "suppressed": s.suppressed, "median": whole(s.median), "q1": whole(s.q1), "q3": whole(s.q3),
                "pairs": g.pairs, "median_change": whole(g.median_change),
                "improved": whole_percent(g.improved)}
               for s, g in zip(cohort.cluster_summary(rows, clusters, min_group=minimum),
                               cohort.paired_growth(rows, clusters, min_group=minimum), strict=True)]
    keys = ["cluster", "title", "learners", "suppressed", "median", "q1", "q3", "pairs", "median_change", "improved"]
    return Table(keys, keys, records)


def json_file(meta: dict, found: Table, filename: str):
    """The meta data and the records as one JSON object: whole when the records are a list, else sent as they
    are made."""
    if isinstance(found.records, list):
        response = JsonResponse({**meta, "rows": found.records})
    else:
        def chunks():
            yield json.dumps(meta, cls=DjangoJSONEncoder)[:-1] + ', "rows": ['
            for n, record in enumerate(found.records):
                yield ("," if n else "") + json.dumps(record, cls=DjangoJSONEncoder)
            yield "]}"

        response = StreamingHttpResponse(chunks(), content_type="application/json")
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


def programme_table(result, framework, lang: str) -> Table:
    """One record per statement: its cluster and text, 1 or 0 per course of the programme (the course keys are the
    columns), and how many courses develop it."""
    developers = dict(result.developers)
    keys = ["statement", "cluster", "text", *(c.key for c in result.courses), "courses"]
    records = [{"statement": s.id, "cluster": s.cluster_id, "text": s.text.get(lang),
                **{c.key: int(c.key in developers[s.id]) for c in result.courses},
                "courses": len(developers[s.id])} for s in framework.statements()]
    return Table(keys, keys, records)


def programme_growth_table(growth, framework, lang: str) -> Table:
    """One record per cluster the programme's moments score: the learners seen in several courses with two of its
    scores, the medians of their first and latest score and of the change, the share who improved; then a column
    per year with the median of each learner's latest score in it (empty when suppressed)."""
    titles = _titles(framework, lang)
    years = [period.label for period in growth.years]
    keys = ["cluster", "title", "learners", "suppressed", "first", "latest", "median_change", "improved",
            *(f"median_{year}" for year in years)]
    records = [{"cluster": row.cluster_id, "title": titles[row.cluster_id], "learners": row.learners,
                "suppressed": row.suppressed, "first": whole(row.first), "latest": whole(row.latest),
                "median_change": whole(row.change), "improved": whole_percent(row.improved),
                **{f"median_{period.label}": whole(period.median(row.cluster_id)) for period in growth.years}}
               for row in growth.clusters]
    return Table(keys, keys, records)
