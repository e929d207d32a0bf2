"""What the XSS tests put in the demo: the payloads, and scenarios of them written in OLX.

The OLX (course, section and unit titles, display names, introductions and the OLX `name` of every block, one
payload each) is parsed by the demo server test_xss.py starts with `tests.browser.xss_settings`: the middleware
below registers it next to the demo's own scenarios. Nothing of this is part of the demo or the product.
"""

from __future__ import annotations

import threading

from django.utils.text import slugify
from lxml import etree

#: Scripts set `window.__pwned` or open a dialog; the detector of test_xss.py watches both.
PAYLOADS = (
    "<script>window.__pwned=1</script>",
    '"><img src=x onerror="window.__pwned=1">',
    "'><img src=x onerror='window.__pwned=1'>",
    "</script><img src=x onerror=window.__pwned=1>",
    "</textarea></title><img src=x onerror=window.__pwned=1>",
    "<svg onload=window.__pwned=1>",
    "<svg><script>window.__pwned=1</script></svg>",
    "<iframe srcdoc=\"<script>parent.__pwned=1</script>\"></iframe>",
    "javascript:window.__pwned=1",
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">link</a>',
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "'-alert(1)-'",
    "\\'-alert(1)//",
    "\u2028\u2029<!--<script>",
    "{{7*7}}",
    "${7*7}",
)
#: Every payload in one text (one paragraph each where paragraphs are made of blank lines).
ALL = "\n\n".join(PAYLOADS)
#: At most 255 characters (a display name): the ones that break out of HTML, attributes and scripts.
SHORT = " ".join(PAYLOADS[i] for i in (3, 2, 4, 12, 13, 16, 17))

#: The OLX course: its title, and its key (the workbench's course key is the slug of the title).
COURSE_TITLE = "XSS course </title></script><img src=x onerror=window.__pwned=1> {{7*7}}"
COURSE = slugify(COURSE_TITLE)
BLOCKS_TITLE = "XSS blocks " + PAYLOADS[1]
#: The unit of the combined title comes first, so that it is among the units the profile suggests.
UNITS = (SHORT, *PAYLOADS)


def _assessment(parent, text, **attrs):
    return etree.SubElement(parent, "digicomp_assessment", display_name=text[:255], introduction=text, name=text,
                            scope="5.1.1", **attrs)


def course_olx() -> str:
    """One section per payload (and one for the combined title), its unit holding some content and a
    self-assessment of one statement; then a section of units with a profile, a coverage map and a framework browser."""
    root = etree.Element("vertical_demo", display_name=COURSE_TITLE)
    for n, text in enumerate(UNITS):
        section = etree.SubElement(root, "digicomp_demo_container", level="2", display_name=text)
        unit = etree.SubElement(section, "digicomp_demo_container", level="3", display_name=text)
        content = etree.SubElement(unit, "html_demo")  # a unit of course content (the tag picker's), then ours
        etree.SubElement(content, "p").text = "Unit content."
        _assessment(unit, text, max_moments="3" if n == 0 else "1")
    tools = etree.SubElement(root, "digicomp_demo_container", level="2", display_name=ALL)
    for kind in ("digicomp_profile", "digicomp_coverage", "digicomp_framework"):
        unit = etree.SubElement(tools, "digicomp_demo_container", level="3", display_name=SHORT)
        etree.SubElement(unit, kind, display_name=SHORT, name=SHORT)
    return etree.tostring(root, encoding="unicode")


def blocks_olx() -> str:
    """The blocks without containers, so that the workbench's studio_view shows every editor (the demo's
    container has none)."""
    root = etree.Element("vertical_demo", display_name=BLOCKS_TITLE)
    for text in UNITS:
        _assessment(root, text)
    for kind in ("digicomp_profile", "digicomp_coverage", "digicomp_framework"):
        etree.SubElement(root, kind, display_name=SHORT, name=SHORT)
    return etree.tostring(root, encoding="unicode")


#: Scenario name: (title, OLX).
SCENARIOS = {"xss-course": (COURSE_TITLE, course_olx()), "xss-blocks": (BLOCKS_TITLE, blocks_olx())}


_LOCK = threading.Lock()


class PayloadScenario:
    """Registers the OLX scenarios after the demo's (runserver answers requests in threads)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from workbench import scenarios

        with _LOCK:
            for name, (title, olx) in SCENARIOS.items():
                if name not in scenarios.SCENARIOS:
                    scenarios.add_xml_scenario(name, title, olx)
        return self.get_response(request)
