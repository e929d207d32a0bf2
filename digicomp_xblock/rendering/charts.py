"""Geometry of the profile charts (horizontal bars), drawn as SVG by the templates.

Values are percentages (0-100) or None; each bar carries its value as text, so colour never carries meaning alone.
Coordinates are in viewBox units, rounded to hundredths; templates write them unlocalised (`{% localize off %}`),
since SVG reads a decimal point only.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 360  # viewBox units; the SVG scales to its container
LABEL = 34  # room for the cluster number on the left
VALUE = 56  # room for the value text on the right
GAP = 8  # between rows
BAR = 28  # a row's bar, or its two bars (earlier, later) with a unit between them
SINGLE = 20  # a row's bar when it has one
PAD = 6


@dataclass(frozen=True)
class Bar:
    y: float
    height: float
    width: float
    text: str
    text_x: float
    text_y: float
    variant: str  # "now" or "before"


@dataclass(frozen=True)
class Row:
    label: str
    title: str
    y: float  # baseline of the label
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    plot_x: int
    plot_width: int
    rows: tuple[Row, ...]
    gridlines: tuple[tuple[float, str], ...]  # (x, label) at 0, 50, 100 %
    grid_bottom: float
    axis_y: float


def _width(value, plot_width) -> float:
    return 0.0 if value is None else round(max(0.0, min(100.0, value)) * plot_width / 100, 2)


def bar_chart(rows, empty_text: str) -> Chart:
    """rows: (label, title, value) -> one bar per row."""
    return _chart([(label, title, (value,)) for label, title, value in rows], empty_text)


def growth_chart(rows, empty_text: str) -> Chart:
    """rows: (label, title, before, after) -> two thinner bars per row, the earlier moment first."""
    return _chart([(label, title, (before, after)) for label, title, before, after in rows], empty_text)


def _chart(rows, empty_text) -> Chart:
    plot_width = WIDTH - LABEL - VALUE
    out, y = [], PAD
    for label, title, values in rows:
        block = BAR if len(values) > 1 else SINGLE
        height = (BAR - 1) / 2 if len(values) > 1 else SINGLE
        variants = ("before", "now") if len(values) > 1 else ("now",)
        text_x = LABEL + max(_width(value, plot_width) for value in values) + 4  # no value text over a bar
        bars = tuple(
            Bar(round(y + i * (height + 1), 2), round(height, 2), _width(value, plot_width),
                empty_text if value is None else f"{round(value)}%", round(text_x, 2),
                round(y + i * (height + 1) + height * 0.8, 2), variant)
            for i, (value, variant) in enumerate(zip(values, variants, strict=False))
        )
        out.append(Row(label, title, y + block * 0.7, bars))
        y += block + GAP
    grid = tuple((LABEL + plot_width * p / 100, f"{p}%") for p in (0, 50, 100))
    return Chart(WIDTH, int(y + PAD + 20), LABEL, plot_width, tuple(out), grid, y + PAD, y + PAD + 15)


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    share: int  # whole percent
    variant: str  # the class of its level's colour
    text: str  # the share, where the segment is wide enough for it
    text_x: float


@dataclass(frozen=True)
class StackedRow:
    label: str
    title: str
    y: float  # baseline of the label
    bar_y: float
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class StackedChart:
    width: int
    height: int
    plot_x: int
    plot_width: int
    bar_height: int
    rows: tuple[StackedRow, ...]


def stacked_chart(rows) -> StackedChart:
    """rows: (label, title, [(share in whole percents, variant)]) -> one bar per row, split into its shares."""
    plot_width = WIDTH - LABEL - PAD
    out, y = [], PAD
    for label, title, shares in rows:
        x, segments = float(LABEL), []
        total = sum(share for share, _variant in shares) or 1
        for share, variant in shares:
            width = round(plot_width * share / total, 2)
            segments.append(Segment(round(x, 2), width, share, variant, f"{share}%" if share >= 8 else "",
                                    round(x + 2, 2)))
            x += width
        out.append(StackedRow(label, title, y + BAR * 0.75, y, tuple(segments)))
        y += BAR + GAP
    return StackedChart(WIDTH, int(y + PAD), LABEL, plot_width, BAR, tuple(out))
