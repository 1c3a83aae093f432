"""Sổ theo dõi hồ sơ (log book, FACTS §1): landscape A4, one row per dossier of the period,
the column header repeated on every page and the page number at the foot.

*Bên giao* and *Bên nhận* are left blank: they are signed by hand when the result is handed
over.  *Ghi chú* says why a dossier did not run its normal course (refused, supplement
requested, …) or else how it stands against its appointment (trước hạn, quá hạn, …).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Paragraph, Spacer, Table, TableStyle

from app.reports.model import DossierRow
from printing.blocks import Command
from printing.model import AgencyInfo, Period
from printing.pdfdoc import PageDecorator, PageSpec, build_pdf
from printing.styles import Styles, a4_styles, bold, esc, fill
from printing.templates import FormKind, FormTemplate, TemplateSet

__all__ = ["LANDSCAPE_PAGE", "logbook_note", "render_logbook"]

LANDSCAPE_PAGE = PageSpec(
    width=A4[1], height=A4[0], left=12 * mm, right=12 * mm, top=12 * mm, bottom=16 * mm
)
# mm per column, in the order of the template's 13 columns; scaled to the frame width
COLUMN_MM = (8, 41, 36, 11, 26, 34, 19, 17, 17, 17, 13, 13, 17)
CELL_SIZE = 7.5


def logbook_note(row: DossierRow, form: FormTemplate) -> str:
    """*Ghi chú*: the status when it is out of the ordinary, else the on-time class."""
    status = form.labels.get(f"status.{row.status}")
    if status:
        return status
    return form.label(f"ontime.{row.on_time.value}")


def _date_cell(moment: datetime | None) -> str:
    return f"{moment:%d/%m/%Y}<br/>{moment:%H:%M}" if moment else ""


def _cell_styles(st: Styles) -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    lead = CELL_SIZE * 1.22
    cell = ParagraphStyle("logbook-cell", parent=st.cell, fontSize=CELL_SIZE, leading=lead)
    center = ParagraphStyle(
        "logbook-center", parent=st.cell_center, fontSize=CELL_SIZE, leading=lead
    )
    head = ParagraphStyle("logbook-head", parent=st.cell_head, fontSize=CELL_SIZE, leading=lead)
    return cell, center, head


def _table(rows: Sequence[DossierRow], form: FormTemplate, width: float, st: Styles) -> Table:
    cell, center, head = _cell_styles(st)
    data: list[list[object]] = [[Paragraph(esc(c), head) for c in form.columns]]
    for number, row in enumerate(rows, start=1):
        data.append(
            [
                Paragraph(str(number), center),
                Paragraph(esc(row.code), cell),
                Paragraph(esc(row.procedure_name), cell),
                Paragraph(str(row.sets_count), center),
                Paragraph(esc(row.holder_name), cell),
                Paragraph(esc(row.holder_address), cell),
                Paragraph(esc(row.holder_phone), cell),
                Paragraph(_date_cell(row.received_at), center),
                Paragraph(_date_cell(row.appointment_at), center),
                Paragraph(_date_cell(row.returned_at), center),
                "",
                "",
                Paragraph(esc(logbook_note(row, form)), cell),
            ]
        )
    commands: list[Command] = [
        ("FONTNAME", (0, 0), (-1, -1), st.family.regular),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if not rows:
        data.append([Paragraph(f"<i>{esc(form.label('empty'))}</i>", cell), *[""] * 12])
        commands.append(("SPAN", (0, 1), (-1, 1)))
    scale = width / sum(COLUMN_MM)
    table = Table(data, colWidths=[w * scale for w in COLUMN_MM], repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


def _agency_block(agency: AgencyInfo, form: FormTemplate, width: float, st: Styles) -> Table:
    left = [
        Paragraph(esc(agency.superior_name.upper()), st.header),
        Paragraph(bold(agency.name.upper()), st.header_bold),
        Paragraph(bold(agency.unit_name.upper()), st.header_bold),
    ]
    right = [Paragraph(f"{bold(form.number)}<br/><i>({esc(form.citation)})</i>", st.right_small)]
    table = Table([[left, right]], colWidths=[width * 0.4, width * 0.6])
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


def _footer(form: FormTemplate, period_text: str, st: Styles) -> PageDecorator:
    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        page = fill(form.label("page"), page=str(canvas.getPageNumber()))
        text = f"{esc(form.title)} — {esc(period_text)} — {page}"
        para = Paragraph(text, st.small_center)
        _, height = para.wrap(doc.width, doc.bottomMargin)
        canvas.saveState()
        para.drawOn(canvas, doc.leftMargin, doc.bottomMargin - 5 * mm - height)
        canvas.restoreState()

    return draw


def render_logbook(
    rows: Sequence[DossierRow], period: Period, template_set: TemplateSet, agency: AgencyInfo
) -> bytes:
    """Sổ theo dõi hồ sơ of ``period`` (landscape A4), rows in the order given."""
    form = template_set.form(FormKind.logbook)
    st = a4_styles()
    width = LANDSCAPE_PAGE.frame_width
    period_text = form.label("period").format(
        start=f"{period.start:%d/%m/%Y}", end=f"{period.end:%d/%m/%Y}"
    )
    story: list[Flowable] = [
        _agency_block(agency, form, width, st),
        Paragraph(esc(form.title.upper()), st.title),
        Paragraph(f"<i>{esc(period_text)}</i>", st.center),
        Spacer(1, 4 * mm),
        _table(rows, form, width, st),
        Spacer(1, 2 * mm),
        Paragraph(fill(form.label("count"), count=bold(str(len(rows)))), st.body),
    ]
    return build_pdf(
        story,
        LANDSCAPE_PAGE,
        font=st.family.regular,
        title=f"{form.title} - {period_text}",
        author=agency.name,
        subject=period_text,
        on_page=_footer(form, period_text, st),
    )
