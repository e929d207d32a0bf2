"""The programme's page as template data (`dashboard/programme.html`): per cluster how many of its statements each
course develops, then the statements no course develops and those only one course develops; how its learners grow
across its courses and years, in whole points, the chart beside the table of its figures."""

from __future__ import annotations

from ..core.model import Framework
from ..core.programmes import ProgrammeCoverage, ProgrammeGrowth
from .charts import growth_chart
from .cohort import whole, whole_percent


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


def programme_growth_view(framework: Framework, lang: str, gettext, growth: ProgrammeGrowth) -> dict:
    titles = {c.id: c.title.get(lang) for c in framework.clusters()}
    clusters = [row.cluster_id for row in growth.clusters]
    return {
        "learners": growth.learners, "several": growth.several,
        "course_counts": [{"courses": courses, "learners": learners} for courses, learners in growth.course_counts],
        "clusters": [{"id": cid, "title": titles[cid]} for cid in clusters],
        "rows": [{"id": row.cluster_id, "title": titles[row.cluster_id], "learners": row.learners,
                  "suppressed": row.suppressed, "first": whole(row.first), "latest": whole(row.latest),
                  "change": whole(row.change), "improved": whole_percent(row.improved)}
                 for row in growth.clusters],
        "chart": {
            "chart": growth_chart([(row.cluster_id, titles[row.cluster_id], row.first, row.latest)
                                   for row in growth.clusters], gettext("too few learners")),
            "chart_id": "dc-programme-growth",
            "title": gettext("Median score per cluster: first and latest within the programme"),
            "description": gettext("Bar chart with two bars per cluster: the median of the first and of the latest "
                                   "score of the learners seen in several courses; the table below gives the "
                                   "figures."),
        } if any(not row.suppressed for row in growth.clusters) else None,
        "years": [{"year": period.label, "learners": period.learners, "suppressed": period.suppressed}
                  for period in growth.years],
        "by_year": [{"id": cid, "title": titles[cid],
                     "cells": [{"suppressed": period.suppressed, "median": whole(period.median(cid))}
                               for period in growth.years]} for cid in clusters],
    }
