"""Position profiles: from which position an organisation, programme or course expects each statement.

A profile selects from the framework for one role; it is not a checklist that every professional must meet (the
framework's chapter 2). Positions are ordered as the framework lists them, beginner < experienced practitioner <
pioneer < pacesetter, and expectations are cumulative: a statement expected from the pioneer position is expected of
pioneers and pacesetters. `NOT_EXPECTED` means "not expected in this role" at any position; a statement the profile
does not mention is undecided (a draft may leave some open).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..messages import InputError
from ..messages import gettext_noop as _
from ..model import Framework, LocalText

#: The choice "not expected in this role"; it ranks after the last position (see `rank`).
NOT_EXPECTED = "not-expected"

OWNER_KINDS = ("organisation", "programme", "course")
PROVENANCE_KINDS = ("consensus", "written")


def check_position(positions: Sequence[str], position: str) -> None:
    """InputError unless `position` is one of `positions`."""
    if position not in positions:
        raise InputError(_("'%(position)s' is not a position of this framework (%(allowed)s)"),
                         position=position, allowed=", ".join(positions))


def choice_order(framework: Framework) -> tuple[str, ...]:
    """The choices of a profile, lowest rank first: the framework's positions, then NOT_EXPECTED."""
    return tuple(p.id for p in framework.positions) + (NOT_EXPECTED,)


def rank(positions: Sequence[str], choice: str) -> int:
    """The place of a position in `positions` (0 for the first), and `len(positions)` for NOT_EXPECTED.

    "Not expected in this role" is expected from no position: past the last one on the same path, which is how
    cumulative expectations read (expected from position p = expected at every rank >= p).
    """
    return len(positions) if choice == NOT_EXPECTED else positions.index(choice)


@dataclass(frozen=True)
class Expectation:
    """From which position a statement is expected (or NOT_EXPECTED), and the level expected, if the profile says."""

    position: str
    level: int | None = None


@dataclass(frozen=True)
class Owner:
    """Whose profile it is: an organisation, a programme or a course, with a stable key and a name."""

    kind: str
    key: str
    name: str


@dataclass(frozen=True)
class Provenance:
    """How the profile came about: a consensus exercise of `participants` people, or written by hand."""

    kind: str
    date: str
    participants: int | None = None


@dataclass(frozen=True)
class PriorEducation:
    """A programme of the social-agogic field of study (the draft's prior-education axis)."""

    id: str
    name: LocalText


@dataclass(frozen=True)
class Vocabulary:
    """Words of profiles that the framework file does not have: "not expected", the prior-education programmes and
    the spreadsheet's column titles (`columns`: key -> title; keys id, cluster, statement, proposed, own, level)."""

    languages: tuple[str, ...]
    not_expected: LocalText
    prior_education: tuple[PriorEducation, ...]
    columns: tuple[tuple[str, LocalText], ...]

    def column(self, key: str) -> LocalText:
        return dict(self.columns)[key]


@dataclass(frozen=True)
class PositionProfile:
    """A profile of one framework (id and data version) with its expectations in the framework's document order.

    `positions` are the framework's position IDs in increasing order. `migrated_from` is the data version the file
    was written for when it was read with a later patch release of the framework (see `files.check_version`).
    """

    id: str
    framework_id: str
    framework_version: str
    name: LocalText
    description: LocalText
    owner: Owner
    provenance: Provenance
    positions: tuple[str, ...]
    expectations: tuple[tuple[str, Expectation], ...]
    scale: str | None = None
    prior_education: str | None = None
    migrated_from: str | None = None
    _by_id: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_by_id", dict(self.expectations))

    def expectation(self, statement_id: str) -> Expectation | None:
        """The expectation of a statement; None when the profile leaves it undecided."""
        return self._by_id.get(statement_id)

    def expected_at(self, statement_id: str, position: str) -> bool:
        """Whether the statement is expected of someone in `position`."""
        check_position(self.positions, position)
        expectation = self._by_id.get(statement_id)
        return (expectation is not None and expectation.position != NOT_EXPECTED
                and rank(self.positions, expectation.position) <= rank(self.positions, position))

    def expected_up_to(self, position: str) -> tuple[str, ...]:
        """The statements expected of someone in `position`: expected from it or from a lower one."""
        return tuple(sid for sid, _ in self.expectations if self.expected_at(sid, position))

    def expected_level(self, statement_id: str, position: str, default: int) -> int | None:
        """The level expected of the statement in `position`: the profile's own, else `default`; None if not
        expected there."""
        if not self.expected_at(statement_id, position):
            return None
        level = self._by_id[statement_id].level
        return default if level is None else level

    @property
    def has_levels(self) -> bool:
        return any(e.level is not None for _, e in self.expectations)

    def undecided(self, framework: Framework) -> tuple[str, ...]:
        """The statements of the framework that the profile does not decide, in document order."""
        return tuple(s.id for s in framework.statements() if s.id not in self._by_id)


def ordered(framework: Framework, expectations: Iterable[tuple[str, Expectation]]
            ) -> tuple[tuple[str, Expectation], ...]:
    """Expectations of known statements in the framework's document order."""
    table = dict(expectations)
    return tuple((s.id, table[s.id]) for s in framework.statements() if s.id in table)
