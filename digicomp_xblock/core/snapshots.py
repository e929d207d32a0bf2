"""Snapshots: what a submitted assessment moment records, and the learner's own downloads of them."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import uuid
from collections.abc import Mapping, Sequence

from .csvsafe import safe_row
from .model import Framework, Statement
from .scales import NOT_RELEVANT, Scale, Scales
from .scoring import Profile, Rating, profile

#: The tracking event the self-assessment publishes for each submitted moment (its scores, never the reflections);
#: `digicomp_xblock.analytics` turns it into an xAPI statement.
SUBMITTED_EVENT = "digicomp.assessment.submitted"


def make_snapshot(framework: Framework, scale: Scale, scope: Sequence[Statement], ratings: Mapping[str, Rating],
                  reflections: Mapping[str, str], submitted_at: str, moment_id: str | None = None,
                  shared: bool = False) -> dict:
    """A JSON-ready record of one assessment moment (only the ratings of statements in scope), with an identifier
    of its own (random unless given) by which copies of it are kept exactly once, and whether the learner was told
    that course staff see their answers (`shared`) when they submitted it."""
    in_scope = {s.id: ratings[s.id] for s in scope if s.id in ratings}
    cluster_ids = {s.cluster_id for s in scope}
    return {
        "id": moment_id or uuid.uuid4().hex,
        "submitted_at": submitted_at,
        "shared": shared,
        "framework": framework.id,
        "framework_version": framework.version,
        "scale": scale.id,
        "ratings": in_scope,
        "reflections": {c: t for c, t in reflections.items() if c in cluster_ids and t},
        "scores": profile(framework, scope, in_scope, scale).to_dict(),
    }


def moment_id(snapshot: Mapping, number: int) -> str:
    """The identifier of the `number`-th (1-based) snapshot of a learner: its own, or for a snapshot recorded before
    snapshots had one, a stable one made of its number and time."""
    own = snapshot.get("id")
    if own:
        return own
    return hashlib.sha1(f"{number}:{snapshot['submitted_at']}".encode()).hexdigest()[:32]


def snapshot_profile(snapshot: Mapping) -> Profile:
    return Profile.from_dict(snapshot["scores"])


def snapshots_json(snapshots: Sequence[Mapping]) -> str:
    """The learner's snapshots, numbered from 1."""
    return json.dumps([{"moment": n, **s} for n, s in enumerate(snapshots, 1)], ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = ["moment", "submitted_at", "framework_version", "scale", "cluster", "statement", "statement_text",
               "rating", "rating_label"]


def snapshots_csv(snapshots: Sequence[Mapping], framework: Framework, scales: Scales, lang: str) -> str:
    """One row per rated statement per moment, with the statement and the level in `lang`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(safe_row(CSV_COLUMNS))
    for moment, snapshot in enumerate(snapshots, 1):
        try:
            scale = scales.get(snapshot["scale"])
        except KeyError:
            scale = None
        for statement_id, rating in snapshot["ratings"].items():
            statement = framework.statement(statement_id) if statement_id in framework else None
            if rating == NOT_RELEVANT:
                label = scales.not_relevant.label.get(lang)
            else:
                kind = statement.kind if statement else None
                label = scale.level(rating).wording(kind).label.get(lang) if scale and rating in scale.values else ""
            writer.writerow(safe_row([moment, snapshot["submitted_at"], snapshot["framework_version"],
                                      snapshot["scale"], statement_id.split(".")[0], statement_id,
                                      statement.text.get(lang) if statement else "", rating, label]))
    return out.getvalue()
