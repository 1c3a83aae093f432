"""The receipt on an 80 mm thermal roll (72 mm printable): the essentials only.

The page is exactly as long as its content, so the printer cuts right after it.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Spacer

from printing import blocks
from printing.model import ComponentLine, ReceiptData
from printing.pdfdoc import PageSpec, build_pdf
from printing.qr import receipt_qr_text
from printing.styles import Styles, bold, esc, thermal_styles
from printing.templates import FormKind, FormTemplate, TemplateSet
from printing.vndate import format_datetime

ROLL_WIDTH = 80 * mm
PRINTABLE_WIDTH = 72 * mm
SIDE_MARGIN = (ROLL_WIDTH - PRINTABLE_WIDTH) / 2
END_MARGIN = 4 * mm
QR_SIDE = 34 * mm
MIN_TITLE_SIZE = 7.5  # points; below that a title wraps instead of shrinking


def _component(i: int, line: ComponentLine, form: FormTemplate, st: Styles) -> Paragraph:
    text = f"{i}. {esc(line.name)}"
    if line.quantity > 0:
        column = form.columns[blocks.FORM_COLUMN[line.form]]
        text += f" ({esc(column)}: {line.quantity})"
    if line.reused_from_vault:
        text += f" — {esc(form.label('reused'))}"
    return Paragraph(text, st.hanging)


def _title(text: str, st: Styles) -> Paragraph:
    """The form title on one line if it fits at a still legible size, else wrapped."""
    style = st.center_bold
    natural = stringWidth(text, style.fontName, style.fontSize)
    size = style.fontSize * PRINTABLE_WIDTH / natural if natural else style.fontSize
    if MIN_TITLE_SIZE <= size < style.fontSize:
        style = ParagraphStyle(
            "thermal-title-fit", parent=style, fontSize=size * 0.98, leading=style.leading
        )
    return Paragraph(esc(text), style)


def _rule() -> HRFlowable:
    return HRFlowable(width="100%", thickness=0.5, color=colors.black, spaceBefore=2, spaceAfter=3)


def _story(data: ReceiptData, form: FormTemplate, st: Styles) -> list[Flowable]:
    label = form.label
    when = label("datetime")
    appointment = (
        format_datetime(data.appointment_at, when)
        if data.appointment_at
        else label("appointment_none")
    )
    qr = blocks.qr_image(receipt_qr_text(data.dossier_code, data.lookup_url), QR_SIDE)
    qr.hAlign = "CENTER"
    story: list[Flowable] = [
        Paragraph(bold(data.agency.name.upper()), st.center_bold),
        Paragraph(esc(data.agency.unit_name.upper()), st.center),
        _rule(),
        _title(form.title.upper(), st),
        Paragraph(esc(form.number), st.small_center),
        qr,
        Paragraph(f"{esc(label('dossier_code'))} {bold(data.dossier_code)}", st.center),
        _rule(),
        Paragraph(f"{esc(label('applicant'))} {bold(data.applicant.full_name)}", st.body),
        Paragraph(f"{esc(label('request'))} {bold(data.procedure_name)}", st.body),
        Paragraph(esc(label("thermal_components")), st.body),
        *(_component(i, c, form, st) for i, c in enumerate(data.components, start=1)),
        _rule(),
        Paragraph(
            f"{esc(label('thermal_received'))} {bold(format_datetime(data.received_at, when))}",
            st.body,
        ),
        Paragraph(f"{esc(label('thermal_appointment'))} {bold(appointment)}", st.body),
    ]
    if data.agency.hotline:
        story.append(
            Paragraph(f"{esc(label('hotline'))} {bold(data.agency.hotline)}", st.small_center)
        )
    return story


def _height(story: list[Flowable]) -> float:
    """Height the frame needs for ``story`` (an upper bound: every space is counted)."""
    total = 0.0
    for flowable in story:
        _, h = flowable.wrap(PRINTABLE_WIDTH, 10_000 * mm)
        total += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def render_receipt_thermal(data: ReceiptData, template_set: TemplateSet) -> bytes:
    form = template_set.form(FormKind.receipt)
    st = thermal_styles()
    story = _story(data, form, st)
    height = _height(story) + 2 * END_MARGIN + 1 * mm
    page = PageSpec(
        width=ROLL_WIDTH,
        height=height,
        left=SIDE_MARGIN,
        right=SIDE_MARGIN,
        top=END_MARGIN,
        bottom=END_MARGIN,
    )
    story.insert(0, Spacer(1, 0))
    return build_pdf(
        story,
        page,
        font=st.family.regular,
        title=f"{form.title} - {data.dossier_code}",
        author=data.agency.name,
        subject=data.procedure_name,
    )
