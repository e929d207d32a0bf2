"""The one place that talks to openedx_tagging: the framework as a taxonomy, and competence tags on objects.

One taxonomy per framework (export id `digicomp-<framework id>`), whatever its data version: a new version
updates tag values in place, so objects keep their tags. Tags carry the competence ID as external id, and their
values start with it, zero-padded so that openedx_tagging (which sorts by value) lists them in framework order
(`5.2.03 Ability to use copyright…` before `5.2.10 …`); code reads external ids, never display text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO

from django.core.exceptions import ValidationError
from django.db import transaction

from ..core.exports.taxonomy import taxonomy_rows, to_taxonomy_csv
from ..core.model import Framework
from . import compat

EXPORT_PREFIX = "digicomp-"
_VERSION = re.compile(r"data version (\d+)\.(\d+)\.(\d+)")


class TaggingError(ValueError):
    """Tags that cannot be written, or a taxonomy that cannot be imported; nothing was changed."""


def _tagging():
    return compat.api()  # loaded when the app is installed, from where this release keeps it


def export_id(framework_id: str) -> str:
    return f"{EXPORT_PREFIX}{framework_id}"


def taxonomy_of(framework_id: str):
    """The taxonomy of a framework, or None when it was never imported."""
    return _tagging().get_taxonomy_by_export_id(export_id(framework_id))


@dataclass(frozen=True)
class SyncResult:
    created: bool  # the taxonomy itself was created
    changes: tuple[str, ...]  # one line per tag created, renamed or deleted
    plan_only: bool


def _version_of(description: str) -> tuple[int, ...] | None:
    match = _VERSION.search(description or "")
    return tuple(int(part) for part in match.groups()) if match else None


def sync_taxonomy(framework: Framework, lang: str, plan_only: bool = False) -> SyncResult:
    """Create or update the framework's taxonomy (replace mode, idempotent); plan first, change nothing on error."""
    import_api = compat.module("import_export.api")
    ParserFormat = compat.module("import_export.parsers").ParserFormat  # noqa: N806 - openedx_tagging's class

    description = (f"{framework.title.get(lang)} ({framework.edition}), digicomp-xblock framework "
                   f"'{framework.id}', data version {framework.version}.")
    taxonomy = taxonomy_of(framework.id)
    stored = _version_of(taxonomy.description) if taxonomy else None
    incoming = tuple(int(part) for part in framework.version.split("."))
    if stored and stored > incoming:
        raise TaggingError(f"the taxonomy holds data version {'.'.join(map(str, stored))} of '{framework.id}'; "
                           f"refusing to replace it with the older version {framework.version}")
    if taxonomy is None and plan_only:
        return SyncResult(True, tuple(f"create {row['id']}" for row in taxonomy_rows(framework, lang)), True)
    csv_bytes = to_taxonomy_csv(framework, lang).encode("utf-8")
    with transaction.atomic():
        created = taxonomy is None
        if created:
            taxonomy = _tagging().create_taxonomy(
                name=framework.title.get(lang)[:255], description=description, export_id=export_id(framework.id),
                allow_multiple=True, allow_free_text=False)
        ok, task, plan = import_api.import_tags(taxonomy, BytesIO(csv_bytes), ParserFormat.CSV, replace=True,
                                                plan_only=True)
        if not ok or plan is None:
            errors = [str(error) for error in (plan.errors if plan else [])] or task.log.strip().splitlines()[-3:]
            raise TaggingError("the taxonomy import was refused: " + "; ".join(errors))
        changes = tuple(f"{action.name} {action.tag.id}" for action in plan.actions if action.name != "without_changes")
        if plan_only:
            transaction.set_rollback(True)
            return SyncResult(created, changes, True)
        ok, task, _plan = import_api.import_tags(taxonomy, BytesIO(csv_bytes), ParserFormat.CSV, replace=True)
        if not ok:
            raise TaggingError("the taxonomy import failed: " + " ".join(task.log.strip().splitlines()[-3:]))
        taxonomy.description = description
        taxonomy.save(update_fields=["description"])
        _refresh_object_tag_values(taxonomy)
    return SyncResult(created, changes, False)


def _refresh_object_tag_values(taxonomy) -> None:
    """Object tags point to their tag and keep a copy of its value (openedx_tagging's `ObjectTag._value`, shown if
    the tag is deleted and used to leave applied tags out of Studio's tag search); a rename leaves the copy stale
    until the object is tagged again, so bring this taxonomy's copies up to date with openedx_tagging's own
    `ObjectTag.resync` (a no-op for those already current, so a second run still changes nothing)."""
    ObjectTag = compat.models().ObjectTag  # noqa: N806 - openedx_tagging's model

    for object_tag in ObjectTag.objects.filter(taxonomy=taxonomy).exclude(tag=None).select_related("tag", "taxonomy"):
        if object_tag.resync():
            object_tag.save()


def competences_of(object_id: str, framework_id: str) -> list[str]:
    """Competence IDs tagged on one object (a block's usage key as text), in tagging order."""
    taxonomy = taxonomy_of(framework_id)
    if taxonomy is None:
        return []
    rows = sorted(_tagging().get_object_tags(object_id, taxonomy_id=taxonomy.id), key=lambda row: row.id)
    return [row.tag.external_id for row in rows]


def competences_in(object_ids: Iterable[str], framework_id: str) -> dict[str, list[str]]:
    """Competence IDs tagged on each of many objects (objects without tags are left out), in tagging order, in one
    query.

    openedx_tagging's API reads the tags of one object at a time; this reads those of a whole course at once,
    with the rules of its `get_object_tags` (an enabled taxonomy, tags that still exist).
    """
    ObjectTag = compat.models().ObjectTag  # noqa: N806 - openedx_tagging's model

    found: dict[str, list[str]] = {}
    rows = (ObjectTag.objects.filter(object_id__in=list(object_ids), taxonomy__export_id=export_id(framework_id),
                                     taxonomy__enabled=True)
            .exclude(tag=None).select_related("tag").order_by("object_id", "id"))
    for row in rows:
        found.setdefault(row.object_id, []).append(row.tag.external_id)
    return found


def set_competences(object_id: str, framework: Framework, ids: list[str]) -> list[str]:
    """Make `ids` the object's competence tags of this framework (others are removed); returns them."""
    unknown = [node_id for node_id in ids if node_id not in framework or node_id.startswith("F")]
    if unknown:
        raise TaggingError(f"unknown competence ID(s): {', '.join(unknown)}")
    taxonomy = taxonomy_of(framework.id)
    if taxonomy is None:
        raise TaggingError(f"the taxonomy of '{framework.id}' is not imported yet (run digicomp_taxonomy)")
    ordered = list(dict.fromkeys(ids))
    values = {tag["external_id"]: tag["value"] for tag in _tagging().get_tags(taxonomy)}
    missing = [node_id for node_id in ordered if node_id not in values]
    if missing:
        raise TaggingError(f"the taxonomy has no tag for {', '.join(missing)}: import the current framework version")
    try:
        _tagging().tag_object(object_id, taxonomy, [values[node_id] for node_id in ordered])
    except (ValueError, ValidationError) as error:  # what openedx_tagging raises for bad object ids
        raise TaggingError(f"cannot tag '{object_id}': {error}") from None
    return ordered
