"""Helpers for testing blocks in the XBlock SDK workbench runtime (in the style of xblock-drag-and-drop-v2's tests).

User state lives in the workbench's Django model `XBlockState` (one JSON row per scope, block and user);
a block instance caches the fields it has read, so `reload()` builds a new instance in a new runtime, which
reads every field back from the database.
"""

from __future__ import annotations

import json

from webob import Request
from workbench.runtime import WorkbenchRuntime

from digicomp_xblock.assessment.handlers import LEARNER_STATE


def make_block(xml: str, user: str = "student_1"):
    """A block parsed from OLX in a workbench runtime of `user` (its settings are saved in the database)."""
    runtime = WorkbenchRuntime(user)
    return runtime.get_block(runtime.parse_xml_string(xml))


def block_for(block, user: str):
    """The same block usage as another user sees it (a new runtime, state read from the database)."""
    return WorkbenchRuntime(user).get_block(block.scope_ids.usage_id)


def reload(block):
    """A fresh instance of `block` for the same user, with nothing cached: every field comes from the store."""
    return block_for(block, block.scope_ids.user_id)


def call_handler(block, name: str, payload=None, method: str = "POST", raw_body: bytes | None = None,
                 query: str = ""):
    """Call handler `name` like the platform does (the runtime saves the block's fields afterwards).

    `payload` is sent as JSON (unless `raw_body` is given); returns (status, decoded JSON or text).
    """
    request = Request.blank("/" + (f"?{query}" if query else ""))
    request.method = method
    if raw_body is not None:
        request.body = raw_body
    elif payload is not None:
        request.body = json.dumps(payload).encode("utf-8")
    if request.body:
        request.content_type = "application/json"
    response = block.runtime.handle(block, name, request)
    text = response.body.decode("utf-8")
    if response.content_type == "application/json":
        return response.status_code, json.loads(text)
    return response.status_code, text


def response_of(block, name: str, query: str = "", method: str = "GET"):
    """The raw webob response of a handler (for headers such as Content-Type and Content-Disposition)."""
    request = Request.blank("/" + (f"?{query}" if query else ""))
    request.method = method
    return block.runtime.handle(block, name, request)


def stored_state(block) -> dict:
    """The learner's state of `block` as it is in the database (read through a fresh instance)."""
    fresh = reload(block)
    return {name: json.loads(json.dumps(getattr(fresh, name))) for name in LEARNER_STATE}


def answer_all(block, level=2) -> dict:
    """A `ratings` payload giving `level` to every statement in the block's scope."""
    return {statement.id: level for statement in block.scope_statements}


def submit_all(block, level=2, reflections=None):
    """Answer every statement and submit: the (status, body) of the save_answers handler."""
    payload = {"ratings": answer_all(block, level), "submit": True}
    if reflections is not None:
        payload["reflections"] = reflections
    return call_handler(block, "save_answers", payload)
