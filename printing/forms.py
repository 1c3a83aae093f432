"""The counter forms as PDF bytes: receipt, supplement request, refusal.

Layouts follow the forms as provincial systems implement them (FACTS §1); numbers, titles,
citations and wording come from the :class:`~printing.templates.TemplateSet`.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from printing import blocks
from printing.model import ReceiptData, RefusalData, SupplementData
from printing.pdfdoc import PageSpec, build_pdf
from printing.qr import receipt_qr_text
from printing.styles import a4_styles, bold, esc, fill
from printing.templates import FormKind, TemplateSet
from printing.thermal import render_receipt_thermal
from printing.vndate import format_datetime, format_place_date

# Decree 30/2020 margins are 20-25 mm top/bottom, 30-35 left, 15-20 right; the counter
# forms are denser, so a little less on the left and at the top.
A4_PAGE = PageSpec(
    width=A4[0], height=A4[1], left=25 * mm, right=15 * mm, top=15 * mm, bottom=20 * mm
)

__all__ = ["A4_PAGE", "render_receipt", "render_refusal", "render_supplement"]


def render_receipt(data: ReceiptData, template_set: TemplateSet, *, thermal: bool = False) -> bytes:
    """Giấy tiếp nhận hồ sơ và hẹn trả kết quả (A4, or an 80 mm roll with ``thermal``)."""
    if thermal:
        return render_receipt_thermal(data, template_set)
    form = template_set.form(FormKind.receipt)
    st = a4_styles()
    width = A4_PAGE.frame_width
    label = form.label
    when = label("datetime")
    qr_text = receipt_qr_text(data.dossier_code, data.lookup_url)
    number = str(data.logbook_number) if data.logbook_number is not None else None

    top = [
        Paragraph(f"{esc(label('dossier_code'))} {bold(data.dossier_code)}", st.body),
        *blocks.applicant_lines(data.applicant, label("applicant"), form, st),
    ]
    request = bold(data.procedure_name)
    if data.procedure_code:
        request += f" ({esc(label('procedure_code'))} {esc(data.procedure_code)})"
    appointment = (
        format_datetime(data.appointment_at, when)
        if data.appointment_at
        else label("appointment_none")
    )
    items = [
        fill(label("sets_count"), count=bold(f"{data.sets_count:02d}")),
        fill(label("processing_time"), text=bold(data.processing_time_text)),
        fill(label("received_at"), when=bold(format_datetime(data.received_at, when))),
        fill(label("appointment_at"), when=bold(appointment)),
        fill(label("delivery"), where=bold(data.result_delivery)),
    ]
    if data.fee_text:
        items.append(fill(label("fee"), fee=bold(data.fee_text)))
    blank = esc(label("blank"))
    logbook = fill(
        label("logbook"),
        volume=esc(data.logbook_volume) if data.logbook_volume else blank,
        number=str(data.logbook_number) if data.logbook_number is not None else blank,
    )
    story: list[Flowable] = [
        blocks.form_number_line(form, st),
        blocks.header(
            data.agency,
            template_set,
            form,
            number=number,
            place_date=format_place_date(data.agency.place, data.received_at, label("place_date")),
            width=width,
            st=st,
        ),
        blocks.title(form, st),
        blocks.beside_qr(top, qr_text, label("qr_caption"), width, st),
        Spacer(1, 1.5 * mm),
        Paragraph(f"{esc(label('request'))} {request}", st.body),
        Paragraph(esc(label("components")), st.body),
        blocks.components_table(data.components, form, width, st),
        Spacer(1, 2 * mm),
        *(Paragraph(item, st.hanging) for item in items),
        KeepTogether(
            [
                Paragraph(logbook, st.body),
                blocks.signatures(
                    (label("signer_left"), data.applicant.full_name),
                    (label("signer_right"), data.officer_name),
                    label("sign_hint"),
                    width,
                    st,
                ),
            ]
        ),
    ]
    return build_pdf(
        story,
        A4_PAGE,
        font=st.family.regular,
        title=f"{form.title} - {data.dossier_code}",
        author=data.agency.name,
        subject=data.procedure_name,
        on_page=blocks.footer(data.agency, form, data.dossier_code, st),
    )


def render_supplement(data: SupplementData, template_set: TemplateSet) -> bytes:
    """Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (A4)."""
    form = template_set.form(FormKind.supplement)
    st = a4_styles()
    width = A4_PAGE.frame_width
    label = form.label
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
        Paragraph(f"{esc(label('dossier_code'))} {bold(data.dossier_code)}", st.center),
        Spacer(1, 3 * mm),
        *blocks.applicant_lines(data.applicant, label("applicant"), form, st),
        Paragraph(f"{esc(label('request'))} {bold(data.procedure_name)}", st.body),
        Paragraph(esc(label("intro")), st.body_justify),
        blocks.quantity_table(data.missing, form, width, st),
        Spacer(1, 2 * mm),
        Paragraph(fill(label("reason"), reason=esc(data.reason)), st.body),
    ]
    if data.contact:
        story.append(Paragraph(fill(label("contact"), contact=bold(data.contact)), st.body))
    story.append(
        KeepTogether(
            [
                blocks.signatures(
                    None, (label("signer"), data.officer_name), label("sign_hint"), width, st
                )
            ]
        )
    )
    return build_pdf(
        story,
        A4_PAGE,
        font=st.family.regular,
        title=f"{form.title} - {data.dossier_code}",
        author=data.agency.name,
        subject=data.procedure_name,
        on_page=blocks.footer(data.agency, form, data.dossier_code, st),
    )


def render_refusal(data: RefusalData, template_set: TemplateSet) -> bytes:
    """Phiếu từ chối tiếp nhận giải quyết hồ sơ (A4)."""
    form = template_set.form(FormKind.refusal)
    st = a4_styles()
    width = A4_PAGE.frame_width
    label = form.label
    unit = f"{data.agency.unit_name} - {data.agency.name}"
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
    ]
    if data.dossier_code:
        story.append(
            Paragraph(f"{esc(label('dossier_code'))} {bold(data.dossier_code)}", st.center)
        )
    story += [
        Spacer(1, 3 * mm),
        *blocks.applicant_lines(data.applicant, label("applicant"), form, st),
        Paragraph(f"{esc(label('request'))} {bold(data.procedure_name)}", st.body),
        Paragraph(fill(label("reason_intro"), unit=esc(unit)), st.body_justify),
        Paragraph(esc(data.reason), st.reason),
        Paragraph(esc(label("closing")), st.body_justify),
        KeepTogether(
            [
                blocks.signatures(
                    (label("signer_left"), data.applicant.full_name),
                    (label("signer_right"), data.officer_name),
                    label("sign_hint"),
                    width,
                    st,
                )
            ]
        ),
    ]
    return build_pdf(
        story,
        A4_PAGE,
        font=st.family.regular,
        title=f"{form.title} - {data.dossier_code or data.applicant.full_name}",
        author=data.agency.name,
        subject=data.procedure_name,
        on_page=blocks.footer(data.agency, form, data.dossier_code, st),
    )
