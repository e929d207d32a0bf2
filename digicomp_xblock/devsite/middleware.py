"""Registers our scenario files with the workbench before the first request is served."""

from pathlib import Path

from workbench import scenarios as workbench_scenarios
from workbench.runtime import WorkbenchRuntime

from digicomp_xblock.course_structure import walk
from digicomp_xblock.scenarios import all_scenarios


def register_scenarios():
    """Each scenario file becomes `/scenario/<file name>/` (the SDK itself would name them `<block>.<n>`).

    Registering them first also keeps the SDK from loading its sample scenarios.
    """
    if workbench_scenarios.SCENARIOS:
        return
    workbench_scenarios.WORKBENCH_KVS.prep_for_scenario_loading()
    for scenario in all_scenarios():
        workbench_scenarios.add_xml_scenario(scenario.name, scenario.title, scenario.xml)
    tag_demo_units()


def tag_demo_units():
    """Put the example tags of demo_tags.yaml on their units, unless a unit has tags already."""
    from digicomp_xblock.core.loader import get_framework, parse_yaml  # pylint: disable=import-outside-toplevel
    from digicomp_xblock.tagging import api  # pylint: disable=import-outside-toplevel

    framework = get_framework()
    if api.taxonomy_of(framework.id) is None:
        return  # run `django-admin digicomp_taxonomy` first (make demo does)
    wanted = parse_yaml((Path(__file__).parent / "demo_tags.yaml").read_text(encoding="utf-8"), "demo_tags.yaml")
    for name, units in wanted.items():
        runtime = WorkbenchRuntime()
        root = runtime.get_block(workbench_scenarios.SCENARIOS[name].usage_id)
        for block in walk(root):
            ids = units.get(getattr(block, "display_name", None))
            if ids and not api.competences_of(str(block.scope_ids.usage_id), framework.id):
                api.set_competences(str(block.scope_ids.usage_id), framework, ids)


class ScenariosMiddleware:
    """Runs `register_scenarios()` on each request (a no-op once done); the database exists by then."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        register_scenarios()
        return self.get_response(request)


class SignedInStudentMiddleware:
    """One identity in the demo: a signed-in user is the workbench's student on every page and handler.

    The workbench reads the learner from `?student=`; signed out, that still works as the SDK documents.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            query = request.GET.copy()
            query["student"] = request.user.get_username()
            request.GET = query
        return self.get_response(request)
