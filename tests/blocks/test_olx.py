"""OLX of every block round-trips byte for byte: what a course exports is what it imported (Studio's export and
import, a course in git). Attributes are written in the order XBlock exports them (the mixins' fields first, then
the block's own, by name); `xblock-family` is the one XBlock adds."""

import pytest
from lxml import etree
from xblock.fields import Scope

from tests.helpers import make_block

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_scenarios")]

FAMILY = 'xblock-family="xblock.v1"'
OLX = {
    "assessment, every setting": (
        f'<digicomp_assessment {FAMILY} framework="social-work-2025" allow_not_relevant="false" '
        'display_name="Zelfevaluatie week 1" display_name_second="Self-assessment week 1" '
        'introduction="Why &amp; how:&#10;&lt;two&gt; &quot;lines&quot;" introduction_second="Waarom" max_moments="2" '
        'scale="growth-5" scope="1 2 5.2.3" second_language="en" share_answers="true" show_profile="false" '
        'weight="1"/>'),
    "assessment, a whole weight": f'<digicomp_assessment {FAMILY} weight="3"/>',
    "assessment, a weight with a fraction": f'<digicomp_assessment {FAMILY} weight="1.5"/>',
    "assessment, no weight": f'<digicomp_assessment {FAMILY} weight="0"/>',
    "assessment, defaults": f"<digicomp_assessment {FAMILY}/>",
    "framework browser": f'<digicomp_framework {FAMILY} framework="social-work-2025" display_name="Het kader"/>',
    "framework browser, defaults": f"<digicomp_framework {FAMILY}/>",
    "coverage": f'<digicomp_coverage {FAMILY} framework="social-work-2025" display_name="Wat deze cursus ontwikkelt"/>',
    "coverage, defaults": f"<digicomp_coverage {FAMILY}/>",
    "profile": f'<digicomp_profile {FAMILY} framework="social-work-2025" display_name="Jouw competenties"/>',
    "profile, defaults": f"<digicomp_profile {FAMILY}/>",
}


def exported(block) -> str:
    node = etree.Element("unused")
    block.add_xml_to_node(node)
    return etree.tostring(node, encoding="unicode")


@pytest.mark.parametrize("olx", OLX.values(), ids=OLX.keys())
def test_olx_exports_exactly_as_it_was_imported(olx):
    block = make_block(olx)
    assert exported(block) == olx
    again = make_block(exported(block))
    assert exported(again) == olx
    settings = [name for name, field in block.fields.items() if field.scope == Scope.settings]
    assert {name: getattr(again, name) for name in settings} == {name: getattr(block, name) for name in settings}


def test_a_whole_weight_is_the_number_it_was():
    block = make_block(f'<digicomp_assessment {FAMILY} weight="1"/>')
    assert block.weight == 1.0 and block.has_score
    assert 'weight="1"' in exported(block) and 'weight="1.0"' not in exported(block)
