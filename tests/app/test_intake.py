"""Intake end to end through the service, on the real embedded SQLite database."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.context import AppContext
from app.domain.status import DossierStatus, OutboxState
from app.errors import UserError, ValidationFailed
from app.intake import ApplicantInput, ComponentChoice, IntakeRequest, IntakeService, Outcome
from app.security import CurrentUser
from app.storage.models import AuditEntry, Citizen, Dossier, OutboxEntry, VaultDocument
from app.vault_import import import_document
from tests.conftest import paper_image

BIRTH = "1.001193"  # Đăng ký khai sinh: C1 form (new), C2 birth certificate (re-usable), C4 ID
MOTHER = ApplicantInput(
    personal_id="038193001234",
    full_name="Trần Thị Bình",
    date_of_birth=date(1993, 5, 2),
    sex="Nữ",
    address="Thôn 3, xã Đông Sơn",
    phone="0912345678",
)


def count(ctx: AppContext, model: type) -> int:
    with ctx.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def birth_request(tmp_path: Path, **overrides: object) -> IntakeRequest:
    form = paper_image(tmp_path / "to_khai.png", "TỜ KHAI ĐĂNG KÝ KHAI SINH")
    id_card = paper_image(tmp_path / "cccd.jpg", "CĂN CƯỚC")
    values: dict[str, object] = {
        "applicant": MOTHER,
        "procedure_code": BIRTH,
        "choices": {"C1": ComponentChoice(files=(form,)), "C4": ComponentChoice(files=(id_card,))},
    }
    values.update(overrides)
    return IntakeRequest(**values)  # type: ignore[arg-type]


def test_accept_reuses_vault_paper_and_stores_the_rest(
    ctx: AppContext, officer: CurrentUser, tmp_path: Path
) -> None:
    held = import_document(
        ctx,
        officer,
        MOTHER.personal_id,
        "GCS",
        paper_image(tmp_path / "gcs.png"),
        full_name=MOTHER.full_name,
    )
    result = IntakeService(ctx).submit(birth_request(tmp_path), officer)

    assert result.created and result.status is DossierStatus.ACCEPTED
    assert re.fullmatch(r"000\.00\.06\.H56-\d{6}-0001", result.dossier_code)
    assert result.dossier_code[14:20] == result.received_at.strftime("%y%m%d")
    assert result.appointment_at is not None and result.appointment_at > result.received_at
    by_code = {c.code: c for c in result.components}
    assert by_code["C2"].reused and by_code["C2"].document_code == held.code
    assert not by_code["C1"].reused and by_code["C1"].present
    assert by_code["C1"].document_code == f"{MOTHER.personal_id}.TKKS"
    assert not by_code["C3"].present  # optional and not given
    with ctx.db.reading() as session:
        dossier = session.scalar(select(Dossier).where(Dossier.code == result.dossier_code))
        assert dossier is not None
        outbox = session.scalar(select(OutboxEntry).where(OutboxEntry.dossier_id == dossier.id))
        assert outbox is not None and outbox.state == OutboxState.QUEUED
        assert [e.status for e in dossier.history] == [1, 2]
        new_docs = session.scalars(
            select(VaultDocument).where(VaultDocument.source_dossier_id == dossier.id)
        ).all()
        assert {d.document_type_code for d in new_docs} == {"TKKS", "CCCD"}
        for doc in new_docs:
            assert ctx.store.read_bytes(doc.sha256)  # verified against its SHA-256
        actions = set(session.scalars(select(AuditEntry.action)))
    assert "intake.accept" in actions


def test_papers_attached_once_are_reused_next_time(
    ctx: AppContext, officer: CurrentUser, tmp_path: Path
) -> None:
    gcs = paper_image(tmp_path / "gcs.png")
    first = birth_request(tmp_path)
    first = IntakeRequest(
        applicant=first.applicant,
        procedure_code=BIRTH,
        choices={**first.choices, "C2": ComponentChoice(files=(gcs,))},
    )
    IntakeService(ctx).submit(first, officer)
    hits = IntakeService(ctx).vault_hits(MOTHER.personal_id, BIRTH)
    assert set(hits) == {"C2", "C4"}  # C1 (the form) is not re-usable by the catalog
    second = IntakeService(ctx).submit(
        IntakeRequest(
            applicant=MOTHER,
            procedure_code=BIRTH,
            choices={"C1": ComponentChoice(files=(paper_image(tmp_path / "tk2.png"),))},
        ),
        officer,
    )
    reused = {c.code for c in second.components if c.reused}
    assert reused == {"C2", "C4"}
    assert second.dossier_code.endswith("-0002")


def test_expired_paper_is_not_reused(ctx: AppContext, officer: CurrentUser, tmp_path: Path) -> None:
    doc = import_document(
        ctx,
        officer,
        MOTHER.personal_id,
        "GCS",
        paper_image(tmp_path / "gcs.png"),
        full_name=MOTHER.full_name,
    )
    with ctx.db.writing() as session:
        row = session.scalar(select(VaultDocument).where(VaultDocument.code == doc.code))
        assert row is not None
        row.valid_until = date.today() - timedelta(days=1)
    assert IntakeService(ctx).vault_hits(MOTHER.personal_id, BIRTH) == {}
    with pytest.raises(UserError, match="Giấy chứng sinh"):
        IntakeService(ctx).submit(birth_request(tmp_path), officer)


def test_invalid_id_saves_nothing(ctx: AppContext, officer: CurrentUser, tmp_path: Path) -> None:
    wrong_sex = ApplicantInput(**{**MOTHER.__dict__, "sex": "Nam"})
    with pytest.raises(ValidationFailed) as raised:
        IntakeService(ctx).submit(birth_request(tmp_path, applicant=wrong_sex), officer)
    assert "personal_id" in raised.value.errors
    short = ApplicantInput(**{**MOTHER.__dict__, "personal_id": "03819300"})
    with pytest.raises(ValidationFailed):
        IntakeService(ctx).submit(birth_request(tmp_path, applicant=short), officer)
    assert count(ctx, Dossier) == count(ctx, Citizen) == count(ctx, VaultDocument) == 0
    assert list(ctx.store.all_hashes()) == []


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("rong.png", b"", "rỗng"),
        ("hong.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "hỏng"),
        ("van_ban.pdf", b"day khong phai PDF", "không phải PDF"),
        ("hong.pdf", b"%PDF-1.7\n garbage", "hỏng"),
    ],
)
def test_bad_attachment_is_named_and_nothing_saved(
    ctx: AppContext, officer: CurrentUser, tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    request = birth_request(tmp_path)
    choices = {**request.choices, "C2": ComponentChoice(files=(bad,))}
    with pytest.raises(UserError) as raised:
        IntakeService(ctx).submit(
            IntakeRequest(applicant=MOTHER, procedure_code=BIRTH, choices=choices), officer
        )
    assert expected in raised.value.message
    assert name in raised.value.message and "Giấy chứng sinh" in raised.value.message
    assert raised.value.field == "component:C2"
    assert count(ctx, Dossier) == 0 and list(ctx.store.all_hashes()) == []


def test_truncated_jpeg_and_pixel_bomb_are_refused(
    ctx: AppContext, officer: CurrentUser, tmp_path: Path
) -> None:
    good = paper_image(tmp_path / "ok.jpg")
    truncated = tmp_path / "cut.jpg"
    truncated.write_bytes(good.read_bytes()[:600])
    ctx.settings.attachments.max_pixels = 1_000_000  # the 850x1100 page is 935k pixels
    bomb = paper_image(tmp_path / "bomb.png")
    from PIL import Image

    Image.new("1", (3000, 3000)).save(bomb)
    for bad, word in ((truncated, "hỏng"), (bomb, "quá lớn")):
        choices = {"C1": ComponentChoice(files=(bad,))}
        with pytest.raises(UserError, match=word):
            IntakeService(ctx).submit(
                IntakeRequest(applicant=MOTHER, procedure_code=BIRTH, choices=choices), officer
            )


def test_retry_with_same_request_id_gives_the_same_dossier(
    ctx: AppContext, officer: CurrentUser, tmp_path: Path
) -> None:
    request = birth_request(
        tmp_path,
        choices={
            **birth_request(tmp_path).choices,
            "C2": ComponentChoice(files=(paper_image(tmp_path / "g.png"),)),
        },
    )
    first = IntakeService(ctx).submit(request, officer)
    again = IntakeService(ctx).submit(request, officer)
    assert again.dossier_code == first.dossier_code and not again.created
    assert count(ctx, Dossier) == 1 and count(ctx, OutboxEntry) == 1


def test_missing_required_paper_blocks_accept_but_allows_supplement(
    ctx: AppContext, officer: CurrentUser, tmp_path: Path
) -> None:
    with pytest.raises(UserError, match="Giấy chứng sinh"):
        IntakeService(ctx).submit(birth_request(tmp_path), officer)
    with pytest.raises(UserError, match="lý do"):
        IntakeService(ctx).submit(birth_request(tmp_path, outcome=Outcome.SUPPLEMENT), officer)
    result = IntakeService(ctx).submit(
        birth_request(tmp_path, outcome=Outcome.SUPPLEMENT, reason="Thiếu Giấy chứng sinh"),
        officer,
    )
    assert result.status is DossierStatus.SUPPLEMENT_REQUESTED
    assert result.appointment_at is None
    missing = [c.name for c in result.components if c.required and not c.present]
    assert missing == ["Giấy chứng sinh"]
    assert count(ctx, OutboxEntry) == 0 and count(ctx, VaultDocument) == 0


def test_refusal_is_recorded_without_transfer(
    ctx: AppContext, officer: CurrentUser, tmp_path: Path
) -> None:
    result = IntakeService(ctx).submit(
        birth_request(tmp_path, outcome=Outcome.REFUSE, reason="Không thuộc thẩm quyền"), officer
    )
    assert result.status is DossierStatus.NOT_ACCEPTED
    assert count(ctx, OutboxEntry) == 0


def test_unknown_processing_time_needs_the_officer(
    ctx: AppContext, officer: CurrentUser, tmp_path: Path
) -> None:
    from datetime import datetime

    residence = "1.004222"  # Đăng ký thường trú: processing time not in FACTS → unknown
    service = IntakeService(ctx)
    with ctx.db.reading() as session:
        from app.intake import active_procedure

        components = active_procedure(session, residence).components
        choices = {
            c.code: ComponentChoice(files=(paper_image(tmp_path / f"{c.code}.png"),))
            for c in components
            if c.required
        }
    request = IntakeRequest(applicant=MOTHER, procedure_code=residence, choices=choices)
    with pytest.raises(UserError, match="ngày hẹn trả"):
        service.submit(request, officer)
    when = datetime.now().replace(microsecond=0) + timedelta(days=7)
    result = service.submit(
        IntakeRequest(
            applicant=MOTHER, procedure_code=residence, choices=choices, appointment_override=when
        ),
        officer,
    )
    assert result.appointment_at == when


def test_encrypted_pdf_and_multipage_tiff(
    ctx: AppContext, officer: CurrentUser, tmp_path: Path
) -> None:
    from reportlab.pdfgen.canvas import Canvas

    from scanner.files import inspect_file

    locked = tmp_path / "khoa.pdf"
    canvas = Canvas(str(locked), encrypt="mat-khau")
    canvas.drawString(100, 700, "Giay to")
    canvas.save()
    with pytest.raises(UserError, match="mật khẩu"):
        IntakeService(ctx).submit(
            IntakeRequest(
                applicant=MOTHER,
                procedure_code=BIRTH,
                choices={"C1": ComponentChoice(files=(locked,))},
            ),
            officer,
        )
    tiff = paper_image(tmp_path / "nhieu_trang.tif", pages=3)
    assert inspect_file(tiff).page_count == 3
    renamed = tmp_path / "anh_that.pdf"  # a PNG with a wrong extension is taken by content
    renamed.write_bytes(paper_image(tmp_path / "x.png").read_bytes())
    assert inspect_file(renamed).mime_type == "image/png"


def test_scanned_paper_becomes_a_searchable_vault_document(
    ctx: AppContext, officer: CurrentUser, tmp_path: Path
) -> None:
    from reportlab.pdfgen.canvas import Canvas

    from app.intake import DigitizedPaper
    from app.search import PageText, search_documents

    pdf_path = tmp_path / "scan.pdf"
    canvas = Canvas(str(pdf_path))
    canvas.drawString(100, 700, "scan")
    canvas.showPage()
    canvas.drawString(100, 700, "scan 2")
    canvas.save()
    scanned = DigitizedPaper(
        pdf=pdf_path.read_bytes(),
        pages=(
            PageText(1, "GIẤY CHỨNG SINH\nNơi sinh: Bệnh viện Đông Sơn", 88.0),
            PageText(2, "Người đỡ đẻ: Lê Văn Tâm", 61.0, low_confidence=True),
        ),
        source="test:0",
    )
    request = birth_request(tmp_path)
    result = IntakeService(ctx).submit(
        IntakeRequest(
            applicant=MOTHER,
            procedure_code=BIRTH,
            choices={**request.choices, "C2": ComponentChoice(scanned=scanned)},
        ),
        officer,
    )
    c2 = next(c for c in result.components if c.code == "C2")
    assert c2.present and not c2.reused and c2.document_code == f"{MOTHER.personal_id}.GCS"
    with ctx.db.reading() as session:
        doc = session.scalar(select(VaultDocument).where(VaultDocument.code == c2.document_code))
        assert doc is not None and doc.origin == "scanned" and doc.page_count == 2
        assert ctx.store.read_bytes(doc.sha256) == scanned.pdf
    hits = search_documents(ctx.db, "nguoi do de le van tam", officer)
    assert [(h.document_code, h.page_number) for h in hits] == [(c2.document_code, 2)]
