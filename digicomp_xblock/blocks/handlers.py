"""JSON handlers of our blocks: POST only, a size-limited body, decoded and checked before the handler runs.

Why not `XBlock.json_handler`: it decodes a body of any size and nesting (a deeply nested one ends in a
RecursionError, an HTTP 500) and answers in English. Ours refuses those with 400 and says why in the reader's
language. Refusals are XBlock's own `JsonHandlerError`, so every error response has the shape XBlock's
handlers give: `{"error": message}` with the status. A refusal of the core (`InputError`) becomes a 400.
"""

from __future__ import annotations

import functools
import json

from webob import Response
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError

from ..core.answers import MAX_BODY_BYTES
from ..core.messages import InputError
from ..platform import is_staff


def json_response(data) -> Response:
    return Response(json.dumps(data), content_type="application/json", charset="utf-8")


def read_json(request, gettext):
    """The decoded JSON body of a POST; JsonHandlerError (405 or 400) with a message otherwise."""
    if request.method != "POST":
        raise JsonHandlerError(405, gettext("use POST with a JSON body"))
    body = request.body
    if len(body) > MAX_BODY_BYTES:
        raise JsonHandlerError(400, gettext("the request is %(size)s bytes; the limit is %(limit)s")
                               % {"size": len(body), "limit": MAX_BODY_BYTES})
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        reason = gettext("it is nested too deeply") if isinstance(error, RecursionError) else str(error)
        raise JsonHandlerError(400, gettext("the request body is not valid JSON: %(reason)s")
                               % {"reason": reason}) from None


def json_handler(method):
    """An XBlock handler that takes the decoded JSON body and returns what becomes the JSON response.

    The method raises JsonHandlerError to refuse (or a core InputError, which becomes a 400); either way it must
    refuse before it changes a field.
    """

    @XBlock.handler
    @functools.wraps(method)
    def handler(self, request, suffix=""):  # noqa: ARG001 - XBlock's handler signature
        try:
            return json_response(method(self, read_json(request, self.gettext)))
        except InputError as refusal:
            return JsonHandlerError(400, refusal.translate(self.gettext)).get_response()
        except JsonHandlerError as error:
            return error.get_response()

    return handler


def staff_only(block, message: str) -> None:
    """Refuse with 403 unless the current user is course staff (checked on the server); `message` is marked with
    gettext_noop and translated here."""
    if not is_staff(block):
        raise JsonHandlerError(403, block.gettext(message))
