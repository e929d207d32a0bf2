"""The view model of the consensus exercise for course staff: the participant's own choices, the comparison of
everyone's (Krippendorff's alpha, the statements by disagreement, the distribution of each) and the form that fixes
the team's profile, prefilled with the majority."""

from __future__ import annotations

from collections.abc import Sequence

from ..core.agreement import agreement
from ..core.profiles import NOT_EXPECTED, load_vocabulary


def _alpha(value) -> str:
    return "–" if value is None else f"{value:.2f}"


def _percent(share) -> str:
    return "–" if share is None else f"{round(share * 100)}%"


def exercise_view(framework, lang: str, gettext, scope: Sequence, proposal, participants: Sequence, me: str,
                  dom_id: str) -> dict:
    """Everything the staff template shows. `participants`: objects with `user`, `name` and `choices`
    ({statement ID: choice}, only those in scope count); `me`: the current participant's `user`."""
    in_scope = {s.id for s in scope}
    choices = {p.user: {sid: c for sid, c in p.choices.items() if sid in in_scope} for p in participants}
    people = [p for p in participants if choices[p.user]]
    mine = choices.get(me, {})
    labels = {p.id: p.name.get(lang) for p in framework.positions}
    labels[NOT_EXPECTED] = load_vocabulary().not_expected.get(lang)
    order = [*labels]
    proposed = {sid: e.position for sid, e in (proposal.expectations if proposal else ()) if sid in in_scope}
    texts = {s.id: s.text.get(lang) for s in scope}
    titles = {c.id: c.title.get(lang) for c in framework.clusters()}

    def options(statement_id: str, checked: str | None) -> list[dict]:
        return [{"value": value, "label": labels[value], "checked": value == checked,
                 "proposed": proposed.get(statement_id) == value} for value in order]

    clusters = []
    for statement in scope:
        if not clusters or clusters[-1]["id"] != statement.cluster_id:
            clusters.append({"id": statement.cluster_id, "title": titles[statement.cluster_id], "statements": []})
        clusters[-1]["statements"].append({
            "id": statement.id, "anchor": statement.id.replace(".", "-"), "text": texts[statement.id],
            "options": options(statement.id, mine.get(statement.id)),
            "proposed": proposed.get(statement.id, "")})
    view = {"dom_id": dom_id, "clusters": clusters, "proposal": proposal.name.get(lang) if proposal else "",
            "chosen": len(mine), "total": len(scope), "participants": [p.name for p in people], "comparison": None,
            "fix": []}
    if len(people) < 2:
        return view
    result = agreement(framework, scope, {p.user: choices[p.user] for p in people})
    names = {p.user: p.name for p in people}
    statements = [{
        "id": s.statement_id, "anchor": s.statement_id.replace(".", "-"), "text": texts[s.statement_id],
        "choices": s.choices, "share": _percent(s.share), "most_common": ", ".join(labels[c] for c in s.most_common),
        "disagree": s.choices >= 2 and s.share is not None and s.share < 1,
        "counts": [{"label": labels[c], "count": n, "width": round(100 * n / s.choices) if s.choices else 0,
                    "names": ", ".join(sorted(names[u] for u, mine in choices.items()
                                              if u in names and mine.get(s.statement_id) == c))}
                   for c, n in s.counts]} for s in result.by_disagreement()]
    view["comparison"] = {
        "alpha": _alpha(result.alpha),
        "clusters": [{"id": c.cluster_id, "title": titles[c.cluster_id], "alpha": _alpha(c.alpha),
                      "mean_share": _percent(c.mean_share), "statements": c.statements, "unanimous": c.unanimous,
                      "ties": c.ties} for c in result.clusters],
        "disagreements": [s for s in statements if s["disagree"]],
        "others": [s for s in statements if not s["disagree"]],
    }
    majority = {s.statement_id: s.most_common[0] for s in result.statements if len(s.most_common) == 1}
    view["fix"] = [{"id": s.statement_id, "anchor": s.statement_id.replace(".", "-"), "text": texts[s.statement_id],
                    "majority": majority.get(s.statement_id, ""),
                    "open": gettext("tie") if len(s.most_common) > 1 else "" if s.choices else gettext("no choice"),
                    "options": [{"value": v, "label": labels[v], "selected": v == majority.get(s.statement_id)}
                                for v in order]} for s in result.statements]
    return view
