"""The SVG charts: geometry in viewBox units, written the same in every language (SVG reads a decimal point)."""

import re

import pytest
from django.utils import translation
from lxml import etree

from digicomp_xblock.rendering import engine
from digicomp_xblock.rendering.charts import LABEL, VALUE, WIDTH, bar_chart, growth_chart

NUMBER = re.compile(r"-?\d+(\.\d+)?")


def svg_of(chart, lang):
    figure = {"chart": chart, "chart_id": "c", "title": "Score per cluster", "description": "Bars."}
    with translation.override(lang):
        return engine.render("profile/chart.html", {"figure": figure})


def test_bars_are_as_wide_as_their_share_of_the_plot():
    chart = bar_chart([("1", "One", 0.0), ("2", "Two", 37.5), ("3", "Three", 100.0), ("4", "Four", None)], "not rated")
    plot = WIDTH - LABEL - VALUE
    widths = [row.bars[0].width for row in chart.rows]
    assert widths == [0.0, round(0.375 * plot, 2), float(plot), 0.0]
    assert [row.bars[0].text for row in chart.rows] == ["0%", "38%", "100%", "not rated"]


def test_a_growth_chart_has_two_bars_per_cluster_the_earlier_first():
    chart = growth_chart([("6", "Client data", 25.0, 75.0)], "–")
    (row,) = chart.rows
    assert [(bar.variant, bar.text) for bar in row.bars] == [("before", "25%"), ("now", "75%")]
    assert row.bars[0].y < row.bars[1].y


def test_no_value_text_lies_over_a_bar_when_a_score_fell():
    """The later, shorter bar's value is written right of the earlier, longer bar, not across it."""
    (row,) = growth_chart([("6", "Client data", 75.0, 25.0)], "–").rows
    longest = max(LABEL + bar.width for bar in row.bars)
    assert [bar.text for bar in row.bars] == ["75%", "25%"]
    assert all(bar.text_x > longest for bar in row.bars)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_coordinate_is_a_plain_number_in_every_language(lang):
    chart = growth_chart([(str(n), f"Cluster {n}", 100 * n / 7, 100 * n / 9) for n in range(1, 10)], "–")
    root = etree.fromstring(svg_of(chart, lang).encode())
    attributes = [(el.tag, name, value) for el in root.iter() for name, value in el.attrib.items()
                  if name in ("x", "y", "x1", "x2", "y1", "y2", "width", "height")]
    assert attributes and all(NUMBER.fullmatch(value) for _tag, _name, value in attributes), attributes
    assert root.get("viewBox") == f"0 0 {chart.width} {chart.height}"
    widths = [float(el.get("width")) for el in root.iter("{*}rect", "rect")]
    assert len(widths) == 18 and all(w > 0 for w in widths)
