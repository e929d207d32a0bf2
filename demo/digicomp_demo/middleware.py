"""The demo's middleware: scenarios registered before the first request, and one identity for blocks and pages."""

from .registry import register_scenarios


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
