"""Agreement of a consensus exercise: colleagues each choose, per statement, the position from which they expect it.

Per statement: how many chose each position (or "not expected"), the most common choice and its share of the
choices. Over all statements and per cluster: Krippendorff's alpha for ordinal data (the `krippendorff` package),
where a colleague who skipped a statement is a missing value. Then the statements by disagreement, a summary per
cluster, and the majority as a draft profile to discuss (chapter 5 of the Dutch draft: compare, then talk about the
statements you disagree on).

Why ordinal, with "not expected" last: the choices are ordered beginner < experienced practitioner < pioneer <
pacesetter < not expected. The framework orders the positions, and expectations are cumulative ("from the pioneer
position" means at that rank and above), so "not expected in this role" is "from no rank": past the last one.
Then "pacesetter" against "not expected" is a smaller disagreement than "beginner" against "not expected", as it is
(both say "not for most staff"). Krippendorff's ordinal metric uses only this order and how often each choice was
made, never distances between positions, so it assumes no spacing.

Only counts leave this module, never who chose what.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import fmean

import krippendorff

from .messages import InputError
from .messages import gettext_noop as _
from .model import Framework, LocalText, Statement
from .profiles.model import Expectation, Owner, PositionProfile, Provenance, choice_order, ordered


@dataclass(frozen=True)
class StatementAgreement:
    """The choices made for one statement: `counts` has every possible choice, in order, with how many chose it."""

    statement_id: str
    cluster_id: str
    counts: tuple[tuple[str, int], ...]

    @property
    def choices(self) -> int:
        return sum(n for _, n in self.counts)

    @property
    def most_common(self) -> tuple[str, ...]:
        """The choice made most often; several on a tie; none when nobody chose."""
        top = max((n for _, n in self.counts), default=0)
        return tuple(choice for choice, n in self.counts if n == top) if top else ()

    @property
    def share(self) -> float | None:
        """The share of the choices that went to the most common one (0..1); None when nobody chose."""
        return max(n for _, n in self.counts) / self.choices if self.choices else None

    @property
    def spread(self) -> int:
        """How many ranks lie between the lowest and the highest choice made (0 when all agree or nobody chose)."""
        made = [i for i, (_, n) in enumerate(self.counts) if n]
        return made[-1] - made[0] if made else 0


@dataclass(frozen=True)
class ClusterAgreement:
    """A summary of one cluster's statements in the exercise."""

    cluster_id: str
    statements: int
    chosen: int  # statements someone chose for
    alpha: float | None
    mean_share: float | None  # mean share of the most common choice, over the statements someone chose for
    unanimous: int  # statements with two or more choices, all the same
    ties: int  # statements with more than one most common choice


@dataclass(frozen=True)
class Agreement:
    """The whole exercise; statements in document order."""

    participants: int
    order: tuple[str, ...]  # the possible choices, lowest rank first
    statements: tuple[StatementAgreement, ...]
    alpha: float | None
    clusters: tuple[ClusterAgreement, ...]

    def by_disagreement(self) -> tuple[StatementAgreement, ...]:
        """The statements with two or more choices first, lowest share of the most common choice first, then the
        widest spread, then document order; then the others."""
        position = {s.statement_id: i for i, s in enumerate(self.statements)}
        return tuple(sorted(self.statements, key=lambda s: (s.choices < 2, 1.0 if s.share is None else s.share,
                                                            -s.spread, position[s.statement_id])))


def check_choices(choices: Mapping[str, str], scope: Sequence[Statement], order: Sequence[str]) -> None:
    """InputError for a statement outside `scope` or a choice that is none of `order`."""
    in_scope = {s.id for s in scope}
    for statement_id, choice in choices.items():
        if statement_id not in in_scope:
            raise InputError(_("statement %(id)s is not part of this exercise"), id=statement_id)
        if choice not in order:
            raise InputError(_("the choice '%(choice)s' for statement %(id)s is none of %(allowed)s"),
                             choice=choice, id=statement_id, allowed=", ".join(order))


def ordinal_alpha(data: Sequence[Sequence[int | None]], categories: int) -> float | None:
    """Krippendorff's alpha for ordinal data: one row per participant, one column per unit, values 0..categories-1
    (None: missing). None when it is undefined: no unit with two values, or no variation among those values."""
    pairable = [v for unit in zip(*data, strict=True) if sum(v is not None for v in unit) >= 2
                for v in unit if v is not None]
    if len(set(pairable)) < 2:
        return None
    matrix = [[math.nan if v is None else v for v in row] for row in data]
    return float(krippendorff.alpha(reliability_data=matrix, level_of_measurement="ordinal",
                                    value_domain=list(range(categories))))


def agreement(framework: Framework, scope: Sequence[Statement], choices: Mapping[str, Mapping[str, str]]) -> Agreement:
    """The agreement of the participants' choices ({participant: {statement ID: position ID or NOT_EXPECTED}}) on
    the statements in `scope`; InputError for a statement outside the scope or a choice that is not a position."""
    order = choice_order(framework)
    for mine in choices.values():
        check_choices(mine, scope, order)
    data = [[order.index(mine[s.id]) if s.id in mine else None for s in scope] for mine in choices.values()]
    statements = tuple(
        StatementAgreement(s.id, s.cluster_id, tuple((choice, sum(row[i] == rank for row in data))
                                                     for rank, choice in enumerate(order)))
        for i, s in enumerate(scope))
    clusters = []
    for cluster in framework.clusters():
        columns = [i for i, s in enumerate(scope) if s.cluster_id == cluster.id]
        if not columns:
            continue
        mine = [statements[i] for i in columns]
        shares = [s.share for s in mine if s.share is not None]
        clusters.append(ClusterAgreement(
            cluster_id=cluster.id,
            statements=len(mine),
            chosen=len(shares),
            alpha=ordinal_alpha([[row[i] for i in columns] for row in data], len(order)),
            mean_share=fmean(shares) if shares else None,
            unanimous=sum(s.choices >= 2 and s.share == 1 for s in mine),
            ties=sum(len(s.most_common) > 1 for s in mine),
        ))
    return Agreement(len(choices), order, statements, ordinal_alpha(data, len(order)), tuple(clusters))


@dataclass(frozen=True)
class Draft:
    """A draft profile from the majority, and the statements it leaves undecided."""

    profile: PositionProfile
    ties: tuple[str, ...]  # more than one most common choice
    unchosen: tuple[str, ...]  # nobody chose


def draft_profile(result: Agreement, framework: Framework, *, profile_id: str, name: LocalText,
                  description: LocalText, owner: Owner, date: str) -> Draft:
    """The most common choice of each statement as a consensus profile of `result.participants` people; statements
    with a tie or without choices are left undecided and listed."""
    if result.participants < 2:
        raise InputError(_("a consensus needs at least two participants, not %(count)s"), count=result.participants)
    decided = [(s.statement_id, Expectation(s.most_common[0])) for s in result.statements if len(s.most_common) == 1]
    profile = PositionProfile(
        id=profile_id, framework_id=framework.id, framework_version=framework.version, name=name,
        description=description, owner=owner, provenance=Provenance("consensus", date, result.participants),
        positions=tuple(p.id for p in framework.positions), expectations=ordered(framework, decided))
    return Draft(profile,
                 ties=tuple(s.statement_id for s in result.statements if len(s.most_common) > 1),
                 unchosen=tuple(s.statement_id for s in result.statements if not s.choices))


def _description(participants: int, date: str, scope_text: str, proposal: PositionProfile | None) -> LocalText:
    """The fixed profile's description, in the framework's two languages."""
    en = (f"Fixed by {participants} colleagues in a consensus exercise on {date}, for the statements of "
          f"{scope_text or 'the whole framework'}.")
    nl = (f"Vastgelegd door {participants} collega's in een consensusoefening op {date}, voor de competenties van "
          f"{scope_text or 'het hele kader'}.")
    if proposal is not None:
        en += f" The other statements as in the proposal '{proposal.id}'."
        nl += f" De andere competenties zoals in het voorstel '{proposal.id}'."
    return LocalText.of({"en": en, "nl": nl})


@dataclass(frozen=True)
class Fixing:
    """What a fixed profile is called, whose it is, when it was fixed, by how many, for which scope (its text)."""

    profile_id: str
    name: LocalText
    owner: Owner
    date: str
    participants: int
    scope_text: str = ""


def fixed_profile(framework: Framework, scope: Sequence[Statement], decisions: Mapping[str, str],
                  proposal: PositionProfile | None, fixing: Fixing) -> PositionProfile:
    """The profile a team fixed: its decision (a position or NOT_EXPECTED) for every statement in `scope`, the
    proposal's expectations for the others (and its level where the team kept its position); InputError for a
    statement outside the scope, a choice that is not one, or a statement in scope left undecided."""
    order = choice_order(framework)
    in_scope = [s.id for s in scope]
    check_choices(decisions, scope, order)
    undecided = [sid for sid in in_scope if sid not in decisions]
    if undecided:
        raise InputError(_("decide every statement before saving; undecided: %(ids)s"), ids=", ".join(undecided))
    if fixing.participants < 2:
        raise InputError(_("a consensus needs at least two participants, not %(count)s"), count=fixing.participants)
    expectations = dict(proposal.expectations) if proposal is not None else {}
    for statement_id, choice in decisions.items():
        before = expectations.get(statement_id)
        level = before.level if before is not None and before.position == choice else None
        expectations[statement_id] = Expectation(choice, level)
    scale = proposal.scale if proposal is not None and any(e.level is not None for e in expectations.values()) \
        else None
    return PositionProfile(
        id=fixing.profile_id, framework_id=framework.id, framework_version=framework.version, name=fixing.name,
        description=_description(fixing.participants, fixing.date, fixing.scope_text, proposal), owner=fixing.owner,
        provenance=Provenance("consensus", fixing.date, fixing.participants), positions=order[:-1],
        expectations=ordered(framework, expectations.items()), scale=scale,
        prior_education=proposal.prior_education if proposal is not None else None)
