"""Charts of the daily report, drawn with reportlab.graphics (vector, embedded fonts)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from printing.fonts import SANS, register_fonts

MAX_DAY_LABELS = 16
"""More days than this and only every n-th day is labelled on the axis."""


def _drawing(width: float, height: float) -> Drawing:
    """A drawing whose initial font is embedded (else the renderer names Helvetica)."""
    register_fonts()
    drawing = Drawing(width, height)
    # read by reportlab's StateTracker as the drawing's starting font
    drawing.initialFontName = SANS.regular  # type: ignore[attr-defined]
    return drawing


def _nice_top(value: int) -> int:
    """A round axis maximum at or above ``value`` (at least 5)."""
    if value <= 5:
        return 5
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        top = step * magnitude
        if top >= value:
            return math.ceil(top)
    return value  # pragma: no cover


def received_per_day(
    per_day: Sequence[tuple[date, int]], width: float, height: float, title: str
) -> Drawing:
    """Bar chart: dossiers received on each day of the period."""
    drawing = _drawing(width, height)
    drawing.add(
        String(width / 2, height - 12, title, fontName=SANS.bold, fontSize=9, textAnchor="middle")
    )
    chart = VerticalBarChart()
    chart.x, chart.y = 32, 30
    chart.width, chart.height = int(width - 44), int(height - 56)
    values = [count for _, count in per_day] or [0]
    chart.data = [values]
    step = max(1, math.ceil(len(per_day) / MAX_DAY_LABELS))
    chart.categoryAxis.categoryNames = [
        f"{day:%d/%m}" if i % step == 0 else "" for i, (day, _) in enumerate(per_day)
    ] or [""]
    chart.categoryAxis.labels.fontName = SANS.regular
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.angle = 45 if len(per_day) > 7 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(per_day) > 7 else "n"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _nice_top(max(values))
    chart.valueAxis.valueStep = chart.valueAxis.valueMax / 5
    chart.valueAxis.labels.fontName = SANS.regular
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = "%d"
    chart.bars[0].fillColor = colors.HexColor("#1565c0")
    chart.bars[0].strokeColor = None
    if len(per_day) <= MAX_DAY_LABELS:
        chart.barLabelFormat = "%d"
        chart.barLabels.fontName = SANS.regular
        chart.barLabels.fontSize = 6.5
        chart.barLabels.nudge = 5
    drawing.add(chart)
    return drawing


def share_pie(
    slices: Sequence[tuple[str, int, str]], width: float, height: float, title: str, empty: str
) -> Drawing:
    """Pie of (label, count, colour) with a legend; ``empty`` is written when all are 0."""
    drawing = _drawing(width, height)
    drawing.add(
        String(width / 2, height - 12, title, fontName=SANS.bold, fontSize=9, textAnchor="middle")
    )
    shown = [(label, count, colour) for label, count, colour in slices if count > 0]
    total = sum(count for _, count, _ in shown)
    if not shown:
        drawing.add(
            String(
                width / 2, height / 2, empty, fontName=SANS.regular, fontSize=8, textAnchor="middle"
            )
        )
        return drawing
    side = int(min(height - 40, width * 0.36))
    pie = Pie()
    pie.x, pie.y = 8, int((height - 20 - side) / 2)
    pie.width = pie.height = side
    pie.data = [count for _, count, _ in shown]
    pie.labels = None
    pie.simpleLabels = 1
    pie.slices.strokeColor = colors.white
    pie.slices.strokeWidth = 0.5
    for i, (_, _, colour) in enumerate(shown):
        pie.slices[i].fillColor = colors.HexColor(colour)
    drawing.add(pie)
    legend = Legend()
    legend.x, legend.y = pie.x + side + 10, pie.y + side - 4
    legend.fontName = SANS.regular
    legend.fontSize = 7
    legend.dx = legend.dy = 7
    legend.deltay = 11
    legend.alignment = "right"
    legend.columnMaximum = len(shown)
    legend.colorNamePairs = [
        (colors.HexColor(colour), f"{label}: {count} ({count * 100 / total:.0f}%)")
        for label, count, colour in shown
    ]
    drawing.add(legend)
    return drawing
