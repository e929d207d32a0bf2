"""Registers our scenario files with the workbench before the first request is served."""

from workbench import scenarios as workbench_scenarios

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


class ScenariosMiddleware:
    """Runs `register_scenarios()` on each request (a no-op once done); the database exists by then."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        register_scenarios()
        return self.get_response(request)
