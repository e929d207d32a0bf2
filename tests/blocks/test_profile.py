"""The `digicomp_profile` block: the learner's profile across the assessments of the demo course."""

import pytest
from workbench.runtime import WorkbenchRuntime

from digicomp_demo.registry import all_scenarios
from tests.helpers import reload, submit_all

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_scenarios")]


@pytest.mark.mariadb
def test_course_profile_block_combines_the_assessments_of_the_course():
    """`digicomp_profile` in the demo course: empty first, then the learner's scores after a submit."""
    xml = next(s.xml for s in all_scenarios() if s.name == "digicomp-course")
    runtime = WorkbenchRuntime("ida")
    root = runtime.get_block(runtime.parse_xml_string(xml))
    blocks = {}
    pending = [root]
    while pending:
        node = pending.pop()
        blocks.setdefault(node.scope_ids.block_type, node)
        pending += [runtime.get_block(c) for c in getattr(node, "children", [])] if node.has_children else []
    profile, assessment = blocks["digicomp_profile"], blocks["digicomp_assessment"]
    assert "have not submitted a self-assessment" in profile.render("student_view").content
    assert submit_all(assessment, level=2)[0] == 200
    html = reload(profile).render("student_view").content
    assert "Your scores per cluster in this course" in html
    assert html.count("<tr><th scope=\"row\">") == 3 and "50%" in html
