"""The demo's scenario pages: the workbench's, rendered by the demo's runtime (`runtime.DemoRuntime`)."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.csrf import ensure_csrf_cookie
from workbench.scenarios import get_scenarios
from workbench.views import get_student_id

try:
    from workbench.views import get_block_views
except ImportError:  # xblock-sdk up to 0.14 (the one Python 3.11, Open edX Ulmo, installs): its page lists no views

    def get_block_views(_block):
        return set()

from .runtime import DemoRuntime


@ensure_csrf_cookie
def show_scenario(request, scenario_id, view_name="student_view", template="workbench/block.html"):
    """`workbench.views.show_scenario` with the demo's runtime instead of the SDK's (which cannot be configured)."""
    student_id = get_student_id(request)
    try:
        scenario = get_scenarios()[scenario_id]
    except KeyError as error:
        raise Http404 from error
    block = DemoRuntime(student_id).get_block(scenario.usage_id)
    fragment = block.render(view_name, {"activate_block_id": request.GET.get("activate_block_id")})
    return render(request, template, {
        "scenario_id": scenario_id, "scenario": scenario, "block": block, "body": fragment.body_html(),
        "head_html": fragment.head_html(), "foot_html": fragment.foot_html(), "student_id": student_id,
        "view_name": view_name, "other_views": sorted(get_block_views(block) - {view_name}),
    })
