"""Helpers for testing blocks in the XBlock SDK workbench runtime (in the style of xblock-drag-and-drop-v2's tests),
and for the demo course with its competence tags.

User state lives in the workbench's Django model `XBlockState` (one JSON row per scope, block and user);
a block instance caches the fields it has read, so `reload()` builds a new instance in a new runtime, which
reads every field back from the database.
"""

from __future__ import annotations

import json
import re

from webob import Request
from workbench.runtime import WorkbenchRuntime

from digicomp_demo.registry import all_scenarios
from digicomp_xblock import platform
from digicomp_xblock.blocks.assessment.handlers import LEARNER_STATE
from digicomp_xblock.core.moments import Moments
from digicomp_xblock.platform.course import OWN_BLOCKS
from digicomp_xblock.tagging import compat as tagging_compat
from digicomp_xblock.tagging.api import set_competences

# openedx_tagging's models, from where this release keeps them (tagging/compat.py).
ObjectTag, Tag, Taxonomy = (getattr(tagging_compat.models(), name) for name in ("ObjectTag", "Tag", "Taxonomy"))


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
    """The learner's state of `block` as it is in the database, read through a fresh instance (the moments decoded,
    as the block reads them)."""
    fresh = reload(block)
    return {name: json.loads(json.dumps(_plain(getattr(fresh, name)))) for name in LEARNER_STATE}


def _plain(value):
    return list(value) if isinstance(value, Moments) else value


def raw_state(block) -> dict:
    """The learner's state of `block` as the platform reads its row (JSON decoded, the moments as stored)."""
    return platform.current().stored_state(str(block.scope_ids.usage_id), block.scope_ids.user_id)


class ReportState:
    """One learner's state as Open edX's problem-responses report hands it to `generate_report_data`."""

    def __init__(self, username: str, state: dict):
        self.username, self.state = username, state


def answer_all(block, level=2) -> dict:
    """A `ratings` payload giving `level` to every statement in the block's scope."""
    return {statement.id: level for statement in block.scope_statements}


def submit_all(block, level=2, reflections=None):
    """Answer every statement and submit: the (status, body) of the save_answers handler."""
    payload = {"ratings": answer_all(block, level), "submit": True}
    if reflections is not None:
        payload["reflections"] = reflections
    return call_handler(block, "save_answers", payload)


# --- The demo course and its competence tags ----------------------------------------------------------------

EXPORT_ID = "digicomp-social-work-2025"
STAFF, LEARNER = "lecturer", "student_1"
COURSE = next(s for s in all_scenarios() if s.name == "digicomp-course")
WEEK_1, WEEK_2, OURS = "Week 1: Digital inclusion", "Week 2: Online help and client data", "Your competences"
BOAT, REFERRING = "Who is missing the boat?", "Referring warmly to digital inclusion initiatives"
VIDEO, FILES, APPS = "Video calling with clients", "Keeping client files safe", "Choosing apps together with a client"
ASSESSMENT, COVERAGE = "Self-assessment for this course", "Competences this course develops"
PROFILE = "Your competences in this course"
NEW_TEXT = "Ability to apply copyright and cite sources correctly (2026 wording)"


def taxonomy_state():
    """Every taxonomy row and every tag row (with its primary key), to compare before and after."""
    taxonomies = list(Taxonomy.objects.order_by("id").values_list("id", "export_id", "name", "description"))
    tags = list(Tag.objects.order_by("id").values_list("id", "taxonomy_id", "external_id", "value", "parent_id"))
    return taxonomies, tags


def object_tags():
    """Every object tag row (object, taxonomy, tag, cached value)."""
    return sorted(ObjectTag.objects.values_list("object_id", "taxonomy_id", "tag_id", "_value"))


def tags_by_id():
    return {tag.external_id: tag for tag in Tag.objects.filter(taxonomy__export_id=EXPORT_ID).select_related("parent")}


def tags_in_order(framework):
    """Clusters, components and statements of the framework, each parent before its children."""
    for cluster in framework.clusters():
        yield cluster
        for component in cluster.components:
            yield component
            yield from component.statements


def statements_in(doc):
    for focus in doc["focuses"]:
        for cluster in focus["clusters"]:
            for component in cluster["components"]:
                yield from component["statements"]


def blocks_of(root_usage, user):
    """The course's blocks as `user` sees them, by display name ("course" is the root); a fresh runtime."""
    runtime = WorkbenchRuntime(user)
    found = {}

    def walk(block):
        name = getattr(block, "display_name", None)
        if name:
            found[name] = block
        for child in block.children if block.has_children else []:
            walk(runtime.get_block(child))

    root = runtime.get_block(root_usage)
    found["course"] = root
    walk(root)
    return found


def outline(root_usage):
    """The scenario's sections (level-2 containers) with their units (level-3 containers), from the OLX itself:
    [(section title, [unit titles])]; counts below follow the scenario as it is edited. A unit of only our own
    blocks (the assessment, the profile, the coverage map) is the course's tools, not a unit."""
    blocks = blocks_of(root_usage, STAFF)
    runtime = blocks["course"].runtime

    def content(unit):
        return any(runtime.get_block(c).scope_ids.block_type not in OWN_BLOCKS for c in unit.children)

    return [(section.display_name, [unit.display_name for unit in map(runtime.get_block, section.children)
                                    if content(unit)])
            for section in (runtime.get_block(c) for c in blocks["course"].children)]


def units(n: int) -> str:
    return f"{n} unit" if n == 1 else f"{n} units"


def usage(block) -> str:
    return str(block.scope_ids.usage_id)


def aside_of(block):
    return block.runtime.get_aside_of_type(block, "digicomp_tags")


def tag_unit(root_usage, title, ids, framework):
    """Tag a unit of the course through the api (as the aside would); its usage id."""
    unit = blocks_of(root_usage, STAFF)[title]
    set_competences(usage(unit), framework, ids)
    return usage(unit)


def checkbox(page: str, node_id: str):
    """The picker's checkbox of `node_id`: None when missing, else whether it is checked."""
    match = re.search(rf'<input type="checkbox" id="[^"]+" value="{re.escape(node_id)}" data-level="\w+"( checked)?>',
                      page)
    return None if match is None else bool(match.group(1))
