"""Reading framework files: strict, safe YAML, validated, built into the immutable model and cached."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import ClassVar

import yaml

from . import paths
from .model import (
    Author,
    Cluster,
    Component,
    Focus,
    Framework,
    LocalText,
    Position,
    Reference,
    Statement,
    SubTheme,
)
from .validation import Problem, validate_document

#: A framework file larger than this is refused before parsing.
MAX_FILE_BYTES = 5 * 1024 * 1024
DEFAULT_FRAMEWORK = "social-work-2025"


class FrameworkError(Exception):
    """A framework file that cannot be used; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that also refuses aliases, duplicate keys and non-string keys, and keeps dates as strings."""

    yaml_implicit_resolvers: ClassVar[dict] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                problem=f"aliases (*{event.anchor}) are not allowed in framework files",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str):
                raise yaml.MarkedYAMLError(
                    problem=f"mapping keys must be text, got {key!r} (put it in quotes)",
                    problem_mark=key_node.start_mark,
                )
            if key in seen:
                raise yaml.MarkedYAMLError(problem=f"duplicate key '{key}'", problem_mark=key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _StrictLoader.construct_mapping)


def parse_yaml(text: str, source: str):
    """Parse YAML text with the strict safe loader; FrameworkError with the line on failure."""
    try:
        return yaml.load(text, Loader=_StrictLoader)  # a SafeLoader: no Python objects
    except RecursionError:
        raise FrameworkError([Problem(source, "", "invalid YAML: nested too deeply")]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(error, "problem", None) or str(error)
        raise FrameworkError([Problem(source, where, f"invalid YAML: {reason}")]) from None


def read_text(path: Path) -> str:
    """The text of a data file: a regular file (not a pipe or a device), at most MAX_FILE_BYTES read, UTF-8;
    FrameworkError naming the file when it cannot be read."""
    source = str(path)
    try:
        with open(path, "rb", opener=_open_without_blocking) as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise FrameworkError([Problem(source, "", "not a regular file")])
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise FrameworkError([Problem(source, "", f"the file is too large: the limit is {MAX_FILE_BYTES} bytes")])
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FrameworkError([Problem(source, "", f"not UTF-8 text ({error.reason} at byte {error.start})")]) from None
    except OSError as error:
        raise FrameworkError([Problem(source, "", f"cannot read file: {error.strerror or error}")]) from None


def read_yaml(path: Path):
    """The parsed content of a YAML data file (size-limited, UTF-8, strict safe loader)."""
    return parse_yaml(read_text(path), str(path))


def _open_without_blocking(path, flags):
    """Open for reading without waiting on a pipe (O_NONBLOCK); regular files read as usual."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def read_document(path: Path) -> dict:
    """The parsed, validated document of a framework file."""
    doc = read_yaml(path)
    problems = validate_document(doc, str(path), paths.schema_file())
    if problems:
        raise FrameworkError(problems)
    return doc


def load_framework(path: str | Path) -> Framework:
    """The framework in a file; cached until the file changes."""
    resolved = Path(path).resolve()
    try:
        stat = resolved.stat()
    except OSError as error:
        raise FrameworkError([Problem(str(path), "", f"cannot read file: {error.strerror or error}")]) from None
    return _load_cached(resolved, stat.st_mtime_ns, stat.st_size)


def _load_found(path: Path) -> Framework:
    """A file `file_in` found (so it exists, inside its folder): cached until it changes, one stat per call."""
    try:
        found = path.stat()
    except OSError as error:
        raise FrameworkError([Problem(str(path), "", f"cannot read file: {error.strerror or error}")]) from None
    return _load_cached(path, found.st_mtime_ns, found.st_size)


@lru_cache(maxsize=16)
def _load_cached(path: Path, _mtime_ns: int, _size: int) -> Framework:
    return build_framework(read_document(path))


def framework_path(framework_id: str = DEFAULT_FRAMEWORK) -> Path:
    """The bundled file of a framework ID (`framework/<id>.yaml`)."""
    return paths.framework_dir() / f"{framework_id}.yaml"


#: What a framework ID may be (and so the name of its file): no paths, no dots.
FRAMEWORK_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


def _folders(folders: Sequence[Path]) -> list[Path]:
    """The bundled folder first, then the operator's."""
    return [paths.framework_dir(), *(Path(folder) for folder in folders)]


def file_in(folder: Path, file_id: str) -> Path | None:
    """`<folder>/<id>.yaml` when it is a file inside the folder (a link that leads out of it does not count).

    One stat per call: whether the file lies inside the folder is worked out once per file (device and inode),
    so a link pointed elsewhere, or a file put in its place, is checked anew."""
    path = folder / f"{file_id}.yaml"
    try:
        found = os.stat(path)
    except OSError:
        return None
    return path if _inside(path, folder, found.st_dev, found.st_ino) else None


@lru_cache(maxsize=256)
def _inside(path: Path, folder: Path, _dev: int, _ino: int) -> bool:
    try:
        real, root = path.resolve(strict=True), folder.resolve(strict=True)
    except OSError:
        return False
    return root in real.parents and real.is_file()


def bundled_frameworks(folders: Sequence[Path] = ()) -> list[str]:
    """IDs of the framework files shipped with the package and of those in the operator's `folders`."""
    found = {p.stem for folder in _folders(folders) if folder.is_dir() for p in folder.glob("*.yaml")
             if FRAMEWORK_ID.fullmatch(p.stem) and file_in(folder, p.stem)}
    return sorted(found)


def get_framework(framework_id: str = DEFAULT_FRAMEWORK, folders: Sequence[Path] = ()) -> Framework:
    """A framework by ID: `<id>.yaml` of the bundled folder, else of the operator's `folders` (in that order);
    FrameworkError when there is none or its id does not match. An ID can name no path of its own."""
    path = None
    if FRAMEWORK_ID.fullmatch(framework_id or ""):
        path = next(filter(None, (file_in(folder, framework_id) for folder in _folders(folders))), None)
    if path is None:
        raise FrameworkError([Problem(framework_id, "", f"no framework '{framework_id}'; "
                                      f"available: {', '.join(bundled_frameworks(folders))}")])
    framework = _load_found(path)
    if framework.id != framework_id:
        raise FrameworkError([Problem(str(path), "id",
                                      f"file name says '{framework_id}' but the file's id is '{framework.id}'")])
    return framework


def build_framework(doc: dict) -> Framework:
    """The model of a validated document."""
    fallback = doc["source_language"]

    def text(value) -> LocalText:
        return LocalText.of(value, fallback)

    def optional_text(node, name) -> LocalText:
        return text(node[name]) if name in node else LocalText((), fallback)

    def statement(node) -> Statement:
        return Statement(
            id=node["id"],
            text=text(node["text"]),
            citations=tuple(node.get("citations", ())),
            subtheme=node.get("subtheme"),
            details=tuple(text(d) for d in node.get("details", ())),
            nl_source=node.get("nl_source"),
            draft_id=node.get("draft_id"),
        )

    def cluster(node) -> Cluster:
        return Cluster(
            id=node["id"],
            title=text(node["title"]),
            summary=optional_text(node, "summary"),
            description=optional_text(node, "description"),
            subthemes=tuple(SubTheme(s["id"], text(s["title"])) for s in node.get("subthemes", ())),
            components=tuple(
                Component(c["id"], c["kind"], text(c["title"]), tuple(statement(s) for s in c["statements"]))
                for c in node["components"]
            ),
        )

    return Framework(
        id=doc["id"],
        version=doc["version"],
        version_date=doc["version_date"],
        edition=doc["edition"],
        source_language=doc["source_language"],
        languages=tuple(doc["languages"]),
        title=text(doc["title"]),
        creator=doc.get("creator", doc["publisher"]),
        publisher=doc["publisher"],
        place=doc.get("place", ""),
        rights=doc.get("rights", ""),
        citation=doc["citation"],
        authors=tuple(Author(a["name"], a.get("affiliation")) for a in doc.get("authors", ())),
        editorial_notes=tuple(doc.get("editorial_notes", ())),
        focuses=tuple(
            Focus(f["id"], text(f["title"]), optional_text(f, "description"), tuple(cluster(c) for c in f["clusters"]))
            for f in doc["focuses"]
        ),
        positions=tuple(Position(p["id"], text(p["name"]), text(p["description"])) for p in doc.get("positions", ())),
        references=tuple(Reference(r["key"], r["text"], r.get("url"), r.get("note")) for r in doc["references"]),
        official_source_url=doc.get("official_source_url"),
    )
