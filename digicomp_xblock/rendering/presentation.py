"""The framework as plain dicts in one language, ready for templates; the small formats every view shares."""

from __future__ import annotations

import hashlib

from django.utils.translation import gettext_noop as _

from ..core.model import COMPONENT_KINDS, Framework

#: Column labels of the knowledge / skills / attitudes breakdown (translated where they are shown).
KIND_LABELS = {"knowledge": _("Knowledge"), "skills": _("Skills"), "attitudes": _("Attitudes")}


def element_id(usage_id, prefix: str = "dc-unit-", digits: int = 10) -> str:
    """A short element ID for a block on a page, the same on every render (pages show many blocks at once)."""
    return prefix + hashlib.sha1(str(usage_id).encode("utf-8")).hexdigest()[:digits]


def percent(value, not_rated: str) -> str:
    """A score as shown: whole percents, or the words for "nothing rated"."""
    return not_rated if value is None else f"{round(value)}%"


def kind_cells(cluster_score, not_rated: str) -> list[str]:
    """The K/S/A cells of a cluster's score; "–" for a kind the assessment does not cover."""
    return [percent(cluster_score.kind(kind).value, not_rated) if cluster_score.kind(kind) else "–"
            for kind in COMPONENT_KINDS]


def paragraphs(text: str) -> list[dict]:
    """Blocks of a multi-paragraph text: `{"text": ...}` paragraphs and `{"bullets": [...]}` for `- ` lists."""
    blocks = []
    for chunk in (c.strip() for c in text.split("\n\n")):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if lines and all(line.startswith("- ") for line in lines):
            blocks.append({"text": "", "bullets": [line[2:] for line in lines]})
        elif lines:
            blocks.append({"text": " ".join(lines), "bullets": []})
    return blocks


def statement_groups(cluster, component, lang: str, chosen=None) -> list[dict]:
    """A component's statements in `lang` by sub-theme; only the `chosen` IDs when given (empty groups left out)."""
    groups = [{"subtheme": cluster.subtheme(subtheme).title.get(lang) if subtheme else "",
               "statements": [{"id": s.id, "anchor": s.id.replace(".", "-"), "text": s.text.get(lang),
                               "details": [d.get(lang) for d in s.details]}
                              for s in statements if chosen is None or s.id in chosen]}
              for subtheme, statements in component.groups()]
    return [group for group in groups if group["statements"]]


def framework_tree(framework: Framework, lang: str) -> list[dict]:
    """Focuses > clusters > components > sub-theme groups > statements, with texts in `lang`."""
    return [
        {
            "id": focus.id,
            "number": focus.id[1:],
            "title": focus.title.get(lang),
            "description": paragraphs(focus.description.get(lang)),
            "clusters": [
                {
                    "id": cluster.id,
                    "title": cluster.title.get(lang),
                    "summary": cluster.summary.get(lang),
                    "description": paragraphs(cluster.description.get(lang)),
                    "components": [
                        {
                            "id": component.id,
                            "kind": component.kind,
                            "title": component.title.get(lang),
                            "groups": statement_groups(cluster, component, lang),
                        }
                        for component in cluster.components
                    ],
                }
                for cluster in focus.clusters
            ],
        }
        for focus in framework.focuses
    ]
