"""What the screenshots show, measured: every page of the demo in English and Dutch, at 320 and 1280 px.

The pages and their preparation are tests/looks.py's (the same as `make screenshots`). Each page is opened once per
language and width, and its problems are listed by check:

(a) at 320 px nothing is wider than the screen (a table scrolls in its frame, which fits);
(b) no table header breaks inside a word;
(c) every chart has bars, with plain numbers as geometry, drawn;
(d) the page is in its language: <html lang> and the blocks' lang, and none of the page's English UI strings on
    the Dutch page (each of them on the English one);
(e) axe-core finds nothing (at 320 px, the narrower and stricter case);
and what looking found as well: captions that scroll away with their table, tables that scroll on a desktop,
controls smaller than 44 px.

test_each_check_sees_a_broken_page proves every check fails where it should, on deliberately broken snippets.
"""

from pathlib import Path

import pytest

from tests import looks

from .conftest import axe_violations

CSS = Path(__file__).resolve().parents[2] / "static" / "css"


@pytest.fixture(scope="module")
def states(browser, demo_url):
    """The demo accounts logged in, and the moments that give the profiles their growth."""
    return looks.prepare(browser, demo_url)


def problems_of(page, look, lang, width):
    found = {
        "(a) wider than the screen": looks.overflow(page) if width == 320 else [],
        "(b) header split inside a word": looks.split_header_words(page),
        "(c) broken chart": looks.broken_charts(page),
        "(d) language": looks.wrong_language(page, lang, look.english),
        "caption outside its frame": looks.captions_out_of_frame(page),
        "table scrolls on a desktop": looks.scrolling_tables(page) if width == 1280 else [],
        "control under 44 px": looks.small_targets(page),
        "(e) axe": axe_violations(page) if width == 320 else [],
    }
    return {check: problems for check, problems in found.items() if problems}


@pytest.mark.parametrize("width", looks.WIDTHS)
@pytest.mark.parametrize("lang", looks.LOCALES)
@pytest.mark.parametrize("look", looks.LOOKS, ids=lambda look: look.name)
def test_the_page_looks_right(browser, demo_url, states, look, lang, width):
    page = looks.open_look(browser, demo_url, look, lang, width, states)
    try:
        assert problems_of(page, look, lang, width) == {}
    finally:
        page.context.close()


# ---- each check fails on a broken page ----

def snippet(browser, html, width=320, css=("digicomp.css",), lang="en"):
    page = browser.new_page(viewport={"width": width, "height": 600})
    styles = "".join((CSS / name).read_text(encoding="utf-8") for name in css)
    page.set_content(f'<!DOCTYPE html><html lang="{lang}"><head><title>t</title><style>{styles}</style></head>'
                     f"<body><main>{html}</main></body></html>")
    return page


TABLE = ('<div class="digicomp" style="width: 280px"><div class="dc-table-wrap" tabindex="0" role="region" '
         'aria-label="t"><table class="{cls}"><caption>Verandering per cluster van moment 1 tot moment 2</caption>'
         '<thead><tr><th scope="col">Cluster</th><th scope="col">Vaardigheden</th><th scope="col">Attitudes</th>'
         '<th scope="col">Verandering (punten)</th></tr></thead><tbody><tr><th scope="row">5 Digitale zorg</th>'
         "<td>75%</td><td>75%</td><td>+50</td></tr></tbody></table></div></div>")
CHART = ('<svg class="dc-chart" viewBox="0 0 360 60" role="img" aria-label="t">{bars}</svg>')
BAR = '<rect class="dc-bar" x="34" y="6" width="{width}" height="18"></rect><text x="40" y="20">{text}</text>'


def test_each_check_sees_a_broken_page(browser):
    # (a) a paragraph wider than the phone; a table frame that does not scroll; but a table scrolling in its frame
    page = snippet(browser, '<p style="width: 400px">too wide</p>')
    assert any("p" in problem for problem in looks.overflow(page))
    page = snippet(browser, TABLE.format(cls="dc-table").replace('style="width: 280px"', ""))
    assert looks.overflow(page) == []
    page.add_style_tag(content=".dc-table-wrap { overflow: visible; container-type: normal; }")
    assert looks.overflow(page)

    # (b) a header in a narrow column of a table without the shared style breaks 'Vaardigheden' (the blocks'
    # overflow-wrap: anywhere); the shared table style keeps it whole
    page = snippet(browser, TABLE.format(cls="").replace("280px", "200px"))
    assert any("Vaardigheden" in problem for problem in looks.split_header_words(page))
    page = snippet(browser, TABLE.format(cls="dc-table").replace("280px", "200px"))
    assert looks.split_header_words(page) == []

    # (c) a chart with a Dutch decimal comma (the bar is not drawn), a chart without bars, and a good one
    page = snippet(browser, CHART.format(bars=BAR.format(width="36,35", text="14%")))
    assert looks.broken_charts(page) == ['chart 1 shows no bar', 'chart 1: a bar\'s width is "36,35"',
                                         "chart 1: the bar of 14% has no width"]
    page = snippet(browser, CHART.format(bars=""))
    assert looks.broken_charts(page) == ["chart 1 has no bars"]
    page = snippet(browser, CHART.format(bars=BAR.format(width="36.35", text="14%") + BAR.format(width="0", text="0%")))
    assert looks.broken_charts(page) == []

    # (d) English on a Dutch page, a wrong lang, a list string missing from the English page
    page = snippet(browser, '<div class="digicomp" lang="en"><button>Submit this moment</button></div>', lang="nl")
    assert looks.wrong_language(page, "nl", ("Submit this moment", "Log in")) == [
        "lang is 'en'", "English on the Dutch page: 'Submit this moment'"]
    assert looks.wrong_language(page, "en", ("Submit this moment", "Log in")) == [
        "lang is 'nl'", "not on the English page (the list is out of date?): 'Log in'"]

    # (e) axe: an image without a text alternative, a button without a name
    page = snippet(browser, '<img src="data:,"><button></button>')
    assert {rule for rule, _ in axe_violations(page)} >= {"image-alt", "button-name"}

    # captions: kept to their frame by the shared style, not without it
    page = snippet(browser, TABLE.format(cls="dc-table"))
    assert looks.captions_out_of_frame(page) == []
    page.add_style_tag(content=".dc-table caption { position: static; max-width: none; }")
    assert looks.captions_out_of_frame(page)

    # a table that needs its scroll frame on a desktop
    page = snippet(browser, TABLE.format(cls="dc-table").replace("280px", "1000px").replace(
        "Cluster<", '<span style="display: inline-block; width: 1200px">Cluster</span><'), width=1280)
    assert looks.scrolling_tables(page)

    # controls: a small button and a bare checkbox are too small; a link in a sentence is not counted
    page = snippet(browser, '<button style="padding: 0">OK</button> <input type="checkbox" aria-label="c">'
                            '<p>Read <a href="#x">this</a> first.</p>')
    assert [problem.split(" ")[0] for problem in looks.small_targets(page)] == ["button[submit]", "input[checkbox]"]
