"""What native clients (the Open edX mobile apps, through the Course Blocks API's `student_view_data`) get of our
blocks: the content as JSON, every text in each of the framework's languages.

The platform collects `student_view_data` once per course version, for every learner alike, in no learner's
language: so this is content only (the framework, the scale, the block's settings), never a learner's data, and
every text is given in each language for the app to choose.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from ..core.model import COMPONENT_KINDS, Framework, LocalText
from ..core.scales import NOT_RELEVANT, Level, Scale


def local(text: LocalText, languages: Sequence[str]) -> dict[str, str]:
    """A text in each of `languages`: `{"en": ..., "nl": ...}`."""
    return {lang: text.get(lang) for lang in languages}


def framework_info(framework: Framework) -> dict:
    """Which framework (and which version of it) the data is of."""
    return {"id": framework.id, "version": framework.version, "languages": list(framework.languages),
            "title": local(framework.title, framework.languages)}


def framework_data(framework: Framework, chosen: Collection[str] | None = None) -> list[dict]:
    """Focuses > clusters > components > statements, in document order; with `chosen` (statement IDs), only those
    statements and what holds them."""
    langs = framework.languages
    focuses = []
    for focus in framework.focuses:
        clusters = []
        for cluster in focus.clusters:
            components = []
            for component in cluster.components:
                statements = [{"id": s.id, "text": local(s.text, langs),
                               **({"subtheme": local(cluster.subtheme(s.subtheme).title, langs)} if s.subtheme else {})}
                              for s in component.statements if chosen is None or s.id in chosen]
                if statements:
                    components.append({"id": component.id, "kind": component.kind,
                                       "title": local(component.title, langs), "statements": statements})
            if components:
                clusters.append({"id": cluster.id, "title": local(cluster.title, langs),
                                 "summary": local(cluster.summary, langs), "components": components})
        if clusters:
            focuses.append({"id": focus.id, "title": local(focus.title, langs), "clusters": clusters})
    return focuses


def _wording(level: Level, kind: str | None, langs) -> dict:
    wording = level.wording(kind)
    return {"label": local(wording.label, langs), "description": local(wording.description, langs)}


def scale_data(scale: Scale, langs: Sequence[str], not_relevant: Level | None) -> dict:
    """The levels a learner chooses from (with a wording for each kind of statement when the scale words them by
    kind), and 'not relevant to my work' when the block offers it."""
    kinds = COMPONENT_KINDS if scale.worded_by_kind else ()
    na = None if not_relevant is None else {"value": NOT_RELEVANT, **_wording(not_relevant, None, langs)}
    return {
        "id": scale.id, "title": local(scale.title, langs),
        "levels": [{"value": level.value, **_wording(level, None, langs),
                    **({"by_kind": {kind: _wording(level, kind, langs) for kind in kinds}} if kinds else {})}
                   for level in scale.levels],
        "not_relevant": na,
    }
