"""Rating scales for self-assessment, read from `framework/scales/default.yaml`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from pathlib import Path

from . import paths
from .loader import FrameworkError, read_yaml
from .model import LocalText
from .validation import Problem, language_problems, schema_problems

#: The rating a learner gives to a statement that does not apply to their work.
NOT_RELEVANT = "na"
DEFAULT_SCALE = "growth-5-kinds"


@dataclass(frozen=True)
class Wording:
    label: LocalText
    description: LocalText


@dataclass(frozen=True)
class Level:
    """A level of a scale: its value and wording, and optionally a wording of its own for statements of a kind
    (knowledge, skills, attitudes), since "I do it independently" fits a skill, not a piece of knowledge."""

    value: int
    label: LocalText
    description: LocalText
    by_kind: Mapping[str, Wording] = field(default_factory=dict)

    def wording(self, kind: str | None = None) -> Wording:
        """The wording for statements of `kind` (the level's own when it has none for that kind)."""
        return self.by_kind.get(kind) or Wording(self.label, self.description)


@dataclass(frozen=True)
class Scale:
    """Levels in increasing order; scores are the mean level as a share of `minimum`..`maximum`.

    `independent` is the value of the level that means doing it on one's own in daily work. `same_levels_as`
    names a scale that this one only words differently (same values, same meaning).
    """

    id: str
    title: LocalText
    levels: tuple[Level, ...]
    independent: int
    same_levels_as: str | None = None

    def measures_like(self, scale_id: str) -> bool:
        """Whether a level written on the scale `scale_id` means the same on this one."""
        return scale_id in (self.id, self.same_levels_as)

    @property
    def minimum(self) -> int:
        return self.levels[0].value

    @property
    def maximum(self) -> int:
        return self.levels[-1].value

    @cached_property
    def values(self) -> tuple[int, ...]:
        return tuple(level.value for level in self.levels)

    def level(self, value: int) -> Level:
        return next(level for level in self.levels if level.value == value)

    @property
    def worded_by_kind(self) -> bool:
        """Whether the levels have a wording per kind of statement."""
        return any(level.by_kind for level in self.levels)

    def percentage(self, value: float) -> float:
        """A (mean) level as a percentage of the scale's range."""
        return 100.0 * (value - self.minimum) / (self.maximum - self.minimum)


@dataclass(frozen=True)
class Scales:
    """Every scale of a scales file, and the label of 'not relevant'."""

    scales: tuple[Scale, ...]
    not_relevant: Level

    def get(self, scale_id: str) -> Scale:
        for scale in self.scales:
            if scale.id == scale_id:
                return scale
        raise KeyError(scale_id)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(scale.id for scale in self.scales)


def _rules(doc, source) -> list[Problem]:
    problems, seen = [], set()
    languages = doc["languages"]
    for i, scale in enumerate(doc["scales"]):
        if scale["id"] in seen:
            problems.append(Problem(source, f"scales[{i}].id", "duplicate scale id", scale["id"]))
        seen.add(scale["id"])
        values = [level["value"] for level in scale["levels"]]
        if values != sorted(set(values)):
            problems.append(Problem(source, f"scales[{i}].levels", "level values must increase", scale["id"]))
        if scale["independent"] not in values:
            problems.append(Problem(source, f"scales[{i}].independent",
                                    f"{scale['independent']} is not one of the level values {values}", scale["id"]))
        other = next((s for s in doc["scales"] if s["id"] == scale.get("same_levels_as")), None)
        if "same_levels_as" in scale and (other is None or other is scale
                                          or [lv["value"] for lv in other["levels"]] != values):
            problems.append(Problem(source, f"scales[{i}].same_levels_as", f"'{scale['same_levels_as']}' is not "
                                    f"another scale of this file with the level values {values}", scale["id"]))
        texts = [("title", scale["title"])] + [
            (f"levels[{n}].{key}", level[key])
            for n, level in enumerate(scale["levels"]) for key in ("label", "description")
        ] + [
            (f"levels[{n}].by_kind.{kind}.{key}", wording[key])
            for n, level in enumerate(scale["levels"]) for kind, wording in level.get("by_kind", {}).items()
            for key in ("label", "description")
        ]
        for where, text in texts:
            problems += [Problem(source, f"scales[{i}].{where}", message, scale["id"])
                         for message in language_problems(text, languages)]
    for key in ("label", "description"):
        problems += [Problem(source, f"not_relevant.{key}", message)
                     for message in language_problems(doc["not_relevant"][key], languages)]
    return problems


def load_scales(path: Path | None = None) -> Scales:
    """The scales of a file (default: the bundled one); FrameworkError listing every problem. Cached until the
    file changes (one stat per call for the bundled file)."""
    path = Path(path).resolve() if path else _bundled_scales()
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        mtime = 0
    return _load(path, mtime)


@cache
def _bundled_scales() -> Path:
    return (paths.framework_dir() / "scales" / "default.yaml").resolve()


@lru_cache(maxsize=4)
def _load(path: Path, _mtime_ns: int) -> Scales:
    doc = read_yaml(path)
    schema = paths.framework_dir() / "scales" / "schema.json"
    problems = schema_problems(doc, str(path), schema) or _rules(doc, str(path))
    if problems:
        raise FrameworkError(problems)
    fallback = doc["languages"][0]

    def wording(node) -> Wording:
        return Wording(LocalText.of(node["label"], fallback), LocalText.of(node["description"], fallback))

    def level(node, value=-1) -> Level:
        own = wording(node)
        return Level(node.get("value", value), own.label, own.description,
                     {kind: wording(text) for kind, text in node.get("by_kind", {}).items()})

    return Scales(
        scales=tuple(Scale(s["id"], LocalText.of(s["title"], fallback), tuple(level(n) for n in s["levels"]),
                           s["independent"], s.get("same_levels_as"))
                     for s in doc["scales"]),
        not_relevant=level(doc["not_relevant"]),
    )
