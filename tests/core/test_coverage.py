"""Coverage: units tagged with competence IDs, the clusters x sections matrix, gaps, and unit recommendations."""

import pytest

from digicomp_xblock.core.coverage import (
    CourseNode,
    UnitInfo,
    coverage,
    coverage_csv_rows,
    recommend,
    statements_developed,
    units_of,
    unknown_tags,
)
from digicomp_xblock.core.scales import load_scales
from digicomp_xblock.core.scope import resolve_scope
from digicomp_xblock.core.scoring import ClusterScore, Profile, Score, profile

GROWTH = load_scales().get("growth-5")


def node(kind, node_id, title="", *children, tags=()):
    return CourseNode(node_id, title or node_id, kind, tuple(children), tuple(tags))


def numbered(component_id, count):
    """`numbered("1.1", 3)` -> `["1.1.1", "1.1.2", "1.1.3"]`."""
    return [f"{component_id}.{n}" for n in range(1, count + 1)]


# Unit IDs are not in alphabetical order, so document order is told apart from sorting by ID.
# Developed statements per unit:
#   welcome     all 13 of cluster 1 (cluster tag), 2.2.1 and 5.1.1 (on its component)
#   practice    1.2.1-1.2.5 (component tag) and 1.3.1 (statement tag), both on components; "99" is unknown
#   blank       nothing
#   cases       1.1.1, 1.1.2 and all 15 of 5.2 (on its component)
#   reflection  5.2.3 and all 5 of 2.3 (on its component)
# The section tag "9" develops nothing: only tags on a unit or below it count.
COURSE = node("course", "course", "Digital social work",
    node("section", "basics", "Basics",
        node("subsection", "week-1", "Week 1",
            node("unit", "welcome", "Welcome",
                 node("component", "welcome-video", "Video", tags=["2.2.1", "5.1.1"]), tags=["1"]),
            node("unit", "practice", "Practice",
                 node("component", "practice-quiz", "Quiz", tags=["1.2"]),
                 node("component", "practice-text", "Text", tags=["1.3.1", "99"])),
            node("unit", "blank", "Blank", node("component", "blank-html", "Reading")),
        )),
    node("section", "field", "Fieldwork",
        node("subsection", "week-2", "Week 2",
            node("unit", "cases", "Cases",
                 node("component", "cases-problem", "Problem", tags=["5.2"]), tags=["1.1.1", "1.1.2"]),
            node("unit", "reflection", "Reflection",
                 node("component", "reflection-poll", "Poll", tags=["2.3"]), tags=["5.2.3"]),
        ), tags=["9"]),
)

UNITS = units_of(COURSE)


# --- Units ---------------------------------------------------------------------------------------------------------

def test_units_in_document_order_with_ancestors_and_rolled_up_tags():
    assert units_of(COURSE) == [
        UnitInfo("welcome", "Welcome", "basics", "Basics", "week-1", "Week 1", frozenset({"1", "2.2.1", "5.1.1"})),
        UnitInfo("practice", "Practice", "basics", "Basics", "week-1", "Week 1", frozenset({"1.2", "1.3.1", "99"})),
        UnitInfo("blank", "Blank", "basics", "Basics", "week-1", "Week 1", frozenset()),
        UnitInfo("cases", "Cases", "field", "Fieldwork", "week-2", "Week 2", frozenset({"1.1.1", "1.1.2", "5.2"})),
        UnitInfo("reflection", "Reflection", "field", "Fieldwork", "week-2", "Week 2", frozenset({"5.2.3", "2.3"})),
    ]


def test_missing_section_or_subsection_is_empty():
    course = node("course", "c", "C",
        node("unit", "loose", "Loose", tags=["1"]),
        node("section", "s", "S", node("unit", "no-sub", "No subsection")),
        node("subsection", "orphan-sub", "Orphan", node("unit", "no-section", "No section")),
    )
    assert [(u.id, u.section_id, u.section_title, u.subsection_id, u.subsection_title) for u in units_of(course)] == [
        ("loose", "", "", "", ""),
        ("no-sub", "s", "S", "", ""),
        ("no-section", "", "", "orphan-sub", "Orphan"),
    ]


def test_a_subsection_belongs_to_its_own_section_only():
    course = node("course", "c", "C",
        node("section", "s1", "S1", node("subsection", "ss1", "SS1", node("unit", "u1", "U1"))),
        node("section", "s2", "S2", node("unit", "u2", "U2")),
    )
    assert [(u.section_id, u.subsection_id) for u in units_of(course)] == [("s1", "ss1"), ("s2", "")]


# --- Developing ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("ids, expected", [
    (["6"], numbered("6.1", 2) + numbered("6.2", 6) + numbered("6.3", 2)),
    (["5.2"], numbered("5.2", 15)),
    (["5.2.3"], ["5.2.3"]),
    (["1.1", "1.1.2", "9.3.4"], numbered("1.1", 4) + ["9.3.4"]),
    (["99", "1.1.7", "5.2.3"], ["5.2.3"]),  # unknown IDs develop nothing
    ([], []),
], ids=["cluster", "component", "statement", "overlapping levels", "unknown ignored", "nothing"])
def test_statements_developed_by_each_tag_level(ids, expected, framework):
    result = statements_developed(framework, ids)
    assert isinstance(result, frozenset)
    assert result == frozenset(expected)


def test_a_focus_tag_develops_its_clusters(framework):
    expected = {s.id for c in ("7", "8", "9") for s in framework.cluster(c).statements()}
    assert len(expected) == 34
    assert statements_developed(framework, ["F3"]) == expected


def test_unknown_tags_per_node(framework):
    assert unknown_tags(framework, COURSE) == {"practice-text": ["99"]}


def test_unknown_tags_on_any_node_in_document_order_without_duplicates(framework):
    course = node("course", "c", "C",
        node("section", "s", "S", node("unit", "u", "U", tags=["7.7", "1", "x1", "7.7"])), tags=["X"])
    assert unknown_tags(framework, course) == {"c": ["X"], "u": ["7.7", "x1"]}
    assert unknown_tags(framework, node("course", "c", "C", tags=["1", "2.2", "3.3.1", "F1"])) == {}


# --- Coverage ------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def result(framework):
    return coverage(framework, COURSE, assessed_ids=["5.1.2", "1.1.1", "3.1.1", "2.2.1", "2.2.2", "9.9.9"])


def test_columns_are_the_sections_with_their_units(result):
    assert result.sections == (
        ("basics", "Basics", ("welcome", "practice", "blank")),
        ("field", "Fieldwork", ("cases", "reflection")),
    )
    assert result.total_units == 5


@pytest.mark.parametrize("cluster, counts, units, knowledge, skills, attitudes", [
    # A cluster tag (welcome) counts for all three kinds.
    ("1", (2, 1), (("welcome", "practice"), ("cases",)), (1, 1), (2, 0), (2, 0)),
    ("2", (1, 1), (("welcome",), ("reflection",)), (0, 0), (1, 0), (0, 1)),
    ("5", (1, 2), (("welcome",), ("cases", "reflection")), (1, 0), (0, 2), (0, 0)),
    ("9", (0, 0), ((), ()), (0, 0), (0, 0), (0, 0)),  # tagged on the section only
])
def test_units_per_section_developing_a_cluster_and_its_kinds(cluster, counts, units, knowledge, skills,
                                                              attitudes, result):
    row = result.row(cluster)
    assert (row.counts, row.units, row.total) == (counts, units, sum(counts))
    assert row.kinds == (("knowledge", knowledge), ("skills", skills), ("attitudes", attitudes))


def test_one_row_per_cluster_in_document_order(result):
    assert [row.cluster_id for row in result.rows] == [str(n) for n in range(1, 10)]
    assert [row.total for row in result.rows] == [3, 2, 0, 0, 3, 0, 0, 0, 0]


def test_untagged_units(result):
    assert result.untagged_units == (UNITS[2],)
    assert result.untagged_units[0].id == "blank"


def test_clusters_and_statements_no_unit_develops(result, framework):
    assert result.clusters_without_unit == ("3", "4", "6", "7", "8", "9")
    whole = [s.id for c in ("3", "4") for s in framework.cluster(c).statements()]
    rest = [s.id for c in ("6", "7", "8", "9") for s in framework.cluster(c).statements()]
    assert list(result.statements_without_unit) == (
        numbered("2.1", 4) + numbered("2.2", 10)[1:] + whole
        + numbered("5.1", 12)[1:] + numbered("5.3", 11) + rest
    )
    assert len(result.statements_without_unit) == 144 - 35


def test_assessed_statements_no_unit_develops_in_document_order(result):
    assert result.assessed_not_developed == ("2.2.2", "3.1.1", "5.1.2")


def test_nothing_assessed_means_nothing_assessed_but_not_developed(framework):
    assert coverage(framework, COURSE).assessed_not_developed == ()


def test_an_empty_course_covers_nothing(framework):
    empty = coverage(framework, node("course", "c", "C"), assessed_ids=["1.1.1"])
    assert (empty.sections, empty.untagged_units, empty.total_units) == ((), (), 0)
    assert [row.counts for row in empty.rows] == [()] * 9
    assert len(empty.clusters_without_unit) == 9
    assert len(empty.statements_without_unit) == 144
    assert empty.assessed_not_developed == ("1.1.1",)


def test_empty_sections_are_columns_and_units_outside_sections_come_last(framework):
    course = node("course", "c", "C",
        node("unit", "loose", "Loose", tags=["1"]),
        node("section", "empty", "Empty"),
        node("section", "s", "S", node("unit", "u", "U", tags=["1.1.1"])),
    )
    cov = coverage(framework, course)
    assert cov.sections == (("empty", "Empty", ()), ("s", "S", ("u",)), ("", "", ("loose",)))
    assert cov.row("1").counts == (0, 1, 1)
    assert cov.row("1").kinds[0] == ("knowledge", (0, 1, 1))
    assert cov.row("1").kinds[1] == ("skills", (0, 0, 1))


# --- CSV rows ------------------------------------------------------------------------------------------------------

def test_csv_header_and_cluster_rows(result, framework):
    rows = coverage_csv_rows(result, framework, "en")
    assert rows[0] == ["cluster", "title", "kind", "Basics", "Fieldwork", "total units"]
    assert rows[1:5] == [
        ["1", "Promoting digital inclusion", "", "2", "1", "3"],
        ["1", "Knowledge relating to attention for and promotion of digital inclusion", "knowledge", "1", "1", "2"],
        ["1", "Skills relating to attention for the promotion of digital inclusion", "skills", "2", "0", "2"],
        ["1", "Attitudes relating to attention for and promotion of digital inclusion", "attitudes", "2", "0", "2"],
    ]
    assert len(rows) == 1 + 9 * 4
    assert [row[:3] for row in rows[17:21]] == [["5", framework.cluster("5").title.get("en"), ""],
                                               ["5", framework.node("5.1").title.get("en"), "knowledge"],
                                               ["5", framework.node("5.2").title.get("en"), "skills"],
                                               ["5", framework.node("5.3").title.get("en"), "attitudes"]]
    assert [row[3:] for row in rows[17:21]] == [["1", "2", "3"], ["1", "0", "1"], ["0", "2", "2"], ["0", "0", "0"]]


def test_csv_titles_in_the_requested_language(result, framework):
    rows = coverage_csv_rows(result, framework, "nl")
    assert rows[1][:3] == ["1", "Aandacht hebben voor en bevorderen van digitale inclusie", ""]
    assert rows[2][1] == "Kennis rond aandacht hebben voor en bevorderen van digitale inclusie"


# --- Recommendations -----------------------------------------------------------------------------------------------

def profile_of(values: dict) -> Profile:
    """A profile with one overall score per cluster, in the dict's order (value None = nothing rated)."""
    clusters = tuple(ClusterScore(cid, Score(v, 0 if v is None else 1, 0, 1), ()) for cid, v in values.items())
    return Profile(Score(None, 0, 0, len(values)), clusters)


def summary(recommendations):
    return [(r.cluster_id, r.score, [u.id for u in r.units]) for r in recommendations]


# Units per cluster, most statements first: cluster 1 welcome 13, practice 6, cases 2; cluster 2 reflection 5,
# welcome 1; cluster 5 cases 15, then welcome and reflection 1 each (a tie, so document order).
CLUSTER_1 = ["welcome", "practice", "cases"]
CLUSTER_2 = ["reflection", "welcome"]
CLUSTER_5 = ["cases", "welcome", "reflection"]


@pytest.mark.parametrize("values, clusters, limit, expected", [
    ({"1": 40.0, "2": 20.0, "5": 60.0}, 2, 3, [("2", 20.0, CLUSTER_2), ("1", 40.0, CLUSTER_1)]),
    ({"1": 40.0, "2": 20.0, "5": 60.0}, 3, 3, [("2", 20.0, CLUSTER_2), ("1", 40.0, CLUSTER_1), ("5", 60.0, CLUSTER_5)]),
    ({"1": 40.0, "2": 20.0, "5": 60.0}, 1, 3, [("2", 20.0, CLUSTER_2)]),
    ({"5": 30.0, "2": 90.0, "1": 30.0}, 2, 3, [("1", 30.0, CLUSTER_1), ("5", 30.0, CLUSTER_5)]),
    ({"1": 10.0, "5": 20.0}, 2, 1, [("1", 10.0, ["welcome"]), ("5", 20.0, ["cases"])]),
    ({"1": 10.0, "5": 20.0}, 2, 2, [("1", 10.0, ["welcome", "practice"]), ("5", 20.0, ["cases", "welcome"])]),
    ({"1": None, "2": 50.0, "5": 40.0}, 2, 3, [("5", 40.0, CLUSTER_5), ("2", 50.0, CLUSTER_2)]),
    ({"1": 0.0, "2": 0.5}, 2, 3, [("1", 0.0, CLUSTER_1), ("2", 0.5, CLUSTER_2)]),
    ({"3": 5.0, "1": 40.0, "2": 50.0}, 2, 3, [("1", 40.0, CLUSTER_1)]),
    ({"3": 5.0, "4": 6.0, "1": 40.0}, 2, 3, []),
    ({"1": None, "2": None}, 2, 3, []),
    ({}, 2, 3, []),
], ids=["weakest first", "three clusters", "one cluster", "ties in document order not profile order",
        "limit one", "limit two", "None skipped", "zero is a score", "cluster without unit left out not replaced",
        "weakest have no unit", "nothing scored", "empty profile"])
def test_recommendations(values, clusters, limit, expected, framework):
    assert summary(recommend(framework, profile_of(values), UNITS, limit=limit, clusters=clusters)) == expected


def test_default_limit_and_clusters(framework):
    result = recommend(framework, profile_of({"1": 10.0, "2": 20.0, "5": 5.0}), UNITS)
    assert summary(result) == [("5", 5.0, CLUSTER_5), ("1", 10.0, CLUSTER_1)]
    assert result[0].units == (UNITS[3], UNITS[0], UNITS[4])


def test_units_covering_more_statements_come_first_then_document_order(framework):
    """reflection develops 5 statements of cluster 2, welcome (earlier) 1; in the reversed unit list the tie flips."""
    weak_two = profile_of({"2": 10.0})
    assert summary(recommend(framework, weak_two, UNITS)) == [("2", 10.0, ["reflection", "welcome"])]
    weak_five = profile_of({"5": 10.0})
    assert summary(recommend(framework, weak_five, UNITS[::-1])) == [("5", 10.0, ["cases", "reflection", "welcome"])]


@pytest.mark.parametrize("units", [
    [],
    [UnitInfo("u", "U", "s", "S", "", "", frozenset())],
    [UnitInfo("u", "U", "s", "S", "", "", frozenset({"99", "1.1.7"}))],  # only unknown tags
], ids=["no units", "untagged", "unknown tags only"])
def test_nothing_tagged_means_no_recommendations(units, framework):
    assert recommend(framework, profile_of({"1": 10.0, "2": 20.0}), units) == []


def test_recommendations_from_a_real_profile(framework):
    """Cluster 1 all at level 1 (25 %), cluster 2 at 4 (100 %), cluster 5 at 2 (50 %): 1 and 5 are weakest."""
    levels = {"1": 1, "2": 4, "5": 2}
    scope = resolve_scope(framework, ["1", "2", "5"])
    ratings = {s.id: levels[s.cluster_id] for s in scope}
    result = recommend(framework, profile(framework, scope, ratings, GROWTH), UNITS)
    assert summary(result) == [("1", 25.0, CLUSTER_1), ("5", 50.0, CLUSTER_5)]
