"""What a self-assessment covers: cluster, component and statement IDs, resolved to statements."""

from __future__ import annotations

import re

from .model import Cluster, Component, Focus, Framework, Statement


class ScopeError(ValueError):
    """Scope IDs that the framework does not have."""

    def __init__(self, unknown: list[str]):
        self.unknown = unknown
        super().__init__(f"unknown competence ID(s): {', '.join(unknown)}")


def parse_scope(text: str) -> list[str]:
    """`"1 2, 5.2.3"` -> `["1", "2", "5.2.3"]` (spaces or commas; duplicates dropped, order kept)."""
    return list(dict.fromkeys(part for part in re.split(r"[\s,]+", text or "") if part))


def statements_of(node) -> list[Statement]:
    """The statements below (or at) any node of the framework."""
    if isinstance(node, Statement):
        return [node]
    if isinstance(node, Component):
        return list(node.statements)
    if isinstance(node, Cluster):
        return list(node.statements())
    if isinstance(node, Focus):
        return [s for cluster in node.clusters for s in cluster.statements()]
    raise TypeError(node)


def resolve_scope(framework: Framework, ids: list[str]) -> tuple[Statement, ...]:
    """The statements an assessment covers, in document order; every statement when `ids` is empty."""
    unknown = [node_id for node_id in ids if node_id not in framework]
    if unknown:
        raise ScopeError(unknown)
    if not ids:
        return tuple(framework.statements())
    chosen: set[str] = set()
    for node_id in ids:
        chosen.update(s.id for s in statements_of(framework.node(node_id)))
    return tuple(s for s in framework.statements() if s.id in chosen)
