"""The CSV that Open edX content tagging imports as a taxonomy (`id,value,parent_id`, parents first).

Levels: cluster (`5`) > component (`5.2`) > statement (`5.2.3`); Open edX shows three levels, so focuses are not
tags (a cluster's focus follows from the framework). Values start with the ID so they stay unique and so code can
read the ID back from a tag without parsing prose.
"""

from __future__ import annotations

import csv
import io

from ..csvsafe import safe_cell
from ..model import Framework

#: openedx_tagging's limit on a tag value.
MAX_VALUE_LENGTH = 500


def _value(node_id: str, text: str) -> str:
    value = f"{node_id} {text}"
    if len(value) > MAX_VALUE_LENGTH:
        value = value[: MAX_VALUE_LENGTH - 1].rstrip() + "…"
    return value


def taxonomy_rows(framework: Framework, lang: str) -> list[dict[str, str]]:
    """Rows `{id, value, parent_id}` in document order, each parent before its children."""
    rows = []
    for cluster in framework.clusters():
        rows.append({"id": cluster.id, "value": _value(cluster.id, cluster.title.get(lang)), "parent_id": ""})
        for component in cluster.components:
            rows.append({"id": component.id, "value": _value(component.id, component.title.get(lang)),
                         "parent_id": cluster.id})
            rows += [{"id": s.id, "value": _value(s.id, s.text.get(lang)), "parent_id": component.id}
                     for s in component.statements]
    return rows


def to_taxonomy_csv(framework: Framework, lang: str) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["id", "value", "parent_id"], lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: safe_cell(value) for key, value in row.items()} for row in taxonomy_rows(framework, lang))
    return out.getvalue()
