"""The programme's coverage page as template data (`dashboard/programme.html`): per cluster how many of its
statements each course develops, then the statements no course develops and those only one course develops."""

from __future__ import annotations

from ..core.model import Framework
from ..core.programmes import ProgrammeCoverage


def programme_view(framework: Framework, lang: str, result: ProgrammeCoverage) -> dict:
    titles = {c.key: c.title for c in result.courses}

    def statement(sid: str) -> dict:
        node = framework.node(sid)
        return {"id": sid, "text": node.text.get(lang)}

    def by_cluster(ids) -> list[dict]:
        wanted = set(ids)
        groups = []
        for cluster in framework.clusters():
            mine = [statement(s.id) for s in cluster.statements() if s.id in wanted]
            if mine:
                groups.append({"id": cluster.id, "title": cluster.title.get(lang), "statements": mine})
        return groups

    single = dict(result.single)
    only_one = by_cluster(single)
    for group in only_one:
        for item in group["statements"]:
            item["course"] = titles[single[item["id"]]]
    return {
        "courses": [{"key": c.key, "title": c.title} for c in result.courses],
        "clusters": [{"id": row.cluster_id, "title": framework.cluster(row.cluster_id).title.get(lang),
                      "statements": row.statements, "per_course": list(row.per_course), "developed": row.developed}
                     for row in result.clusters],
        "total": sum(row.statements for row in result.clusters),
        "undeveloped": by_cluster(result.undeveloped),
        "undeveloped_count": len(result.undeveloped),
        "only_one": only_one,
        "only_one_count": len(single),
    }
