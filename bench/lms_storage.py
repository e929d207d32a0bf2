"""A storage mode of `make bench` shaped like Open edX's: one JSON row per block and user (StudentModule), read and
decoded once per request and written once per save, as the LMS's FieldDataCache does.

The workbench's own store reads and decodes the row again for every field read and writes it again for every
field saved; with this mode beside it, the bench shows our block's cost apart from that.
"""

from __future__ import annotations

import json

from workbench.models import XBlockState
from workbench.runtime import WorkbenchDjangoKeyValueStore, WorkbenchRuntime
from xblock.runtime import KvsFieldData


class RowPerBlockStore(WorkbenchDjangoKeyValueStore):
    """The workbench's rows, cached per request: `new_request()` forgets what the last request read."""

    def __init__(self):
        self._rows = {}

    def new_request(self) -> None:
        self._rows.clear()

    def _row(self, key):
        ident = (key.scope, key.block_scope_id, key.user_id)
        if ident not in self._rows:
            record = XBlockState.get_for_key(key)
            self._rows[ident] = (record, json.loads(record.state))
        return self._rows[ident]

    def get(self, key):
        return self._row(key)[1][key.field_name]

    def has(self, key):
        return key.field_name in self._row(key)[1]

    def set(self, key, value):
        self.set_many({key: value})

    def set_many(self, update_dict):
        changed = {}
        for key, value in update_dict.items():
            record, state = self._row(key)
            state[key.field_name] = value
            changed[id(record)] = (record, state)
        for record, state in changed.values():
            record.state = json.dumps(state)
            record.save(update_fields=["state"])

    def delete(self, key):
        record, state = self._row(key)
        del state[key.field_name]
        record.state = json.dumps(state)
        record.save(update_fields=["state"])


def lms_like_runtime(user_id: str) -> tuple[WorkbenchRuntime, RowPerBlockStore]:
    """A workbench runtime of `user_id` whose fields live in a RowPerBlockStore."""
    runtime = WorkbenchRuntime(user_id)
    store = RowPerBlockStore()
    runtime._services["field-data"] = KvsFieldData(store)  # noqa: SLF001 - the runtime has no setter for it
    return runtime, store
