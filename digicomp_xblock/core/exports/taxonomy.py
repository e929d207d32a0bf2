"""The CSV that Open edX content tagging imports as a taxonomy (`id,value,parent_id`, parents first).

Levels: cluster (`5`) > component (`5.2`) > statement (`5.2.3`); Open edX shows three levels, so focuses are not
tags (a cluster's focus follows from the framework). The `id` column (the tag's external id) is the plain
competence ID, which is all code reads back. The value starts with the ID too, so values stay unique, with each
number zero-padded to the width of the longest at its level (`5.2.03 Ability to use copyright…`): openedx_tagging
has no sort field and lists tags by value (one level) or by the values of their ancestors and themselves (a whole
tree), case-insensitively, so padded numbers are what make Studio list `5.2.03` before `5.2.10`, in framework order.
"""

from __future__ import annotations

import csv
import io

from ..csvsafe import safe_cell
from ..model import Framework

#: openedx_tagging's limit on a tag value.
MAX_VALUE_LENGTH = 500


def id_widths(framework: Framework) -> tuple[int, ...]:
    """Digits of the longest number at each level of the IDs: (cluster, component, statement)."""
    widths = [1, 1, 1]
    for cluster in framework.clusters():
        for node in (cluster, *cluster.components, *cluster.statements()):
            for level, number in enumerate(node.id.split(".")):
                widths[level] = max(widths[level], len(number))
    return tuple(widths)


def sortable_id(node_id: str, widths: tuple[int, ...]) -> str:
    """The ID with each number zero-padded to its level's width (`5.2.3` -> `5.2.03`), so that text order is
    framework order."""
    return ".".join(number.zfill(width) for number, width in zip(node_id.split("."), widths, strict=False))


def _value(node_id: str, text: str, widths: tuple[int, ...]) -> str:
    value = f"{sortable_id(node_id, widths)} {text}"
    if len(value) > MAX_VALUE_LENGTH:
        value = value[: MAX_VALUE_LENGTH - 1].rstrip() + "…"
    return value


def taxonomy_rows(framework: Framework, lang: str) -> list[dict[str, str]]:
    """Rows `{id, value, parent_id}` in document order, each parent before its children; sorted by value, they
    stay in that order."""
    widths = id_widths(framework)
    rows = []
    for cluster in framework.clusters():
        rows.append({"id": cluster.id, "value": _value(cluster.id, cluster.title.get(lang), widths), "parent_id": ""})
        for component in cluster.components:
            rows.append({"id": component.id, "value": _value(component.id, component.title.get(lang), widths),
                         "parent_id": cluster.id})
            rows += [{"id": s.id, "value": _value(s.id, s.text.get(lang), widths), "parent_id": component.id}
                     for s in component.statements]
    return rows


def to_taxonomy_csv(framework: Framework, lang: str) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["id", "value", "parent_id"], lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: safe_cell(value) for key, value in row.items()} for row in taxonomy_rows(framework, lang))
    return out.getvalue()
