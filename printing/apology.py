"""The apology letter for a late dossier (FACTS §1, §6).

2025 set: *Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết*; 2018 set: *Phiếu xin lỗi
và hẹn lại ngày trả kết quả*.  Wording comes from the template set; the layout is the usual
administrative letter: header, title, *Kính gửi*, body, *Nơi nhận* and the head's signature.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from printing import blocks
from printing.forms import A4_PAGE
from printing.model import ApologyData
from printing.pdfdoc import build_pdf
from printing.styles import Styles, a4_styles, bold, esc, fill
from printing.templates import FormKind, FormTemplate, TemplateSet
from printing.vndate import date_fields, format_datetime, format_place_date

__all__ = ["render_apology"]


def render_apology(data: ApologyData, template_set: TemplateSet) -> bytes:
    """Văn bản xin lỗi (và đề nghị gia hạn / hẹn lại ngày trả kết quả), A4."""
    form = template_set.form(FormKind.apology)
    st = a4_styles()
    width = A4_PAGE.frame_width
    label = form.label
    when = label("datetime")
    unit = esc(data.agency.name)
    story: list[Flowable] = [
        blocks.form_number_line(form, st),
        blocks.header(
            data.agency,
            template_set,
            form,
            number=data.number,
            place_date=format_place_date(data.agency.place, data.issued_at, label("place_date")),
            width=width,
            st=st,
        ),
        blocks.title(form, st),
        Spacer(1, 2 * mm),
        Paragraph(fill(label("to"), name=bold(data.applicant.full_name)), st.center),
        Spacer(1, 4 * mm),
        Paragraph(
            fill(
                label("intro"),
                unit=unit,
                procedure=bold(data.procedure_name),
                **date_fields(data.received_at),
            ),
            st.body_justify,
        ),
        Paragraph(f"{esc(label('dossier_code'))} {bold(data.dossier_code)}", st.body),
        Paragraph(
            fill(label("appointment_at"), when=bold(format_datetime(data.appointment_at, when))),
            st.body_justify,
        ),
        Paragraph(fill(label("reason"), reason=esc(data.reason)), st.body_justify),
        Paragraph(
            fill(
                label("apology"),
                unit=unit,
                when=bold(format_datetime(data.new_appointment_at, when)),
            ),
            st.body_justify,
        ),
        Paragraph(esc(label("closing")), st.body_justify),
        KeepTogether([_closing_block(data, form, width, st)]),
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


def _closing_block(data: ApologyData, form: FormTemplate, width: float, st: Styles) -> Table:
    """*Nơi nhận* on the left, the head of the agency's signature on the right."""
    first, *rest = form.label("recipients").splitlines() or [""]
    recipients: list[Flowable] = [Paragraph(f"<b><i>{esc(first)}</i></b>", st.cell_note)]
    recipients += [Paragraph(esc(line), st.cell_note) for line in rest]
    signer = data.signer_name or form.label("blank")
    signature: list[Flowable] = [
        Paragraph(bold(form.label("signer")), st.center_bold),
        Paragraph(f"<i>{esc(form.label('signer_hint'))}</i>", st.center_italic),
        Spacer(1, 24 * mm),
        Paragraph(bold(signer), st.center_bold),
    ]
    table = Table([[recipients, signature]], colWidths=[width * 0.45, width * 0.55])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), st.family.regular),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 10),
            ]
        )
    )
    return table
