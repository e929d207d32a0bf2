"""The Instructor Dashboard entries (openedx-filters pipeline steps) point to the cohort view."""

from types import SimpleNamespace

from digicomp_xblock.dashboard.pipeline import AddCompetencesSection, AddCompetencesTab

URL = "/digicomp/courses/course-v1:SAM+DC+2026/cohort/"


def test_mfe_tab_is_appended_after_the_platform_tabs():
    step = AddCompetencesTab("org.openedx.learning.instructor.dashboard.tabs.requested.v1", [])
    result = step.run_filter(tabs=[{"tab_id": "grading"}], user="staff", course_key="course-v1:SAM+DC+2026")
    assert [tab["tab_id"] for tab in result["tabs"]] == ["grading", "digicomp-competences"]
    assert result["tabs"][1]["url"] == URL and result["tabs"][1]["title"] == "Competences"


def test_legacy_section_links_to_the_cohort_view():
    step = AddCompetencesSection("org.openedx.learning.instructor.dashboard.render.started.v1", [])
    context = {"course": SimpleNamespace(id="course-v1:SAM+DC+2026"), "sections": [{"section_key": "membership"}]}
    result = step.run_filter(context=context, template_name="instructor_dashboard_2.html")
    section = result["context"]["sections"][-1]
    assert section["section_key"] == "digicomp-competences" and result["template_name"] == "instructor_dashboard_2.html"
    assert f'href="{URL}"' in section["fragment"].body_html()


def test_legacy_section_leaves_a_context_without_course_alone():
    step = AddCompetencesSection("org.openedx.learning.instructor.dashboard.render.started.v1", [])
    result = step.run_filter(context={"sections": []}, template_name="x.html")
    assert result["context"] == {"sections": []}
