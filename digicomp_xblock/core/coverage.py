"""Which competences a course develops: units tagged with competence IDs, a coverage matrix and recommendations.

A shell (the XBlock or the LMS adapter) describes the course as a tree of `CourseNode`s; everything here is data
in, data out. A tag is a competence ID on a node: a cluster develops all its statements, a component all of its
statements, a statement itself (any framework node counts, so a focus tag develops its clusters). IDs the framework
does not have develop nothing and are reported by `unknown_tags`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from .model import Cluster, Framework
from .scope import statements_of
from .scoring import Profile

#: Kinds of course nodes, outermost first.
NODE_KINDS = ("course", "section", "subsection", "unit", "component")

#: A column of the coverage matrix: (section ID, section title, unit IDs).
Column = tuple[str, str, tuple[str, ...]]


# --- Course structure ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CourseNode:
    """A node of the course outline with the competence IDs tagged on that very node."""

    id: str
    title: str
    kind: str  # one of NODE_KINDS
    children: tuple[CourseNode, ...] = ()
    tags: tuple[str, ...] = ()

    def walk(self) -> Iterator[CourseNode]:
        """This node and all below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class UnitInfo:
    """A unit with its section and subsection ("" when missing) and the IDs tagged on it or below it."""

    id: str
    title: str
    section_id: str
    section_title: str
    subsection_id: str
    subsection_title: str
    competences: frozenset[str]


def units_of(course: CourseNode) -> list[UnitInfo]:
    """Every unit in document order; tags of the unit's descendants roll up, tags of its ancestors do not."""
    return list(_units(course, None, None))


def _units(node: CourseNode, section: CourseNode | None, subsection: CourseNode | None) -> Iterator[UnitInfo]:
    if node.kind == "section":
        section, subsection = node, None
    elif node.kind == "subsection":
        subsection = node
    elif node.kind == "unit":
        yield UnitInfo(
            node.id, node.title,
            section.id if section else "", section.title if section else "",
            subsection.id if subsection else "", subsection.title if subsection else "",
            frozenset(tag for below in node.walk() for tag in below.tags),
        )
    for child in node.children:
        yield from _units(child, section, subsection)


def statements_developed(framework: Framework, ids: Iterable[str]) -> frozenset[str]:
    """The statement IDs that some tags develop; unknown IDs develop nothing."""
    return frozenset(s.id for node_id in ids if node_id in framework for s in statements_of(framework.node(node_id)))


def unknown_tags(framework: Framework, course: CourseNode) -> dict[str, list[str]]:
    """Node ID -> tags the framework does not have (nodes and tags in document order, no duplicates)."""
    unknown = {}
    for node in course.walk():
        bad = [tag for tag in dict.fromkeys(node.tags) if tag not in framework]
        if bad:
            unknown[node.id] = bad
    return unknown


# --- Coverage ------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CoverageRow:
    """One cluster across the sections: how many units (and which) develop it, and each of its kinds."""

    cluster_id: str
    counts: tuple[int, ...]  # units per section
    units: tuple[tuple[str, ...], ...]  # unit IDs per section
    kinds: tuple[tuple[str, tuple[int, ...]], ...]  # (kind, units per section) for the cluster's kinds, K/S/A order

    @property
    def total(self) -> int:
        """Units that develop the cluster (each unit is in one section)."""
        return sum(self.counts)

    def kind(self, kind: str) -> tuple[int, ...] | None:
        return dict(self.kinds).get(kind)


@dataclass(frozen=True)
class Coverage:
    """The coverage matrix (clusters x sections) and what is missing."""

    sections: tuple[Column, ...]  # the columns, document order
    rows: tuple[CoverageRow, ...]  # one per cluster, document order
    untagged_units: tuple[UnitInfo, ...]
    clusters_without_unit: tuple[str, ...]
    statements_without_unit: tuple[str, ...]
    assessed_not_developed: tuple[str, ...]
    total_units: int
    expected_not_developed: tuple[str, ...] = ()  # expected by a position profile of the course, no unit develops

    def row(self, cluster_id: str) -> CoverageRow | None:
        return next((r for r in self.rows if r.cluster_id == cluster_id), None)


def _columns(course: CourseNode, units: list[UnitInfo]) -> list[Column]:
    """Sections in document order (also empty ones) with their unit IDs; units outside any section: a last ("", "")."""
    columns: dict[str, tuple[str, list[str]]] = {}
    for node in course.walk():
        if node.kind == "section":
            columns.setdefault(node.id, (node.title, []))
    for unit in units:
        columns.setdefault(unit.section_id, (unit.section_title, []))[1].append(unit.id)
    return [(section_id, title, tuple(unit_ids)) for section_id, (title, unit_ids) in columns.items()]


def coverage(framework: Framework, course: CourseNode, assessed_ids: Iterable[str] = (),
             expected_ids: Iterable[str] = ()) -> Coverage:
    """Which units develop which clusters, per section; and the clusters, statements, units left over, among them
    the statements `expected_ids` (what the course's position profiles expect) that no unit develops."""
    units = units_of(course)
    developed = {unit.id: statements_developed(framework, unit.competences) for unit in units}
    columns = _columns(course, units)
    rows = tuple(_row(cluster, columns, developed) for cluster in framework.clusters())
    reached = frozenset().union(*developed.values())
    assessed, expected = set(assessed_ids), set(expected_ids)
    return Coverage(
        sections=tuple(columns),
        rows=rows,
        untagged_units=tuple(unit for unit in units if not unit.competences),
        clusters_without_unit=tuple(row.cluster_id for row in rows if not row.total),
        statements_without_unit=tuple(s.id for s in framework.statements() if s.id not in reached),
        assessed_not_developed=tuple(s.id for s in framework.statements() if s.id in assessed and s.id not in reached),
        total_units=len(units),
        expected_not_developed=tuple(s.id for s in framework.statements() if s.id in expected and s.id not in reached),
    )


def _row(cluster: Cluster, columns: list[Column], developed: dict[str, frozenset[str]]) -> CoverageRow:
    """The coverage of one cluster over the columns, given each unit's developed statement IDs."""
    def units_with(kind: str | None) -> tuple[tuple[str, ...], ...]:
        wanted = {s.id for s in cluster.statements() if kind in (None, s.kind)}
        return tuple(tuple(u for u in unit_ids if developed[u] & wanted) for _, _, unit_ids in columns)

    units = units_with(None)
    return CoverageRow(
        cluster_id=cluster.id,
        counts=tuple(len(ids) for ids in units),
        units=units,
        kinds=tuple((c.kind, tuple(len(ids) for ids in units_with(c.kind))) for c in cluster.components),
    )


def coverage_csv_rows(cov: Coverage, framework: Framework, lang: str | None = None) -> list[list[str]]:
    """The matrix as CSV rows: a header, then per cluster a row ("" kind) followed by a row per kind."""
    rows = [["cluster", "title", "kind", *(title for _, title, _ in cov.sections), "total units"]]
    for row in cov.rows:
        cluster = framework.cluster(row.cluster_id)
        rows.append([row.cluster_id, cluster.title.get(lang), "", *map(str, row.counts), str(row.total)])
        for component, (kind, counts) in zip(cluster.components, row.kinds, strict=True):
            rows.append([row.cluster_id, component.title.get(lang), kind, *map(str, counts), str(sum(counts))])
    return rows


# --- Recommendations -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Recommendation:
    """Units to work on one of the learner's weak clusters."""

    cluster_id: str
    score: float | None
    units: tuple[UnitInfo, ...]


def recommend(framework: Framework, profile: Profile, units: Sequence[UnitInfo], limit: int = 3,
              clusters: int = 2) -> list[Recommendation]:
    """Units for the learner's `clusters` weakest scored clusters, up to `limit` each; clusters no unit develops
    are left out (not replaced by the next weakest)."""
    order = {cluster.id: n for n, cluster in enumerate(framework.clusters())}
    scored = [c for c in profile.clusters if c.overall.value is not None and c.cluster_id in order]
    # weakest first: by score, then by place in the framework
    weakest = sorted(scored, key=lambda c: (c.overall.value, order[c.cluster_id]))[:max(clusters, 0)]
    developed = [(unit, statements_developed(framework, unit.competences)) for unit in units]
    recommendations = []
    for cluster_score in weakest:
        chosen = _units_for(framework.cluster(cluster_score.cluster_id), developed)[:max(limit, 0)]
        if chosen:
            recommendations.append(Recommendation(cluster_score.cluster_id, cluster_score.overall.value, chosen))
    return recommendations


def _units_for(cluster: Cluster, developed: list[tuple[UnitInfo, frozenset[str]]]) -> tuple[UnitInfo, ...]:
    """Units that develop the cluster, those developing more of its statements first, then in the given order."""
    mine = {s.id for s in cluster.statements()}
    counted = [(len(mine & ids), n, unit) for n, (unit, ids) in enumerate(developed)]
    return tuple(unit for count, _, unit in sorted(counted, key=lambda c: (-c[0], c[1])) if count)
