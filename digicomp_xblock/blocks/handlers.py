"""JSON handlers of our blocks: POST only, a size-limited body, decoded and checked before the handler runs.

Why not `XBlock.json_handler`: it decodes a body of any size and nesting (a deeply nested one ends in a
RecursionError, an HTTP 500) and answers in English. Ours refuses those with 400 and says why in the reader's
language. Refusals are XBlock's own `JsonHandlerError`, so every error response has the shape XBlock's
handlers give: `{"error": message}` with the status. A refusal of the core (`InputError`) becomes a 400.
"""

from __future__ import annotations

import functools
import json

from django.http.request import RawPostDataException
from webob import Response
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError

from .. import conf
from ..core.answers import MAX_BODY_BYTES
from ..core.loader import FrameworkError
from ..core.messages import InputError
from ..core.scope import parse_scope
from ..platform import can_author, is_staff


def save_settings(block, values: dict, check_settings) -> dict:
    """An editor's save: `values` (every editable setting, types checked) with the scope written as it is parsed,
    checked by `check_settings(framework, values, gettext)` and only then set on the block; 400 with every problem
    otherwise, nothing changed."""
    try:
        framework = conf.framework(values["framework"])
    except FrameworkError as error:
        raise JsonHandlerError(400, error.problems[0].message) from None
    values["scope"] = " ".join(parse_scope(values["scope"]))
    problems = check_settings(framework, values, block.gettext)
    if problems:
        raise JsonHandlerError(400, "; ".join(problems))
    for name, value in values.items():
        setattr(block, name, value)
    return {"result": "success"}


def json_response(data, status: int = 200) -> Response:
    return Response(json.dumps(data), status=status, content_type="application/json", charset="utf-8")


class ConflictError(JsonHandlerError):
    """HTTP 409: what the request was based on is no longer what is stored; `state`, when known, is what is."""

    def __init__(self, message: str, state: dict | None = None):
        super().__init__(409, message)
        self.state = state

    def get_response(self, **kwargs):
        if self.state is None:
            return super().get_response(**kwargs)
        return json_response({"error": self.message, "state": self.state}, 409)


def read_json(request, gettext):
    """The decoded JSON body of a POST; JsonHandlerError (405 or 400) with a message otherwise.

    Refused: other methods, a form body (the platform has read it as a form already), more than MAX_BODY_BYTES,
    what is not JSON, nested too deeply, or text that is not Unicode (a lone surrogate such as "\\ud800").
    """
    if request.method != "POST":
        raise JsonHandlerError(405, gettext("use POST with a JSON body"))
    try:
        body = request.body
    except RawPostDataException:
        raise JsonHandlerError(400, gettext("send the request as JSON (Content-Type: application/json), "
                                            "not as a form")) from None
    if len(body) > MAX_BODY_BYTES:
        raise JsonHandlerError(400, gettext("the request is %(size)s bytes; the limit is %(limit)s")
                               % {"size": len(body), "limit": MAX_BODY_BYTES})
    try:
        payload = json.loads(body.decode("utf-8"), parse_constant=_not_json)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        reason = gettext("it is nested too deeply") if isinstance(error, RecursionError) else str(error)
        raise JsonHandlerError(400, gettext("the request body is not valid JSON: %(reason)s")
                               % {"reason": reason}) from None
    try:
        json.dumps(payload, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise JsonHandlerError(400, gettext("the request contains characters that are not text")) from None
    return payload


def _not_json(constant: str):
    """NaN and Infinity are JavaScript, not JSON."""
    raise ValueError(f"{constant} is not a JSON number")


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


def authors_only(block, message: str) -> None:
    """Refuse with 403 unless the current user may change the block's settings (`platform.can_author`); `message`
    is marked with gettext_noop and translated here."""
    if not can_author(block):
        raise JsonHandlerError(403, block.gettext(message))
