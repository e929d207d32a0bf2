"""1EdTech CASE 1.1 `CFPackage` JSON of a framework, deterministic to the byte.

Identifiers are UUIDv5 of the framework id, the language and the node ID, so two exports of the same data are
identical and a re-import updates the items it imported before. Each language is its own CFDocument.
"""

from __future__ import annotations

import json
import uuid

from ..model import Cluster, Component, Focus, Framework, Statement

#: Namespace of every identifier this project derives (UUIDv5 of the URL of the CASE spec and our name).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://www.imsglobal.org/spec/case/v1p1#digicomp-xblock")

ITEM_TYPES = {Focus: "Focus", Cluster: "Cluster", Component: "Component", Statement: "Competence statement"}


def _identifier(framework: Framework, lang: str, *parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join((framework.id, lang) + parts)))


def _uri(identifier: str) -> str:
    return f"urn:uuid:{identifier}"


def _nodes(framework: Framework):
    """(node, parent or None, sequence number) for every focus, cluster, component and statement."""
    for f, focus in enumerate(framework.focuses, 1):
        yield focus, None, f
        for c, cluster in enumerate(focus.clusters, 1):
            yield cluster, focus, c
            for k, component in enumerate(cluster.components, 1):
                yield component, cluster, k
                for s, statement in enumerate(component.statements, 1):
                    yield statement, component, s


def _statement_notes(framework: Framework, statement: Statement, lang: str) -> str | None:
    lines = [detail.get(lang) for detail in statement.details]
    if statement.subtheme:
        subtheme = framework.cluster(statement.cluster_id).subtheme(statement.subtheme)
        lines.insert(0, subtheme.title.get(lang))
    lines += [framework.reference(key).text for key in statement.citations]
    return "\n".join(lines) or None


def _full_statement(node, lang: str) -> str:
    return node.text.get(lang) if isinstance(node, Statement) else node.title.get(lang)


def to_case_package(framework: Framework, lang: str) -> str:
    """The CFPackage as pretty, sorted JSON text."""
    changed = f"{framework.version_date}T00:00:00+00:00"
    doc_id = _identifier(framework, lang, "document")
    document = {
        "identifier": doc_id,
        "uri": _uri(doc_id),
        "creator": framework.creator,
        "title": framework.title.get(lang),
        "lastChangeDateTime": changed,
        "caseVersion": "1.1",
        "publisher": framework.publisher,
        "description": framework.citation,
        "language": lang,
        "version": framework.version,
        "adoptionStatus": "Adopted",
        "notes": "\n".join(framework.editorial_notes) or framework.citation,
    }
    items, associations, node_ids = [], [], {}
    for node, parent, sequence in _nodes(framework):
        item_id = _identifier(framework, lang, node.id)
        node_ids[node.id] = item_id
        item = {
            "identifier": item_id,
            "uri": _uri(item_id),
            "fullStatement": _full_statement(node, lang),
            "humanCodingScheme": node.id,
            "CFItemType": ITEM_TYPES[type(node)],
            "language": lang,
            "listEnumeration": str(sequence),
            "lastChangeDateTime": changed,
        }
        if isinstance(node, Statement):
            notes = _statement_notes(framework, node, lang)
            if notes:
                item["notes"] = notes
        items.append(item)
        target_id, target_title = (
            (doc_id, document["title"]) if parent is None else (node_ids[parent.id], _full_statement(parent, lang))
        )
        assoc_id = _identifier(framework, lang, "isChildOf", node.id)
        associations.append({
            "identifier": assoc_id,
            "uri": _uri(assoc_id),
            "associationType": "isChildOf",
            "sequenceNumber": sequence,
            "originNodeURI": {"title": item["fullStatement"], "identifier": item_id, "uri": _uri(item_id)},
            "destinationNodeURI": {"title": target_title, "identifier": target_id, "uri": _uri(target_id)},
            "lastChangeDateTime": changed,
        })
    package = {"CFDocument": document, "CFItems": items, "CFAssociations": associations}
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"
