"""A strict reader of CASE 1.1 CFPackages that does what OpenSALT's CASE JSON import does, step by step, and reports
what it would lose or refuse instead of losing it quietly.

OpenSALT (opensalt/opensalt, `CaseImport`, `DataTransformer/CaseJson/*`, `DTO/CaseJson/*`) validates the package
against its CASE 1.1 schema, deserialises it into typed objects (a missing required value is an error there), then:
definitions first, indexed by identifier; the document, found or created by identifier, its licence looked up by
`licenseURI.identifier` among the package's CFLicenses (no match: no licence); items by identifier, refusing an item
that already belongs to another document, its item type looked up by `CFItemTypeURI.identifier` (no match: item type
null); associations, each end resolved to an item of the package, the document, or an item or document already in
its database by identifier, else kept as a bare URI. This reader keeps a `Store` of what earlier packages imported
and turns each silent fallback into a problem. Written from reading that code; none of it is copied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jsonschema import FormatChecker

#: OpenSALT's CASE 1.1 schema: lowercase, RFC 4122 variant.
IDENTIFIER = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
ASSOCIATION_TYPES = {"isChildOf", "isPeerOf", "isPartOf", "exactMatchOf", "precedes", "isRelatedTo", "replacedBy",
                     "exemplar", "hasSkillLevel", "isTranslationOf"}
# The values each typed object needs (OpenSALT's non-nullable DTO properties).
REQUIRED = {
    "CFDocument": ("identifier", "uri", "creator", "title", "lastChangeDateTime"),
    "CFItem": ("identifier", "fullStatement", "uri", "lastChangeDateTime"),
    "CFAssociation": ("identifier", "associationType", "uri", "originNodeURI", "destinationNodeURI",
                      "lastChangeDateTime"),
    "CFItemType": ("identifier", "uri", "title", "description", "hierarchyCode", "lastChangeDateTime"),
    "CFLicense": ("identifier", "uri", "title", "licenseText", "lastChangeDateTime"),
    "link": ("title", "identifier", "uri"),
}
_FORMATS = FormatChecker()


@dataclass
class Store:
    """What an OpenSALT instance holds after earlier imports: documents and items by identifier."""

    documents: dict[str, dict] = field(default_factory=dict)
    items: dict[str, tuple[str, dict]] = field(default_factory=dict)  # identifier -> (document identifier, item)
    item_types: dict[str, dict] = field(default_factory=dict)
    licenses: dict[str, dict] = field(default_factory=dict)


@dataclass
class Imported:
    """One package as the importer understood it."""

    document: dict
    item_type_of: dict[str, dict]  # item identifier -> its CFItemType
    license: dict | None
    # (type, origin object, destination object): each end is an item or document dict
    associations: list[tuple[str, dict, dict]]


def import_package(store: Store, package: dict) -> tuple[Imported | None, list[str]]:
    """Import one package into `store`; the result and every problem found (an empty list: nothing lost).
    The store takes the package only when there is no problem."""
    importer = _Importer(store)
    imported = importer.run(package)
    if imported is not None and not importer.problems:
        importer.commit()
    return imported, importer.problems


class _Importer:
    def __init__(self, store: Store):
        self.store = store
        self.problems: list[str] = []
        self.ids: dict[str, str] = {}
        self.uris: dict[str, str] = {}
        self.item_types: dict[str, dict] = {}
        self.licenses: dict[str, dict] = {}
        self.document: dict = {}
        self.items: dict[str, dict] = {}

    def run(self, package: dict) -> Imported | None:
        self.definitions(package.get("CFDefinitions") or {})
        document = package.get("CFDocument")
        if not self.require("CFDocument", document, "CFDocument"):
            return None
        self.document = document
        self.register(document, "CFDocument")
        license_ = None
        if "licenseURI" in document:
            license_ = self.link(document["licenseURI"], "CFDocument.licenseURI", self.licenses,
                                 "CFLicense of the package")
        item_type_of = self.read_items(package.get("CFItems", ()))
        associations = self.read_associations(package.get("CFAssociations", ()))
        self.check_tree(associations)
        return Imported(document, item_type_of, license_, associations)

    def commit(self):
        doc_id = self.document["identifier"]
        self.store.documents[doc_id] = self.document
        self.store.items.update({identifier: (doc_id, item) for identifier, item in self.items.items()})
        self.store.item_types.update(self.item_types)
        self.store.licenses.update(self.licenses)

    # Checks every step uses
    def require(self, kind: str, obj, where: str) -> bool:
        if not isinstance(obj, dict):
            self.problems.append(f"{where}: not an object")
            return False
        missing = [name for name in REQUIRED[kind] if obj.get(name) in (None, "")]
        if missing:
            self.problems.append(f"{where}: {kind} without {', '.join(missing)}")
        return not missing

    def register(self, obj: dict, where: str):
        identifier, uri = obj["identifier"], obj["uri"]
        if not IDENTIFIER.fullmatch(identifier):
            self.problems.append(f"{where}: identifier {identifier!r} is not a lowercase RFC 4122 UUID")
        if not _FORMATS.conforms(uri, "uri"):
            self.problems.append(f"{where}: uri {uri!r} is not an absolute URI")
        for seen, key in ((self.ids, identifier), (self.uris, uri)):
            if key in seen:
                self.problems.append(f"{where}: {key} already used by {seen[key]}")
            seen[key] = where

    def link(self, value, where: str, targets: dict[str, dict], what: str) -> dict | None:
        """The object a link names, by identifier (as OpenSALT looks it up); its uri must be that object's."""
        if not self.require("link", value, where):
            return None
        target = targets.get(value["identifier"])
        if target is None:
            self.problems.append(f"{where}: {value['identifier']} is no {what} (the importer would drop the link)")
        elif target["uri"] != value["uri"]:
            self.problems.append(f"{where}: uri {value['uri']} is not the uri of {what} {value['identifier']}")
        return target

    # The steps, in OpenSALT's order
    def definitions(self, definitions: dict):
        for kind, name, index in (("CFItemType", "CFItemTypes", self.item_types),
                                  ("CFLicense", "CFLicenses", self.licenses)):
            for n, definition in enumerate(definitions.get(name, ())):
                where = f"CFDefinitions.{name}[{n}]"
                if self.require(kind, definition, where):
                    self.register(definition, where)
                    index[definition["identifier"]] = definition

    def read_items(self, items) -> dict[str, dict]:
        item_type_of = {}
        for n, item in enumerate(items):
            where = f"CFItems[{n}]"
            if not self.require("CFItem", item, where):
                continue
            self.register(item, where)
            owner = self.store.items.get(item["identifier"], (self.document["identifier"], None))[0]
            if owner != self.document["identifier"]:
                self.problems.append(f"{where}: item {item['identifier']} belongs to document {owner} "
                                     "(import refused)")
            self.items[item["identifier"]] = item
            if "CFItemTypeURI" not in item:
                self.problems.append(f"{where}: no CFItemTypeURI (the importer stores the item type as null)")
                continue
            item_type = self.link(item["CFItemTypeURI"], f"{where}.CFItemTypeURI", self.item_types,
                                  "CFItemType of the package")
            if item_type is not None:
                item_type_of[item["identifier"]] = item_type
                if item.get("CFItemType") != item_type["title"]:
                    self.problems.append(f"{where}: CFItemType {item.get('CFItemType')!r} is not the title of "
                                         "its CFItemType")
        return item_type_of

    def read_associations(self, associations) -> list[tuple[str, dict, dict]]:
        """Each end in the package, or imported before (OpenSALT's database lookup by identifier)."""
        targets = {**self.store.documents, **{i: item for i, (_doc, item) in self.store.items.items()},
                   self.document["identifier"]: self.document, **self.items}
        result = []
        for n, association in enumerate(associations):
            where = f"CFAssociations[{n}]"
            if not self.require("CFAssociation", association, where):
                continue
            self.register(association, where)
            if association["associationType"] not in ASSOCIATION_TYPES:
                self.problems.append(f"{where}: unknown associationType {association['associationType']!r}")
            ends = [self.link(association[end], f"{where}.{end}", targets,
                              "document or item in the package or imported before")
                    for end in ("originNodeURI", "destinationNodeURI")]
            if None not in ends:
                result.append((association["associationType"], *ends))
        return result

    def check_tree(self, associations):
        """Each item has exactly one isChildOf parent in the package, and its chain of parents ends at the document."""
        in_package = {self.document["identifier"], *self.items}
        parents: dict[str, list[str]] = {}
        for kind, origin, destination in associations:
            if kind == "isChildOf" and destination["identifier"] in in_package:
                parents.setdefault(origin["identifier"], []).append(destination["identifier"])
        for identifier in self.items:
            if len(parents.get(identifier, [])) != 1:
                self.problems.append(f"item {identifier}: {len(parents.get(identifier, []))} isChildOf parents in "
                                     "the package, not 1")
                continue
            chain, node = {identifier}, parents[identifier][0]
            while node in self.items and node not in chain and len(parents.get(node, [])) == 1:
                chain.add(node)
                node = parents[node][0]
            if node != self.document["identifier"]:
                self.problems.append(f"item {identifier}: not under the document")
