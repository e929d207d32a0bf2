"""The bundled 2025 framework: complete, faithful to the published text, bilingual."""

import re

import pytest

# Statements per cluster [knowledge, skills, attitudes], counted in section 6 of the 2025 English edition.
COUNTS = {"1": [4, 5, 4], "2": [4, 10, 5], "3": [3, 5, 4], "4": [4, 8, 6], "5": [12, 15, 11],
          "6": [2, 6, 2], "7": [5, 6, 3], "8": [3, 6, 1], "9": [2, 4, 4]}


def test_metadata(framework):
    assert (framework.id, framework.edition, framework.source_language) == ("social-work-2025", "2025-01-22", "en")
    assert framework.languages == ("en", "nl")
    assert framework.title.get("en") == "A framework for digital competences of professional social workers"
    assert framework.citation.startswith("Bocklandt, P.; Verplancke, J.; Faelens, L.; Beelen, S.; Van der Cam, M.;")
    assert "(2025). A framework for digital competences of social professionals." in framework.citation
    assert framework.publisher == "SAM, Steunpunt Mens en Samenleving"
    assert len(framework.authors) == 11 and re.fullmatch(r"\d+\.\d+\.\d+", framework.version)
    assert any("Focus 5" in note for note in framework.editorial_notes)


def test_structure_and_counts(framework):
    assert [f.id for f in framework.focuses] == ["F1", "F2", "F3"]
    assert [[c.id for c in f.clusters] for f in framework.focuses] == [["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"]]
    counts = {c.id: [len(k.statements) for k in c.components] for c in framework.clusters()}
    assert counts == COUNTS
    assert framework.summary() == "144 statements, 9 clusters, 3 focuses, languages en nl"


def test_ids_follow_cluster_component_number_in_document_order(framework):
    for cluster in framework.clusters():
        assert [k.kind for k in cluster.components] == ["knowledge", "skills", "attitudes"]
        for digit, component in enumerate(cluster.components, 1):
            assert component.id == f"{cluster.id}.{digit}"
            assert [s.id for s in component.statements] == [
                f"{component.id}.{n}" for n in range(1, len(component.statements) + 1)]


def test_cluster_5_sub_themes_inside_each_component(framework):
    cluster = framework.cluster("5")
    assert [s.id for s in cluster.subthemes] == ["online-information", "online-communication", "apps-and-tools"]
    for component in cluster.components:
        assert [subtheme for subtheme, _ in component.groups()] == [s.id for s in cluster.subthemes]
    assert [len(statements) for _, statements in cluster.components[0].groups()] == [2, 8, 2]
    assert all(s.subtheme is None for c in framework.clusters() if c.id != "5" for s in c.statements())


# Spot checks: statements exactly as published (citations removed).
PUBLISHED = {
    "1.1.1": "knowing what digital exclusion and digital inclusion mean",
    "1.1.4": "knowing what are the digital needs, requirements and possibilities of specific vulnerable target groups "
             "(people in poverty, people with disabilities, etc.)",
    "2.2.7": "Ability to do professional screen-based reading (analyse what is (not) written, what is intended with what "
             "is (not) written, and what evolution screen-based writing knows (e.g. chat)",
    "4.1.2": "Knowledge on diverse aspects to make choices on blended work (criteria for choosing communication channels "
             "and tools, conditions for a successful blended track, etc.)",
    "5.2.3": "Ability to use copyright and source citation correctly",
    "6.3.2": "Treating the individual file with integrity",
    "8.3.1": "Being interested in research on the work activities of the digital and blended options in the sector in "
             "which they work",
    "9.3.3": "Desire to learn about the possibilities and pitfalls of new forms of digital and blended options "
             "(augmented reality, virtual reality, artificial intelligence, etc.)",
}


@pytest.mark.parametrize("statement_id", sorted(PUBLISHED))
def test_statements_read_exactly_as_published(framework, statement_id):
    assert framework.statement(statement_id).text.get("en") == PUBLISHED[statement_id]


def test_1_1_3_keeps_its_four_dimensions_as_details(framework):
    details = [d.get("en") for d in framework.statement("1.1.3").details]
    assert details == ["availability of technology", "availability of technical competences",
                       "being able to deploy digital tools concerning well-being and health",
                       "(consequences of) digitisation of society"]


def test_no_citation_left_in_any_text(framework):
    for statement in framework.statements():
        for lang in framework.languages:
            text = statement.text.get(lang)
            assert not re.search(r"\([A-Z][^()]*,\s*(19|20)\d\d\)", text), (statement.id, text)
            assert text == text.strip() and "  " not in text


def test_every_statement_has_english_and_dutch_with_its_provenance(framework):
    sources = {"draft": 0, "translated": 0}
    for statement in framework.statements():
        assert statement.text.get("en") and statement.text.get("nl")
        assert statement.text.get("nl") != statement.text.get("en"), statement.id
        sources[statement.nl_source] += 1
        assert bool(statement.draft_id) == (statement.nl_source == "draft")
    assert sources["draft"] > 0 and sources["translated"] > 0 and sum(sources.values()) == 144


def test_dutch_draft_wording_spot_checks(framework):
    assert framework.statement("1.1.1").text.get("nl") == "weten wat digitale uitsluiting en digitale inclusie inhouden"
    assert framework.statement("6.3.2").text.get("nl") == "op een integere manier omgaan met het cliëntdossier"


def test_citations_resolve_to_one_entry_per_work(framework):
    keys = [r.key for r in framework.references]
    assert len(keys) == len(set(keys))
    cited = {key for s in framework.statements() for key in s.citations}
    assert cited <= set(keys)
    assert framework.statement("1.2.3").citations == ("hartman2019", "mediawijs2022", "broekhuis2021")
    assert framework.reference("mcgrath2018").text.startswith("McGrath, P. W. (2018). Toolkit for e-Mental Health")


def test_four_positions_in_both_languages(framework):
    assert [p.id for p in framework.positions] == ["beginner", "experienced", "pioneer", "pacesetter"]
    assert [p.name.get("nl") for p in framework.positions] == ["Beginner", "Hulpverlener met ervaring", "Pionier",
                                                              "Gangmaker"]
    assert all(p.description.get("en") and p.description.get("nl") for p in framework.positions)


def test_titles_and_descriptions_of_every_cluster_in_both_languages(framework):
    for cluster in framework.clusters():
        for text in (cluster.title, cluster.summary, cluster.description):
            assert set(text.languages) == {"en", "nl"} and all(text.get(lang) for lang in ("en", "nl"))
    assert framework.cluster("9").title.get("nl") == "Toekomstgericht bijdragen aan digitale uitdagingen"
