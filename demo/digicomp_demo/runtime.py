"""The demo's runtime: the XBlock SDK workbench's, writing what it puts into a page escaped.

The XBlock base runtime the workbench inherits writes a block's start-up data (its `initialize_js` arguments) into
`<script type="json/xblock-args">` as `json.dumps` gives it, so a `</script>` in them ends that element (the
project's issue 11); it writes the wrapper's data attributes (an OLX `name`, for one) between single quotes as they
are; and the workbench writes the view name of the address into its "No such view" message as it is. The LMS of
Open edX escapes all three; this runtime does too, so the demo is not the weak spot of the blocks it shows.
"""

from __future__ import annotations

import json

from django.utils.html import escape
from web_fragments.fragment import Fragment
from workbench.runtime import WorkbenchRuntime
from xblock.exceptions import NoSuchViewError

_SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
_END = "</div>"


def script_safe_json(data) -> str:
    """JSON that cannot end the `<script>` element it is written into: `<`, `>` and `&` as `\\u` escapes (as
    Django's `json_script` writes them); JSON.parse reads the same data back."""
    return json.dumps(data).translate(_SCRIPT_SAFE)


class DemoRuntime(WorkbenchRuntime):
    """WorkbenchRuntime with the start-up data, the wrapper's data attributes and the view name escaped."""

    def _wrap_ele(self, block, view, frag, extra_data=None):
        args = getattr(frag, "json_init_args", None)
        frag.json_init_args = None  # the base class writes none; this method writes them, escaped
        try:
            wrapped = super()._wrap_ele(block, view, frag,
                                        {name: escape(value) for name, value in (extra_data or {}).items()})
        finally:
            frag.json_init_args = args
        if args is not None:
            if not wrapped.content.endswith(_END):
                raise RuntimeError(f"the XBlock runtime's wrapper no longer ends with {_END}: {wrapped.content[-80:]}")
            wrapped.content = (wrapped.content[:-len(_END)] + '<script type="json/xblock-args" '
                               f'class="xblock_json_init_args">{script_safe_json(args)}</script>{_END}')
        return wrapped

    def render(self, block, view_name, context=None):
        """WorkbenchRuntime.render, with the "No such view" message escaped (the view name is the address's)."""
        self._patch_xblock(block)
        try:
            return super(WorkbenchRuntime, self).render(block, view_name, context)
        except NoSuchViewError:
            return Fragment(f"<i>No such view: {escape(view_name)} on {escape(repr(block))}</i>")
