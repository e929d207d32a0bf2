"""Validation of a framework document: the JSON Schema for structure, then the rules a schema cannot say.

Every problem is reported, each with its location (file, path in the document, ID), never only the first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator

from .model import COMPONENT_KINDS


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a framework file."""

    source: str
    path: str
    message: str
    id: str | None = None

    def __str__(self) -> str:
        where = f"{self.source}: {self.path or '(document)'}"
        if self.id:
            where += f" [{self.id}]"
        return f"{where}: {self.message}"


def format_path(parts) -> str:
    """`['focuses', 0, 'clusters', 1]` -> `focuses[0].clusters[1]`."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@lru_cache(maxsize=1)
def _schema_validator(schema_file: str) -> Draft202012Validator:
    with open(schema_file, encoding="utf-8") as handle:
        schema = json.load(handle)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def schema_problems(doc, source: str, schema_file: Path) -> list[Problem]:
    """Every way a parsed document breaks its JSON Schema, in document order."""
    validator = _schema_validator(str(schema_file))
    return [
        Problem(source, format_path(error.absolute_path), error.message, _id_at(doc, error.absolute_path))
        for error in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
    ]


def validate_document(doc, source: str, schema_file: Path) -> list[Problem]:
    """All problems of a parsed framework document; an empty list means it is valid."""
    problems = schema_problems(doc, source, schema_file)
    if problems:
        # Semantic rules assume the structure is right; report structure first.
        return problems
    return _Rules(doc, source).check()


def language_problems(text: dict, languages) -> list[str]:
    """What is wrong with the languages of one localised text: missing ones, undeclared ones."""
    problems = []
    missing = [lang for lang in languages if not str(text.get(lang, "")).strip()]
    extra = [lang for lang in text if lang not in languages]
    if missing:
        problems.append(f"missing language(s): {', '.join(missing)}")
    if extra:
        problems.append(f"language(s) not declared in 'languages': {', '.join(extra)}")
    return problems


def _id_at(doc, path) -> str | None:
    """The nearest `id` (or `key`) above a path in the document, for messages."""
    node, found = doc, None
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id", node.get("key")), str):
            found = node.get("id", node.get("key"))
    return found


class _Rules:
    """The checks beyond structure: IDs in their place, uniqueness, languages, references."""

    def __init__(self, doc: dict, source: str):
        self.doc = doc
        self.source = source
        self.problems: list[Problem] = []
        self.languages = doc["languages"]
        self.seen_ids: dict[str, str] = {}

    def add(self, path, message, node_id=None):
        self.problems.append(Problem(self.source, format_path(path), message, node_id))

    def check(self) -> list[Problem]:
        doc = self.doc
        if doc["source_language"] not in self.languages:
            self.add(["source_language"], f"'{doc['source_language']}' is not one of the languages {self.languages}")
        self.text(["title"], doc["title"])
        keys = self.unique_keys(["references"], doc["references"], "key", "reference key")
        self.unique_keys(["positions"], doc.get("positions", []), "id", "position id")
        for i, position in enumerate(doc.get("positions", [])):
            self.text(["positions", i, "name"], position["name"], position["id"])
            self.text(["positions", i, "description"], position["description"], position["id"])
        for f, focus in enumerate(doc["focuses"]):
            path = ["focuses", f]
            self.unique_id(path, focus["id"])
            self.texts(path, focus, ("title", "description"))
            for c, cluster in enumerate(focus["clusters"]):
                self.cluster(path + ["clusters", c], cluster, keys)
        return self.problems

    def cluster(self, path, cluster, keys):
        self.unique_id(path, cluster["id"])
        self.texts(path, cluster, ("title", "summary", "description"))
        subthemes = {s["id"] for s in cluster.get("subthemes", [])}
        for s, subtheme in enumerate(cluster.get("subthemes", [])):
            self.text(path + ["subthemes", s, "title"], subtheme["title"], subtheme["id"])
        for k, component in enumerate(cluster["components"]):
            cpath = path + ["components", k]
            digit = COMPONENT_KINDS.index(component["kind"]) + 1
            expected = f"{cluster['id']}.{digit}"
            if component["id"] != expected:
                self.add(cpath + ["id"], f"component id should be '{expected}' ({component['kind']} of cluster "
                         f"{cluster['id']})", component["id"])
            self.unique_id(cpath, component["id"])
            self.text(cpath + ["title"], component["title"], component["id"])
            for n, statement in enumerate(component["statements"]):
                self.statement(cpath + ["statements", n], statement, component["id"], subthemes, keys)

    def statement(self, path, statement, component_id, subthemes, keys):
        sid = statement["id"]
        if sid.rsplit(".", 1)[0] != component_id:
            self.add(path + ["id"], f"statement id does not belong to component '{component_id}'", sid)
        self.unique_id(path, sid)
        self.text(path + ["text"], statement["text"], sid)
        for d, detail in enumerate(statement.get("details", [])):
            self.text(path + ["details", d], detail, sid)
        for c, key in enumerate(statement.get("citations", [])):
            if key not in keys:
                self.add(path + ["citations", c], f"citation '{key}' is not in the references", sid)
        subtheme = statement.get("subtheme")
        if subthemes and subtheme is None:
            self.add(path, f"statement needs a subtheme, one of {sorted(subthemes)}", sid)
        elif subtheme is not None and subtheme not in subthemes:
            self.add(path + ["subtheme"], f"unknown subtheme '{subtheme}'", sid)
        source, draft_id = statement.get("nl_source"), statement.get("draft_id")
        if source == "draft" and not draft_id:
            self.add(path, "nl_source 'draft' needs the draft_id it came from", sid)
        if draft_id and source != "draft":
            self.add(path + ["draft_id"], "draft_id is only allowed with nl_source 'draft'", sid)

    def texts(self, path, node, names):
        for name in names:
            if name in node:
                self.text(path + [name], node[name], node.get("id"))

    def text(self, path, text: dict, node_id=None):
        for message in language_problems(text, self.languages):
            self.add(path, message, node_id)

    def unique_id(self, path, node_id):
        if node_id in self.seen_ids:
            self.add(path + ["id"], f"duplicate id, first used at {self.seen_ids[node_id]}", node_id)
        else:
            self.seen_ids[node_id] = format_path(path)

    def unique_keys(self, path, items, field_name, label) -> set[str]:
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            value = item[field_name]
            if value in seen:
                first = format_path(path + [seen[value]])
                self.add(path + [i, field_name], f"duplicate {label}, first used at {first}", value)
            else:
                seen[value] = i
        return set(seen)
