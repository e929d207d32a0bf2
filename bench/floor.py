"""The floor of `make bench`: an XBlock that renders nothing and answers JSON without doing anything.

Whatever it costs is the workbench runtime's own share (block construction, field access, fragment wrapping,
request decoding); our block is measured against it. `bench/run.py` registers it as `bench_floor` for the run.
"""

from web_fragments.fragment import Fragment
from xblock.core import XBlock
from xblock.fields import Dict, Scope


class FloorXBlock(XBlock):
    """A bare block: an empty student_view and two trivial JSON handlers."""

    ratings = Dict(default={}, scope=Scope.user_state)

    def student_view(self, context=None):
        return Fragment("")

    @XBlock.json_handler
    def echo(self, data, suffix=""):
        """Decode the body and say how many ratings it holds: the trivial handler."""
        return {"received": len(data.get("ratings", {}))}

    @XBlock.json_handler
    def store(self, data, suffix=""):
        """Keep the ratings in a user_state field, unchecked: the least a real save must do."""
        self.ratings = data.get("ratings", {})
        return {"stored": len(self.ratings)}
