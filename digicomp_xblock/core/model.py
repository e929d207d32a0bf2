"""The framework model: immutable, in document order, with lookups by ID and localised text."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

#: Component kinds in their fixed order; the position (1, 2, 3) is the component digit of an ID.
COMPONENT_KINDS = ("knowledge", "skills", "attitudes")


def best_language(active: str | None, available: Sequence[str], default: str | None = None) -> str:
    """`active` if the content has it, or its base language (`nl-be` -> `nl`); else `default` (else the first)."""
    active = (active or "").lower()
    for candidate in (active, active.split("-")[0]):
        if candidate in available:
            return candidate
    return default or available[0]


@dataclass(frozen=True)
class LocalText:
    """A text in several languages, read with a fallback chain."""

    values: tuple[tuple[str, str], ...]
    fallback: str = "en"

    @classmethod
    def of(cls, mapping: Mapping[str, str], fallback: str = "en") -> LocalText:
        return cls(tuple(mapping.items()), fallback)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang, _ in self.values)

    def get(self, lang: str | None = None) -> str:
        """The text in `lang` (or its base language, `nl` for `nl-be`), else the fallback, else any."""
        table = dict(self.values)
        for candidate in (lang, (lang or "").split("-")[0].split("_")[0], self.fallback):
            if candidate and candidate.lower() in table:
                return table[candidate.lower()]
        return self.values[0][1] if self.values else ""

    def __str__(self) -> str:
        return self.get()


@dataclass(frozen=True)
class Reference:
    """One work of the bibliography."""

    key: str
    text: str
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Statement:
    """A competence statement, e.g. `1.1.4`."""

    id: str
    text: LocalText
    citations: tuple[str, ...] = ()
    subtheme: str | None = None
    details: tuple[LocalText, ...] = ()
    nl_source: str | None = None
    draft_id: str | None = None

    @property
    def cluster_id(self) -> str:
        return self.id.split(".")[0]

    @property
    def component_id(self) -> str:
        return self.id.rsplit(".", 1)[0]

    @property
    def kind(self) -> str:
        return COMPONENT_KINDS[int(self.id.split(".")[1]) - 1]


@dataclass(frozen=True)
class SubTheme:
    """A sub-theme that groups statements inside each component of a cluster (cluster 5)."""

    id: str
    title: LocalText


@dataclass(frozen=True)
class Component:
    """Knowledge, skills or attitudes of one cluster."""

    id: str
    kind: str
    title: LocalText
    statements: tuple[Statement, ...]

    def groups(self) -> list[tuple[str | None, list[Statement]]]:
        """Consecutive statements grouped by sub-theme (one group with None when there are none)."""
        groups: list[tuple[str | None, list[Statement]]] = []
        for statement in self.statements:
            if not groups or groups[-1][0] != statement.subtheme:
                groups.append((statement.subtheme, []))
            groups[-1][1].append(statement)
        return groups


@dataclass(frozen=True)
class Cluster:
    """One of the competence clusters."""

    id: str
    title: LocalText
    summary: LocalText
    description: LocalText
    components: tuple[Component, ...]
    subthemes: tuple[SubTheme, ...] = ()

    def statements(self) -> Iterator[Statement]:
        for component in self.components:
            yield from component.statements

    def subtheme(self, subtheme_id: str) -> SubTheme:
        return next(s for s in self.subthemes if s.id == subtheme_id)


@dataclass(frozen=True)
class Focus:
    """A focus groups clusters."""

    id: str
    title: LocalText
    description: LocalText
    clusters: tuple[Cluster, ...]


@dataclass(frozen=True)
class Position:
    """A professional position (beginner ... pacesetter)."""

    id: str
    name: LocalText
    description: LocalText


@dataclass(frozen=True)
class Author:
    name: str
    affiliation: str | None = None


@dataclass(frozen=True)
class Framework:
    """A whole framework file, with an index of every node by ID."""

    id: str
    version: str
    version_date: str
    edition: str
    source_language: str
    languages: tuple[str, ...]
    title: LocalText
    creator: str
    publisher: str
    place: str
    rights: str
    citation: str
    authors: tuple[Author, ...]
    editorial_notes: tuple[str, ...]
    focuses: tuple[Focus, ...]
    positions: tuple[Position, ...]
    references: tuple[Reference, ...]
    #: Address of the publisher's official publication of the framework, when the data names one.
    official_source_url: str | None = None
    _index: Mapping[str, object] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        index: dict[str, object] = {}
        for focus in self.focuses:
            index[focus.id] = focus
            for cluster in focus.clusters:
                index[cluster.id] = cluster
                for component in cluster.components:
                    index[component.id] = component
                    for statement in component.statements:
                        index[statement.id] = statement
        object.__setattr__(self, "_index", index)

    # Iteration in document order
    def clusters(self) -> Iterator[Cluster]:
        for focus in self.focuses:
            yield from focus.clusters

    def statements(self) -> Iterator[Statement]:
        for cluster in self.clusters():
            yield from cluster.statements()

    # Lookups
    def __contains__(self, node_id: str) -> bool:
        return node_id in self._index

    def node(self, node_id: str):
        """Any focus, cluster, component or statement by ID; KeyError when unknown."""
        return self._index[node_id]

    def statement(self, statement_id: str) -> Statement:
        node = self._index.get(statement_id)
        if not isinstance(node, Statement):
            raise KeyError(statement_id)
        return node

    def cluster(self, cluster_id: str) -> Cluster:
        node = self._index.get(cluster_id)
        if not isinstance(node, Cluster):
            raise KeyError(cluster_id)
        return node

    def focus_of(self, cluster_id: str) -> Focus:
        return next(f for f in self.focuses if any(c.id == cluster_id for c in f.clusters))

    def reference(self, key: str) -> Reference:
        return next(r for r in self.references if r.key == key)

    def position(self, position_id: str) -> Position:
        return next(p for p in self.positions if p.id == position_id)

    def counts(self) -> dict[str, int]:
        clusters = list(self.clusters())
        return {
            "statements": sum(1 for _ in self.statements()),
            "clusters": len(clusters),
            "focuses": len(self.focuses),
        }

    def summary(self) -> str:
        """One line, e.g. `144 statements, 9 clusters, 3 focuses, languages en nl`."""
        counts = self.counts()
        return (
            f"{counts['statements']} statements, {counts['clusters']} clusters, "
            f"{counts['focuses']} focuses, languages {' '.join(self.languages)}"
        )
