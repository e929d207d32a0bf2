"""The course around a block, as the core's CourseNode tree, with the competence tags of every node."""

from __future__ import annotations

from ..core.coverage import CourseNode, statements_developed, units_of
from ..core.loader import FrameworkError
from . import tagging_available

OPEN_EDX_KINDS = {"course": "course", "chapter": "section", "sequential": "subsection", "vertical": "unit"}
#: Our own blocks: a unit made only of them is the course's tools (the self-assessment, the profile, the coverage
#: map, the consensus exercise), not content that develops competences, so it is no unit of the coverage map or the
#: suggestions.
OWN_BLOCKS = frozenset({"digicomp_assessment", "digicomp_profile", "digicomp_coverage", "digicomp_framework",
                        "digicomp_consensus"})


def root_of(block):
    """The outermost ancestor of a block (the course in Open edX, the scenario in the workbench)."""
    node = block
    while node.get_parent() is not None:
        node = node.get_parent()
    return node


def walk(block):
    """A block and all its descendants, in document order."""
    yield block
    if getattr(block, "has_children", False):
        for child in block.children:
            yield from walk(block.runtime.get_block(child))


def course_blocks(block, block_type: str) -> list:
    """Every block of a type in the course of `block`, in document order."""
    return [node for node in walk(root_of(block)) if node.scope_ids.block_type == block_type]


def _title(block) -> str:
    return str(getattr(block, "display_name", "") or block.scope_ids.block_type)


def _all_leaves(children) -> bool:
    return all(not getattr(child, "has_children", False) or not child.children for child in children)


def is_unit(block) -> bool:
    """A unit of content: a container whose children hold no further children (Open edX: a vertical), and not
    only our own blocks (the course's tools)."""
    children = [block.runtime.get_block(c) for c in block.children] if getattr(block, "has_children", False) else []
    if children and all(child.scope_ids.block_type in OWN_BLOCKS for child in children):
        return False
    if block.scope_ids.block_type == "vertical":
        return True
    return bool(children) and _all_leaves(children)


def _kind(block, depth: int, children) -> str:
    kind = OPEN_EDX_KINDS.get(block.scope_ids.block_type)
    if kind is None:
        if depth == 0:
            kind = "course"
        elif not children:
            kind = "component"
        elif _all_leaves(children):
            kind = "unit"
        else:
            kind = "section" if depth == 1 else "subsection"
    if kind == "unit" and children and all(child.scope_ids.block_type in OWN_BLOCKS for child in children):
        return "tools"
    return kind


def course_tree(block, framework_id: str) -> tuple[CourseNode, list[str]]:
    """The whole course of `block`, each node with the competence IDs tagged on it, and the statement IDs that
    the course's self-assessments (of the same framework) ask about."""
    root = root_of(block)
    blocks = []

    def collect(node, depth):
        children = [node.runtime.get_block(child) for child in getattr(node, "children", [])] \
            if getattr(node, "has_children", False) else []
        blocks.append(node)
        return node, depth, children, [collect(child, depth + 1) for child in children]

    shape = collect(root, 0)
    tags = {}
    if tagging_available():
        from ..tagging.api import competences_in  # noqa: PLC0415 - a Django app, loaded only when installed

        tags = competences_in([str(b.scope_ids.usage_id) for b in blocks], framework_id)

    def build(item) -> CourseNode:
        node, depth, children, built = item
        usage = str(node.scope_ids.usage_id)
        return CourseNode(usage, _title(node), _kind(node, depth, children), tuple(build(c) for c in built),
                          tuple(tags.get(usage, ())))

    assessed = []
    for node in blocks:
        if node.scope_ids.block_type == "digicomp_assessment" and getattr(node, "framework", None) == framework_id:
            try:
                assessed += [s.id for s in node.scope_statements]
            except (KeyError, ValueError):  # a misconfigured assessment: Studio validation reports it
                continue
    return build(shape), list(dict.fromkeys(assessed))


def course_expectations(block, framework_id: str) -> list[tuple]:
    """(position profile, target position) of each self-assessment of the course of `block` (on the framework)
    that has both, in course order (a misconfigured one is left out: Studio's validation reports it)."""
    found = []
    for node in course_blocks(block, "digicomp_assessment"):
        if getattr(node, "framework", None) != framework_id:
            continue
        try:
            setting = node.expected_setting()
        except (FrameworkError, KeyError, ValueError):  # a ScopeError is a ValueError
            continue
        if setting is not None:
            found.append(setting[:2])
    return found


def statements_developed_in(root, framework) -> frozenset[str]:
    """The statement IDs that the units of the course under `root` develop (their competence tags)."""
    tree, _ = course_tree(root, framework.id)
    return statements_developed(framework, (cid for unit in units_of(tree) for cid in unit.competences))
