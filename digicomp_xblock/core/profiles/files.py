"""Position profile files: strict safe YAML (`loader.read_yaml`), their JSON Schema, then the rules a schema cannot say.

Every problem is reported with its place (file, path in the document, statement ID), never only the first.

Data versions. A profile names the framework data version it was written for (`framework.version`). A profile for a
newer version than the loaded framework is refused. So is one for an older major or minor version, with what to do:
such a release may add, remove or reword statements, and only a person can tell whether the assignments still hold.
A profile that differs only in an older patch number is read as it is and marked `migrated_from`: profiles rely on a
patch release correcting wording only (spelling, a translation) and keeping every statement's meaning, and every
statement ID is checked against the loaded framework all the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import yaml

from .. import paths
from ..loader import FRAMEWORK_ID, FrameworkError, file_in, parse_yaml, read_yaml
from ..model import Framework, LocalText
from ..scales import Scales, load_scales
from ..validation import Problem, language_problems, schema_problems
from .model import (
    NOT_EXPECTED,
    Expectation,
    Owner,
    PositionProfile,
    PriorEducation,
    Provenance,
    Vocabulary,
    choice_order,
    ordered,
)

#: The value of `schema:` in a profile file.
PROFILE_SCHEMA = "digicomp-position-profile/1"


def profiles_dir() -> Path:
    return paths.framework_dir() / "profiles"


def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """The words of profiles (default: the bundled `framework/profiles/vocabulary.yaml`); FrameworkError if invalid."""
    path = Path(path or profiles_dir() / "vocabulary.yaml").resolve()
    return _vocabulary(path, path.stat().st_mtime_ns if path.exists() else 0)


@lru_cache(maxsize=4)
def _vocabulary(path: Path, _mtime_ns: int) -> Vocabulary:
    doc = read_yaml(path)
    source = str(path)
    problems = schema_problems(doc, source, profiles_dir() / "vocabulary.schema.json")
    if not problems:
        languages = doc["languages"]
        texts = [("not_expected", doc["not_expected"], None)]
        texts += [(f"prior_education[{i}].name", p["name"], p["id"]) for i, p in enumerate(doc["prior_education"])]
        texts += [(f"columns.{key}", text, None) for key, text in doc["columns"].items()]
        problems = [Problem(source, where, message, node_id)
                    for where, text, node_id in texts for message in language_problems(text, languages)]
    if problems:
        raise FrameworkError(problems)
    fallback = doc["languages"][0]
    return Vocabulary(
        languages=tuple(doc["languages"]),
        not_expected=LocalText.of(doc["not_expected"], fallback),
        prior_education=tuple(PriorEducation(p["id"], LocalText.of(p["name"], fallback))
                              for p in doc["prior_education"]),
        columns=tuple((key, LocalText.of(text, fallback)) for key, text in doc["columns"].items()),
    )


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def check_version(written_for: str, framework: Framework) -> str | None:
    """Why a profile written for data version `written_for` cannot be read with `framework`; None if it can."""
    mine, current = _version(written_for), _version(framework.version)
    if mine > current:
        return (f"written for data version {written_for}, newer than this framework's {framework.version}: "
                f"read it with framework data {written_for} or later")
    if mine[:2] != current[:2]:
        return (f"written for data version {written_for}; this framework is {framework.version}, whose statements may "
                f"differ: check each assignment against the changes, then set framework.version to "
                f"\"{framework.version}\"")
    return None


def profile_problems(doc, source: str, framework: Framework, scales: Scales, vocabulary: Vocabulary) -> list[Problem]:
    """Every problem of a parsed profile document read with `framework`; an empty list means it is valid."""
    problems = schema_problems(doc, source, profiles_dir() / "schema.json")
    if problems:
        # The rules assume the structure is right; report structure first.
        return problems
    return _Rules(doc, source, framework).check(scales, vocabulary)


class _Rules:
    def __init__(self, doc: dict, source: str, framework: Framework):
        self.doc = doc
        self.source = source
        self.framework = framework
        self.problems: list[Problem] = []

    def add(self, path: str, message: str, node_id: str | None = None):
        self.problems.append(Problem(self.source, path, message, node_id))

    def check(self, scales: Scales, vocabulary: Vocabulary) -> list[Problem]:
        doc, framework = self.doc, self.framework
        if doc["framework"]["id"] != framework.id:
            self.add("framework.id", f"the profile is for framework '{doc['framework']['id']}', "
                                     f"not for '{framework.id}'")
        else:
            message = check_version(doc["framework"]["version"], framework)
            if message:
                self.add("framework.version", message)
        for key in ("name", "description"):
            for message in language_problems(doc[key], framework.languages):
                self.add(key, message)
        known = [p.id for p in vocabulary.prior_education]
        education = doc.get("prior_education")
        if education is not None and education not in known:
            self.add("prior_education", f"unknown prior education '{education}' (one of {', '.join(known)})")
        provenance = doc["provenance"]
        if provenance["kind"] == "consensus" and "participants" not in provenance:
            self.add("provenance", "a consensus needs its number of participants")
        if provenance["kind"] == "written" and "participants" in provenance:
            self.add("provenance.participants", "participants belong to a consensus, not to a written profile")
        scale = None
        if "scale" in doc:
            if doc["scale"] in scales.ids:
                scale = scales.get(doc["scale"])
            else:
                self.add("scale", f"unknown scale '{doc['scale']}' (one of {', '.join(scales.ids)})")
        for statement_id, value in doc["expectations"].items():
            self.expectation(statement_id, value, scale)
        return self.problems

    def expectation(self, statement_id: str, value, scale):
        path = f"expectations.{statement_id}"
        if statement_id not in self.framework:
            self.add(path, f"unknown statement ID; framework '{self.framework.id}' has no statement {statement_id}",
                     statement_id)
            return
        position, level = (value, None) if isinstance(value, str) else (value["from"], value.get("level"))
        choices = choice_order(self.framework)
        if position not in choices:
            where = path if isinstance(value, str) else f"{path}.from"
            self.add(where, f"unknown position '{position}' (one of {', '.join(choices)})", statement_id)
        if level is None:
            return
        if position == NOT_EXPECTED:
            self.add(f"{path}.level", "a statement that is not expected has no expected level", statement_id)
        elif "scale" not in self.doc:
            self.add(f"{path}.level", "a level needs the scale it is on: add 'scale' to the profile", statement_id)
        elif scale is not None and level not in scale.values:
            self.add(f"{path}.level", f"level {level} is not on the scale '{scale.id}' "
                                      f"({', '.join(map(str, scale.values))})", statement_id)


def build_profile(doc: dict, framework: Framework) -> PositionProfile:
    """The model of a valid profile document."""
    fallback = framework.source_language
    written_for = doc["framework"]["version"]

    def expectation(value) -> Expectation:
        return Expectation(value) if isinstance(value, str) else Expectation(value["from"], value.get("level"))

    provenance = doc["provenance"]
    return PositionProfile(
        id=doc["id"],
        framework_id=framework.id,
        framework_version=framework.version,
        name=LocalText.of(doc["name"], fallback),
        description=LocalText.of(doc["description"], fallback),
        owner=Owner(**doc["owner"]),
        provenance=Provenance(provenance["kind"], provenance["date"], provenance.get("participants")),
        positions=tuple(p.id for p in framework.positions),
        expectations=ordered(framework, ((sid, expectation(v)) for sid, v in doc["expectations"].items())),
        scale=doc.get("scale"),
        prior_education=doc.get("prior_education"),
        migrated_from=None if written_for == framework.version else written_for,
    )


def profile_doc(profile: PositionProfile) -> dict:
    """The document of a profile model, as `build_profile` reads it (the inverse for a profile read unmigrated)."""
    provenance = {"kind": profile.provenance.kind, "date": profile.provenance.date}
    if profile.provenance.participants is not None:
        provenance["participants"] = profile.provenance.participants
    return {
        "schema": PROFILE_SCHEMA,
        "id": profile.id,
        "framework": {"id": profile.framework_id, "version": profile.framework_version},
        "name": dict(profile.name.values),
        "description": dict(profile.description.values),
        "owner": {"kind": profile.owner.kind, "key": profile.owner.key, "name": profile.owner.name},
        **({"prior_education": profile.prior_education} if profile.prior_education else {}),
        "provenance": provenance,
        **({"scale": profile.scale} if profile.scale else {}),
        "expectations": {sid: e.position if e.level is None else {"from": e.position, "level": e.level}
                         for sid, e in profile.expectations},
    }


def _checked(doc, source: str, framework: Framework, scales: Scales | None, vocabulary: Vocabulary | None
             ) -> PositionProfile:
    problems = profile_problems(doc, source, framework, scales or load_scales(), vocabulary or load_vocabulary())
    if problems:
        raise FrameworkError(problems)
    return build_profile(doc, framework)


def load_profile(path: str | Path, framework: Framework, scales: Scales | None = None,
                 vocabulary: Vocabulary | None = None) -> PositionProfile:
    """The profile in a file, read with `framework`; FrameworkError listing every problem."""
    return _checked(read_yaml(Path(path)), str(path), framework, scales, vocabulary)


def read_profile_text(text: str, source: str, framework: Framework) -> PositionProfile:
    """The profile in a text as `profile_yaml` writes it (a stored version, say), read with `framework`;
    FrameworkError listing every problem."""
    return _checked(parse_yaml(text, source), source, framework, None, None)


#: Files of the profiles folder that are not profiles.
_NOT_PROFILES = {"vocabulary"}


def _profile_folders(folders: Sequence[Path]) -> list[Path]:
    """The bundled profiles first, then the operator's folders."""
    return [profiles_dir(), *(Path(folder) for folder in folders)]


def profile_ids(folders: Sequence[Path] = ()) -> list[str]:
    """IDs of the profiles shipped with the package and of those in the operator's `folders` (`<id>.yaml`)."""
    return sorted({p.stem for folder in _profile_folders(folders) if folder.is_dir() for p in folder.glob("*.yaml")
                   if FRAMEWORK_ID.fullmatch(p.stem) and p.stem not in _NOT_PROFILES and file_in(folder, p.stem)})


def get_profile(profile_id: str, framework: Framework, folders: Sequence[Path] = ()) -> PositionProfile:
    """A profile by ID (bundled first, then the operator's `folders`), read with `framework`; FrameworkError when
    there is none, it is invalid, or its id differs from its file name. An ID can name no path of its own."""
    path = None
    if FRAMEWORK_ID.fullmatch(profile_id or "") and profile_id not in _NOT_PROFILES:
        path = next(filter(None, (file_in(folder, profile_id) for folder in _profile_folders(folders))), None)
    if path is None:
        raise FrameworkError([Problem(profile_id, "", f"no position profile '{profile_id}'; "
                                      f"available: {', '.join(profile_ids(folders)) or 'none'}")])
    stat = path.resolve().stat()
    profile = _profile_cached(path.resolve(), stat.st_mtime_ns, stat.st_size, framework)
    if profile.id != profile_id:
        raise FrameworkError([Problem(str(path), "id",
                                      f"file name says '{profile_id}' but the file's id is '{profile.id}'")])
    return profile


@lru_cache(maxsize=32)
def _profile_cached(path: Path, _mtime_ns: int, _size: int, framework: Framework) -> PositionProfile:
    return load_profile(path, framework)


def profile_yaml(doc: dict) -> str:
    """A profile document as the text of a profile file."""
    header = ("# A position profile for digicomp-xblock. Structure: framework/profiles/schema.json; rules:\n"
              "# digicomp_xblock/core/profiles/files.py. A selection for one role, not a checklist for everyone.\n")
    return header + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=120, default_flow_style=None)
