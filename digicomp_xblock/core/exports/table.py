"""A flat CSV table of the statements, one row each, for spreadsheets."""

from __future__ import annotations

import csv
import io

from ..csvsafe import safe_row
from ..model import Framework

COLUMNS = ["id", "focus", "cluster", "component", "subtheme", "text", "citations"]


def to_table_csv(framework: Framework, lang: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(safe_row(COLUMNS))
    for focus in framework.focuses:
        for cluster in focus.clusters:
            for component in cluster.components:
                for statement in component.statements:
                    subtheme = cluster.subtheme(statement.subtheme).title.get(lang) if statement.subtheme else ""
                    writer.writerow(safe_row([
                        statement.id,
                        f"{focus.id} {focus.title.get(lang)}",
                        f"{cluster.id} {cluster.title.get(lang)}",
                        f"{component.id} {component.title.get(lang)}",
                        subtheme,
                        statement.text.get(lang),
                        "; ".join(statement.citations),
                    ]))
    return out.getvalue()
