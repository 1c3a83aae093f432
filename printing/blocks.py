"""Building blocks shared by the A4 forms: header, applicant lines, tables, signatures."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    HRFlowable,
    Image,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from printing.model import AgencyInfo, Applicant, ComponentLine, PaperForm
from printing.pdfdoc import PageDecorator
from printing.qr import qr_png
from printing.styles import Styles, bold, esc, fill
from printing.templates import FormTemplate, TemplateSet

# Which count column (index into the template's columns) a paper form goes to.
FORM_COLUMN = {PaperForm.original: 2, PaperForm.certified_copy: 3, PaperForm.copy: 4}
GRID = 0.5
Command = tuple[Any, ...]  # a TableStyle command
QR_SIDE = 30 * mm


def _table(
    rows: Sequence[Sequence[object]],
    col_widths: Sequence[float],
    st: Styles,
    commands: Sequence[Command],
    repeat_rows: int = 0,
) -> Table:
    """A Table whose plain-string cells use the embedded font, not platypus' Helvetica."""
    table = Table([list(r) for r in rows], colWidths=list(col_widths), repeatRows=repeat_rows)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), st.family.regular), *commands]))
    return table


_NO_PADDING: list[Command] = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
]


def _rule(text: str, font: str, size: float, fraction: float) -> HRFlowable:
    """A short centred line under a header block, as long as a fraction of ``text``."""
    width = stringWidth(text, font, size) * fraction
    return HRFlowable(
        width=width,
        thickness=0.6,
        color=colors.black,
        spaceBefore=2,
        spaceAfter=4,
        hAlign="CENTER",
    )


def form_number_line(form: FormTemplate, st: Styles) -> Paragraph:
    return Paragraph(f"{bold(form.number)}<br/><i>({esc(form.citation)})</i>", st.right_small)


def header(
    agency: AgencyInfo,
    tset: TemplateSet,
    form: FormTemplate,
    *,
    number: str | None,
    place_date: str,
    width: float,
    st: Styles,
) -> Table:
    """Agency on the left (with *Số*), national motto and place/date on the right."""
    head = st.header_bold
    left: list[Flowable] = [
        Paragraph(esc(agency.superior_name.upper()), st.header),
        Paragraph(bold(agency.name.upper()), head),
        Paragraph(bold(agency.unit_name.upper()), head),
        _rule(agency.unit_name.upper(), head.fontName, head.fontSize, 0.4),
        Paragraph(f"{esc(form.label('number'))} {esc(number or form.label('blank'))}", st.header),
    ]
    motto1, motto2 = tset.motto
    right: list[Flowable] = [
        Paragraph(bold(motto1), head),
        Paragraph(bold(motto2), head),
        _rule(motto2, head.fontName, head.fontSize, 1.0),
        Paragraph(esc(place_date), st.header_italic),
    ]
    return _table(
        [[left, right]],
        [width * 0.43, width * 0.57],
        st,
        [*_NO_PADDING, ("ALIGN", (0, 0), (-1, -1), "CENTER")],
    )


def title(form: FormTemplate, st: Styles) -> Paragraph:
    return Paragraph(esc(form.title.upper()), st.title)


def labelled(label: str, value: str | None, form: FormTemplate, st: Styles) -> Paragraph:
    """``Label: value`` with the value in bold (a blank line when unknown)."""
    shown = bold(value) if value else esc(form.label("blank"))
    return Paragraph(f"{esc(label)} {shown}", st.body)


def applicant_lines(
    applicant: Applicant, applicant_label: str, form: FormTemplate, st: Styles
) -> list[Flowable]:
    return [
        labelled(applicant_label, applicant.full_name, form, st),
        labelled(form.label("id_number"), applicant.id_number, form, st),
        labelled(form.label("address"), applicant.address, form, st),
        labelled(form.label("phone"), applicant.phone, form, st),
        labelled(form.label("email"), applicant.email, form, st),
    ]


def qr_image(text: str, side: float = QR_SIDE) -> Image:
    return Image(io.BytesIO(qr_png(text)), width=side, height=side)


def beside_qr(
    left: Sequence[Flowable], qr_text: str, caption: str, width: float, st: Styles
) -> Table:
    """Flowables on the left, the QR code with a caption on the right."""
    qr_col = QR_SIDE + 8 * mm
    return _table(
        [[list(left), [qr_image(qr_text), Paragraph(esc(caption), st.small_center)]]],
        [width - qr_col, qr_col],
        st,
        [*_NO_PADDING, ("ALIGN", (1, 0), (1, 0), "CENTER")],
    )


def component_name_cell(
    line: ComponentLine, reused_label: str | None, st: Styles
) -> list[Flowable]:
    cell: list[Flowable] = [Paragraph(esc(line.name), st.cell)]
    if line.reused_from_vault and reused_label:
        cell.append(Paragraph(f"<i>({esc(reused_label)})</i>", st.cell_note))
    if line.note:
        cell.append(Paragraph(f"<i>{esc(line.note)}</i>", st.cell_note))
    return cell


def _count_cells(line: ComponentLine, st: Styles) -> list[Paragraph | str]:
    cells: list[Paragraph | str] = ["", "", ""]
    if line.quantity > 0:
        cells[FORM_COLUMN[line.form] - 2] = Paragraph(str(line.quantity), st.cell_center)
    return cells


def _table_style(header_rows: int) -> list[Command]:
    return [
        ("GRID", (0, 0), (-1, -1), GRID, colors.black),
        ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
        ("VALIGN", (0, header_rows), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]


def _col_widths(width: float) -> list[float]:
    count = 23 * mm
    tt = 10 * mm
    return [tt, width - tt - 3 * count, count, count, count]


def components_table(
    lines: Sequence[ComponentLine], form: FormTemplate, width: float, st: Styles
) -> Table:
    """*TT | Tên giấy tờ | Bản chính | Bản sao (có chứng thực) | Bản sao/chụp*."""
    head = [Paragraph(esc(c), st.cell_head) for c in form.columns]
    rows: list[list[object]] = [list(head)]
    reused = form.label("reused")
    for i, line in enumerate(lines, start=1):
        rows.append(
            [
                Paragraph(str(i), st.cell_center),
                component_name_cell(line, reused, st),
                *_count_cells(line, st),
            ]
        )
    return _table(rows, _col_widths(width), st, _table_style(1), repeat_rows=1)


def quantity_table(
    lines: Sequence[ComponentLine], form: FormTemplate, width: float, st: Styles
) -> Table:
    """*TT | Thành phần hồ sơ | Số lượng (bản chính / bản chứng thực / bản photo)*."""
    c = form.columns
    quantity = form.label("quantity_header")
    head = [Paragraph(esc(c[0]), st.cell_head), Paragraph(esc(c[1]), st.cell_head)]
    rows: list[list[object]] = [
        [*head, Paragraph(esc(quantity), st.cell_head), "", ""],
        ["", "", *(Paragraph(esc(h), st.cell_head) for h in c[2:])],
    ]
    for i, line in enumerate(lines, start=1):
        rows.append(
            [
                Paragraph(str(i), st.cell_center),
                component_name_cell(line, None, st),
                *_count_cells(line, st),
            ]
        )
    spans: list[Command] = [
        ("SPAN", (0, 0), (0, 1)),
        ("SPAN", (1, 0), (1, 1)),
        ("SPAN", (2, 0), (4, 0)),
    ]
    return _table(rows, _col_widths(width), st, _table_style(2) + spans, repeat_rows=2)


def signatures(
    left: tuple[str, str] | None,
    right: tuple[str, str],
    hint: str,
    width: float,
    st: Styles,
) -> Table:
    """Signature blocks: (role, name) pairs, role in bold capitals and the name below."""

    def block(role: str, name: str) -> list[Flowable]:
        return [
            Paragraph(bold(role), st.center_bold),
            Paragraph(f"<i>{esc(hint)}</i>", st.center_italic),
            Spacer(1, 24 * mm),
            Paragraph(bold(name), st.center_bold),
        ]

    cells: list[object] = [block(*left) if left else "", block(*right)]
    return _table(
        [cells], [width / 2, width / 2], st, [*_NO_PADDING, ("TOPPADDING", (0, 0), (-1, -1), 8)]
    )


def footer(agency: AgencyInfo, form: FormTemplate, code: str | None, st: Styles) -> PageDecorator:
    """Hotline and address at the foot of every page; page number from page 2 on."""
    parts = []
    if agency.hotline:
        parts.append(f"{esc(form.label('hotline'))} {bold(agency.hotline)}")
    if agency.address:
        parts.append(f"{esc(form.label('address'))} {esc(agency.address)}")
    first = " &nbsp;·&nbsp; ".join(parts)

    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        page = canvas.getPageNumber()
        text = first
        if page > 1:
            tail = f"{esc(form.label('dossier_code'))} {esc(code)} — " if code else ""
            number = fill(form.label("page"), page=str(page))
            text = f"{first}<br/>{tail}{number}" if first else f"{tail}{number}"
        if not text:
            return
        para = Paragraph(text, st.small_center)
        width = doc.width
        _, height = para.wrap(width, doc.bottomMargin)
        canvas.saveState()
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(0.4)
        top = doc.bottomMargin - 4 * mm
        canvas.line(doc.leftMargin, top, doc.leftMargin + width, top)
        para.drawOn(canvas, doc.leftMargin, top - 1.5 * mm - height)
        canvas.restoreState()

    return draw
