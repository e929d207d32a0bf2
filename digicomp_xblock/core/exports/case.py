"""1EdTech CASE 1.1 `CFPackage` JSON of a framework, deterministic to the byte.

Identifiers are UUIDv5 of the framework id, the language and the node ID, so two exports of the same data are
identical and a re-import updates the items it imported before. A CFPackage holds exactly one CFDocument, so each
language is its own package; the package of a language other than the source language also carries `isTranslationOf`
associations from its document and each of its items to the source language's document and items, whose identifiers
and URIs are computed the same way.

URIs: without a base URI every `uri` is `urn:uuid:<identifier>`. With a base URI (`https://example.org/case/`) each is
the base, the object's collection as the CASE 1.1 REST binding names it, and its identifier:
`<base>CFDocuments/<id>`, `<base>CFItems/<id>`, `<base>CFAssociations/<id>`, `<base>CFItemTypes/<id>`,
`<base>CFLicenses/<id>` (see `COLLECTIONS`). A deployment serves each object's JSON at its URI; the identifiers do
not depend on the base, so changing it changes the URIs only.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..model import Cluster, Component, Focus, Framework, Statement

#: Namespace of every identifier this project derives (UUIDv5 of the URL of the CASE spec and our name).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://www.imsglobal.org/spec/case/v1p1#digicomp-xblock")

#: The path segment under the base URI of each kind of object (the collections of the CASE 1.1 REST binding).
COLLECTIONS = {
    "document": "CFDocuments",
    "item": "CFItems",
    "association": "CFAssociations",
    "item_type": "CFItemTypes",
    "license": "CFLicenses",
}


@dataclass(frozen=True)
class ItemType:
    """A CFItemType: one per kind of node. `code` is its `typeCode` and part of its identifier."""

    code: str
    title: str
    description: str
    hierarchy_code: str


ITEM_TYPES = {
    Focus: ItemType("focus", "Focus", "A focus of the framework; it groups competence clusters.", "1"),
    Cluster: ItemType("cluster", "Cluster", "A competence cluster; its components are knowledge, skills and "
                      "attitudes.", "2"),
    Component: ItemType("component", "Component", "The knowledge, skills or attitudes of a cluster; it groups "
                        "competence statements.", "3"),
    Statement: ItemType("statement", "Competence statement", "One competence statement of a component: an item "
                        "of knowledge, a skill or an attitude.", "4"),
}


def check_base_uri(base_uri: str) -> str:
    """The base URI with a final `/`; ValueError unless it is an absolute http(s) URL without query or fragment."""
    parts = urlsplit(base_uri)
    if (parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment
            or "?" in base_uri or "#" in base_uri or any(c.isspace() for c in base_uri)):
        raise ValueError(f"base URI must be an absolute http(s) URL without query or fragment, got {base_uri!r}")
    return base_uri if base_uri.endswith("/") else base_uri + "/"


class _Uris:
    def __init__(self, base_uri: str | None):
        self.base = None if base_uri is None else check_base_uri(base_uri)

    def __call__(self, kind: str, identifier: str) -> str:
        if self.base is None:
            return f"urn:uuid:{identifier}"
        return f"{self.base}{COLLECTIONS[kind]}/{identifier}"


def _identifier(framework: Framework, lang: str, *parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join((framework.id, lang) + parts)))


def _shared_identifier(framework: Framework, *parts: str) -> str:
    """Identifier of a definition both languages share (`parts` never start with a language code)."""
    return str(uuid.uuid5(NAMESPACE, "/".join((framework.id,) + parts)))


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


def _link(title: str, identifier: str, uri: str) -> dict:
    return {"title": title, "identifier": identifier, "uri": uri}


def _definitions(framework: Framework, uri: _Uris, changed: str) -> tuple[dict, dict, dict | None]:
    """CFDefinitions, the link to each item type by node class, and the link to the licence (None without rights)."""
    item_types, type_links = [], {}
    for node_class, kind in ITEM_TYPES.items():
        identifier = _shared_identifier(framework, "item-type", kind.code)
        item_types.append({
            "identifier": identifier,
            "uri": uri("item_type", identifier),
            "title": kind.title,
            "description": kind.description,
            "hierarchyCode": kind.hierarchy_code,
            "typeCode": kind.code,
            "lastChangeDateTime": changed,
        })
        type_links[node_class] = _link(kind.title, identifier, uri("item_type", identifier))
    definitions: dict = {"CFItemTypes": item_types}
    license_link = None
    if framework.rights:
        identifier = _shared_identifier(framework, "license")
        definitions["CFLicenses"] = [{
            "identifier": identifier,
            "uri": uri("license", identifier),
            "title": framework.rights,
            "licenseText": framework.rights,
            "lastChangeDateTime": changed,
        }]
        license_link = _link(framework.rights, identifier, uri("license", identifier))
    return definitions, type_links, license_link


def case_package(framework: Framework, lang: str, base_uri: str | None = None) -> dict:
    """The CFPackage of one language as a dict; `base_uri` as in the module docstring."""
    uri = _Uris(base_uri)
    changed = f"{framework.version_date}T00:00:00+00:00"
    definitions, type_links, license_link = _definitions(framework, uri, changed)
    doc_id = _identifier(framework, lang, "document")
    document = {
        "identifier": doc_id,
        "uri": uri("document", doc_id),
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
    if framework.official_source_url:
        document["officialSourceURL"] = framework.official_source_url
    if license_link:
        document["licenseURI"] = license_link
    doc_link = _link(document["title"], doc_id, document["uri"])

    source = framework.source_language
    translated = lang != source
    source_doc_id = _identifier(framework, source, "document")
    items, associations, links = [], [], {}

    def associate(kind: str, node_id: str, origin: dict, destination: dict, sequence: int | None = None):
        assoc_id = _identifier(framework, lang, kind, node_id)
        association = {"identifier": assoc_id, "uri": uri("association", assoc_id), "associationType": kind}
        if sequence is not None:
            association["sequenceNumber"] = sequence
        association.update(originNodeURI=origin, destinationNodeURI=destination, lastChangeDateTime=changed)
        associations.append(association)

    if translated:
        associate("isTranslationOf", "document", doc_link,
                  _link(framework.title.get(source), source_doc_id, uri("document", source_doc_id)))
    for node, parent, sequence in _nodes(framework):
        item_id = _identifier(framework, lang, node.id)
        item = {
            "identifier": item_id,
            "uri": uri("item", item_id),
            "fullStatement": _full_statement(node, lang),
            "humanCodingScheme": node.id,
            "CFItemType": ITEM_TYPES[type(node)].title,
            "CFItemTypeURI": type_links[type(node)],
            "language": lang,
            "listEnumeration": str(sequence),
            "lastChangeDateTime": changed,
        }
        if isinstance(node, Statement):
            notes = _statement_notes(framework, node, lang)
            if notes:
                item["notes"] = notes
        items.append(item)
        links[node.id] = _link(item["fullStatement"], item_id, item["uri"])
        associate("isChildOf", node.id, links[node.id], doc_link if parent is None else links[parent.id], sequence)
        if translated:
            source_id = _identifier(framework, source, node.id)
            associate("isTranslationOf", node.id, links[node.id],
                      _link(_full_statement(node, source), source_id, uri("item", source_id)))
    return {"CFDocument": document, "CFItems": items, "CFAssociations": associations, "CFDefinitions": definitions}


def to_case_package(framework: Framework, lang: str, base_uri: str | None = None) -> str:
    """The CFPackage as pretty JSON text (keys in a fixed order), the same bytes for the same data."""
    return json.dumps(case_package(framework, lang, base_uri), ensure_ascii=False, indent=2) + "\n"
