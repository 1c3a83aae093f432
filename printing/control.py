"""Phiếu kiểm soát quá trình giải quyết hồ sơ (FACTS §1): the sheet that travels with a dossier,
one row per hand-off (giver → receiver), with the outcome against the appointment."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from printing import blocks
from printing.blocks import Command
from printing.forms import A4_PAGE
from printing.model import ControlData, HandOff
from printing.pdfdoc import build_pdf
from printing.styles import Styles, a4_styles, bold, esc, fill
from printing.templates import FormKind, FormTemplate, TemplateSet
from printing.vndate import format_datetime, format_place_date

__all__ = ["render_control"]

COLUMN_SHARES = (0.36, 0.26, 0.20, 0.18)


def render_control(data: ControlData, template_set: TemplateSet) -> bytes:
    """Phiếu kiểm soát quá trình giải quyết hồ sơ (A4)."""
    form = template_set.form(FormKind.control)
    st = a4_styles()
    width = A4_PAGE.frame_width
    label = form.label
    when = label("datetime")
    appointment = (
        bold(format_datetime(data.appointment_at, when))
        if data.appointment_at
        else esc(label("appointment_none"))
    )
    returned = (
        bold(format_datetime(data.returned_at, when))
        if data.returned_at
        else esc(label("returned_none"))
    )
    story: list[Flowable] = [
        blocks.form_number_line(form, st),
        blocks.header(
            data.agency,
            template_set,
            form,
            number=None,
            place_date=format_place_date(data.agency.place, data.issued_at, label("place_date")),
            width=width,
            st=st,
        ),
        blocks.title(form, st),
        Paragraph(f"<i>{esc(label('attached'))}</i>", st.center),
        Paragraph(f"{esc(label('dossier_code'))} {bold(data.dossier_code)}", st.center),
        Spacer(1, 3 * mm),
        Paragraph(f"{esc(label('request'))} {bold(data.procedure_name)}", st.body),
        blocks.labelled(label("applicant"), data.applicant_name, form, st),
        Paragraph(
            fill(label("received_at"), when=bold(format_datetime(data.received_at, when))),
            st.body,
        ),
        Paragraph(fill(label("appointment_at"), when=appointment), st.body),
        Paragraph(fill(label("returned_at"), when=returned), st.body),
        Paragraph(fill(label("handling_agency"), name=bold(data.handling_agency)), st.body),
    ]
    if data.coordinating_agency:
        story.append(
            Paragraph(fill(label("coordinating"), name=bold(data.coordinating_agency)), st.body)
        )
    story += [Spacer(1, 2 * mm), _hand_off_table(data.hand_offs, form, width, st)]
    return build_pdf(
        story,
        A4_PAGE,
        font=st.family.regular,
        title=f"{form.title} - {data.dossier_code}",
        author=data.agency.name,
        subject=data.procedure_name,
        on_page=blocks.footer(data.agency, form, data.dossier_code, st),
    )


def _row(hand_off: HandOff, form: FormTemplate, st: Styles) -> list[object]:
    label = form.label
    result = label(f"ontime.{hand_off.result.value}") if hand_off.result else ""
    return [
        [
            Paragraph(fill(label("giver"), name=bold(hand_off.giver)), st.cell),
            Paragraph(fill(label("receiver"), name=bold(hand_off.receiver)), st.cell),
        ],
        Paragraph(esc(format_datetime(hand_off.at, label("datetime"))), st.cell),
        Paragraph(esc(result), st.cell_center),
        Paragraph(esc(hand_off.note), st.cell),
    ]


def _hand_off_table(
    hand_offs: tuple[HandOff, ...], form: FormTemplate, width: float, st: Styles
) -> Table:
    """*Tên cơ quan | Thời gian giao, nhận hồ sơ | Kết quả | Ghi chú*, one row per hand-off."""
    rows: list[list[object]] = [[Paragraph(esc(c), st.cell_head) for c in form.columns]]
    commands: list[Command] = [
        ("FONTNAME", (0, 0), (-1, -1), st.family.regular),
        ("GRID", (0, 0), (-1, -1), blocks.GRID, colors.black),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    rows += [_row(h, form, st) for h in hand_offs]
    if not hand_offs:
        rows.append([Paragraph(f"<i>{esc(form.label('empty'))}</i>", st.cell), "", "", ""])
        commands.append(("SPAN", (0, 1), (-1, 1)))
    table = Table(rows, colWidths=[width * s for s in COLUMN_SHARES], repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table
