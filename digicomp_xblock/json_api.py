"""JSON handlers: POST only, size-limited body, decoded and checked before the handler runs; 400 with a message."""

from __future__ import annotations

import functools
import json

from webob import Response
from xblock.core import XBlock

from .core.answers import MAX_BODY_BYTES, AnswerError


def json_response(data, status: int = 200) -> Response:
    return Response(json.dumps(data, ensure_ascii=False), status=status, content_type="application/json",
                    charset="utf-8")


def error_response(message: str, status: int = 400) -> Response:
    return json_response({"error": message}, status)


class PermissionDenied(Exception):
    """The current user may not do this (checked on the server); becomes HTTP 403."""


def json_api(method):
    """An XBlock handler taking the decoded JSON body; AnswerError becomes HTTP 400 with its message."""

    @XBlock.handler
    @functools.wraps(method)
    def handler(self, request, suffix=""):  # pylint: disable=unused-argument
        if request.method != "POST":
            return error_response("use POST with a JSON body", 405)
        body = request.body
        if len(body) > MAX_BODY_BYTES:
            return error_response(f"the request is {len(body)} bytes; the limit is {MAX_BODY_BYTES}")
        try:
            payload = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            return error_response(f"the request body is not valid JSON: {error}")
        try:
            return json_response(method(self, payload))
        except AnswerError as error:
            return error_response(str(error))
        except PermissionDenied as error:
            return error_response(str(error) or "only course staff can do this", 403)

    return handler
