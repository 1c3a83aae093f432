"""The supervisor's daily report as a PDF: the dashboard's figures as a table, two charts
(received per day, on-time shares), the per-counter and per-officer tables and the list of
the day's dossiers.  An internal document, not a legal form: its wording is in
:mod:`app.reports.labels`; a template set, when given, only adds the national motto."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.reports import labels as L
from app.reports.model import Breakdown, DashboardFigures, DossierRow, Figure, Rating
from printing.blocks import Command
from printing.charts import received_per_day, share_pie
from printing.forms import A4_PAGE
from printing.model import AgencyInfo
from printing.pdfdoc import PageDecorator, build_pdf
from printing.styles import Styles, a4_styles, bold, esc
from printing.templates import TemplateSet
from printing.vndate import format_place_date

__all__ = ["render_daily_report"]

HEAD_BG = colors.HexColor("#e8eef7")
ROW_COLUMNS = (
    "STT",
    "Mã hồ sơ",
    "Thủ tục",
    "Chủ hồ sơ",
    "Quầy",
    "Tiếp nhận",
    "Hẹn trả",
    "Tình trạng",
)
ROW_SHARES = (0.05, 0.245, 0.19, 0.14, 0.06, 0.105, 0.105, 0.105)


def _grid(header_bg: bool = True) -> list[Command]:
    commands: list[Command] = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_bg:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), HEAD_BG))
    return commands


def _table(
    rows: list[list[object]], widths: Sequence[float], st: Styles, *, head: bool = True
) -> Table:
    table = Table(rows, colWidths=list(widths), repeatRows=1 if head else 0)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), st.family.regular), *_grid(head)]))
    return table


def _header(
    agency: AgencyInfo,
    figures: DashboardFigures,
    tset: TemplateSet | None,
    width: float,
    st: Styles,
) -> Table:
    left: list[Flowable] = [
        Paragraph(esc(agency.superior_name.upper()), st.header),
        Paragraph(bold(agency.name.upper()), st.header_bold),
        Paragraph(bold(agency.unit_name.upper()), st.header_bold),
    ]
    right: list[Flowable] = []
    if tset is not None:
        right += [
            Paragraph(bold(tset.motto[0]), st.header_bold),
            Paragraph(bold(tset.motto[1]), st.header_bold),
        ]
    pattern = "{place}, ngày {day} tháng {month} năm {year}"
    right.append(
        Paragraph(
            esc(format_place_date(agency.place, figures.computed_at, pattern)), st.header_italic
        )
    )
    table = Table([[left, right]], colWidths=[width * 0.43, width * 0.57])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), st.family.regular),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _summary(figures: DashboardFigures, width: float, st: Styles) -> Table:
    """Every figure, rate and satisfaction count, as label | value pairs in two columns."""
    satisfied = sum(figures.satisfaction.values())
    pairs: list[tuple[str, str]] = [
        (L.FIGURE_LABELS[f], str(figures.counts.get(f, 0))) for f in Figure
    ]
    pairs += [
        ("Tỷ lệ tái sử dụng giấy tờ", L.percent(figures.reuse_rate)),
        ("Tỷ lệ số hóa thành phần hồ sơ", L.percent(figures.digitization_rate)),
        ("Thời gian tiếp nhận (trung vị)", L.duration(figures.median_handling_s)),
        ("Thời gian tiếp nhận (90%)", L.duration(figures.p90_handling_s)),
    ]
    pairs += [(L.RATING_LABELS[r], str(figures.satisfaction.get(r, 0))) for r in L.RATING_LABELS]
    if satisfied:
        happy = satisfied - figures.satisfaction.get(Rating.UNSATISFIED, 0)
        pairs.append(("Tỷ lệ hài lòng", L.percent(happy / satisfied)))
    half = (len(pairs) + 1) // 2
    left, right = pairs[:half], pairs[half:] + [("", "")] * (2 * half - len(pairs))
    cell, num = st.cell, st.cell_center
    rows: list[list[object]] = [
        [
            Paragraph(esc(a), cell),
            Paragraph(bold(b), num),
            Paragraph(esc(c), cell),
            Paragraph(bold(d), num),
        ]
        for (a, b), (c, d) in zip(left, right, strict=True)
    ]
    label_w, value_w = width * 0.29, width * 0.21
    return _table(rows, [label_w, value_w, label_w, value_w], st, head=False)


def _charts(figures: DashboardFigures, width: float, st: Styles) -> Table:
    half = width / 2
    bars = received_per_day(figures.per_day, half - 4, 62 * mm, "Hồ sơ tiếp nhận theo ngày")
    pie = share_pie(
        [(L.FIGURE_LABELS[f], figures.counts.get(f, 0), colour) for f, colour in L.PIE_CLASSES],
        half - 4,
        62 * mm,
        "Tình trạng giải quyết so với hẹn trả",
        "Chưa có hồ sơ",
    )
    table = Table([[bars, pie]], colWidths=[half, half])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), st.family.regular),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (0, 0), 0.4, colors.grey),
                ("BOX", (1, 0), (1, 0), 0.4, colors.grey),
            ]
        )
    )
    return table


def _breakdown(items: Sequence[Breakdown], width: float, st: Styles) -> Table:
    rows: list[list[object]] = [[Paragraph(esc(h), st.cell_head) for h in L.BREAKDOWN_HEADERS]]
    for b in items:
        rows.append(
            [
                Paragraph(esc(b.key), st.cell),
                Paragraph(esc(b.label), st.cell),
                Paragraph(str(b.received), st.cell_center),
                Paragraph(str(b.accepted), st.cell_center),
                Paragraph(str(b.late), st.cell_center),
                Paragraph(esc(L.duration(b.median_handling_s)), st.cell_center),
            ]
        )
    if not items:
        rows.append([Paragraph("<i>Không có số liệu.</i>", st.cell), "", "", "", "", ""])
    shares = (0.13, 0.3, 0.11, 0.12, 0.1, 0.24)
    table = _table(rows, [width * s for s in shares], st)
    if not items:
        table.setStyle(TableStyle([("SPAN", (0, 1), (-1, 1))]))
    return table


def _dossiers(rows: Sequence[DossierRow], width: float, st: Styles) -> Table:
    small = ParagraphStyle("daily-small", parent=st.cell, fontSize=7.5, leading=9.2)
    center = ParagraphStyle("daily-small-c", parent=st.cell_center, fontSize=7.5, leading=9.2)
    head = ParagraphStyle("daily-head", parent=st.cell_head, fontSize=7.5, leading=9.2)
    data: list[list[object]] = [[Paragraph(esc(c), head) for c in ROW_COLUMNS]]
    for number, row in enumerate(rows, start=1):
        data.append(
            [
                Paragraph(str(number), center),
                Paragraph(esc(row.code), small),
                Paragraph(esc(row.procedure_name), small),
                Paragraph(esc(row.holder_name), small),
                Paragraph(esc(row.counter_code), center),
                Paragraph(esc(L.short_datetime(row.received_at)), center),
                Paragraph(esc(L.short_datetime(row.appointment_at)), center),
                Paragraph(esc(L.row_state(row)), center),
            ]
        )
    if not rows:
        data.append([Paragraph("<i>Không có hồ sơ.</i>", small), *[""] * 7])
    table = _table(data, [width * s for s in ROW_SHARES], st)
    if not rows:
        table.setStyle(TableStyle([("SPAN", (0, 1), (-1, 1))]))
    return table


def render_daily_report(
    figures: DashboardFigures,
    rows: Sequence[DossierRow],
    agency: AgencyInfo,
    template_set: TemplateSet | None = None,
) -> bytes:
    """Báo cáo tình hình tiếp nhận và giải quyết hồ sơ of ``figures.filter`` (A4 portrait)."""
    st = a4_styles()
    width = A4_PAGE.frame_width
    flt = figures.filter
    scope = L.period_text(flt.start, flt.end)
    narrowing = [
        f"Quầy: {flt.counter_code}" if flt.counter_code else "",
        f"Cán bộ: {flt.officer_username}" if flt.officer_username else "",
        f"Thủ tục: {flt.procedure_code}" if flt.procedure_code else "",
    ]
    subtitle = " — ".join(part for part in (scope, *narrowing) if part)
    section = ParagraphStyle("daily-section", parent=st.body, keepWithNext=1)
    story: list[Flowable] = [
        _header(agency, figures, template_set, width, st),
        Paragraph(esc(L.DAILY_REPORT_TITLE.upper()), st.title),
        Paragraph(f"<i>{esc(subtitle)}</i>", st.center),
        Paragraph(f"<i>Số liệu tính lúc {figures.computed_at:%H:%M %d/%m/%Y}</i>", st.small_center),
        Spacer(1, 4 * mm),
        Paragraph(bold("1. Số liệu tổng hợp"), section),
        _summary(figures, width, st),
        Spacer(1, 4 * mm),
        KeepTogether([Paragraph(bold("2. Biểu đồ"), section), _charts(figures, width, st)]),
        Spacer(1, 4 * mm),
        Paragraph(bold("3. Theo quầy"), section),
        _breakdown(figures.by_counter, width, st),
        Spacer(1, 4 * mm),
        Paragraph(bold("4. Theo cán bộ tiếp nhận"), section),
        _breakdown(figures.by_officer, width, st),
        Spacer(1, 4 * mm),
        Paragraph(bold(f"5. Danh sách hồ sơ ({len(rows)})"), section),
        _dossiers(rows, width, st),
    ]
    return build_pdf(
        story,
        A4_PAGE,
        font=st.family.regular,
        title=f"{L.DAILY_REPORT_TITLE} - {scope}",
        author=agency.name,
        subject=subtitle,
        on_page=_page_number(st),
    )


def _page_number(st: Styles) -> PageDecorator:
    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        para = Paragraph(f"Trang {canvas.getPageNumber()}", st.small_center)
        _, height = para.wrap(doc.width, doc.bottomMargin)
        para.drawOn(canvas, doc.leftMargin, doc.bottomMargin - 6 * mm - height)

    return draw
