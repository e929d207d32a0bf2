"""The framework as plain dicts in one language, ready for templates."""

from __future__ import annotations

from .core.model import Framework


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
                            "groups": [
                                {
                                    "subtheme": cluster.subtheme(subtheme).title.get(lang) if subtheme else "",
                                    "statements": [
                                        {
                                            "id": s.id,
                                            "anchor": s.id.replace(".", "-"),
                                            "text": s.text.get(lang),
                                            "details": [d.get(lang) for d in s.details],
                                        }
                                        for s in statements
                                    ],
                                }
                                for subtheme, statements in component.groups()
                            ],
                        }
                        for component in cluster.components
                    ],
                }
                for cluster in focus.clusters
            ],
        }
        for focus in framework.focuses
    ]
