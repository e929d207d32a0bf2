"""Workbench scenarios as XML files in `digicomp_xblock/scenarios/`."""

from __future__ import annotations

from xblock.core import XBlockMixin

from ..scenarios import scenarios_using


class ScenariosMixin(XBlockMixin):
    """`workbench_scenarios()` for the XBlock SDK: every scenario file that uses this block's tag."""

    block_tag = ""

    @classmethod
    def workbench_scenarios(cls):
        return [(s.title, s.xml) for s in scenarios_using(cls.block_tag)]
