"""Printing through a real CUPS scheduler (a private cupsd with file-backed queues)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from printing import cups
from printing.cups import JobState, PrintError, PrinterState
from printing.forms import render_receipt, render_supplement
from printing.model import ReceiptData, SupplementData
from printing.templates import TemplateSet, load_template_set
from printing.testpage import TestPageKind, qr_text, render_test_page
from tests.printing.pdf_probe import MM, all_text, decode_qr, page_sizes, pdffonts, render
from tests.support.cups import A4_QUEUE, RECEIPT_QUEUE, CupsServer, cups_server

AGENCY = "UBND PHƯỜNG TRƯỜNG VINH"
JOB_TIMEOUT = 30.0


@pytest.fixture(scope="module")
def server() -> Iterator[CupsServer]:
    with cups_server() as running:
        yield running


@pytest.fixture
def template_set() -> TemplateSet:
    return load_template_set("2025")


def printed(server: CupsServer, queue: str, job_id: str) -> bytes:
    """Wait for the job, then the PDF the queue's device received.

    The Generic PDF driver wraps the PDF in a PJL job envelope, as PDF printers expect;
    the PDF inside is returned."""
    assert cups.wait_for_job(job_id, server.address, timeout=JOB_TIMEOUT) is JobState.completed
    data = (server.out / f"{queue}.pdf").read_bytes()
    start, end = data.find(b"%PDF-"), data.rfind(b"%%EOF")
    assert start >= 0 and end > start, data[:200]
    if start:
        assert data.startswith(b"\x1b%-12345X@PJL"), data[:200]
    return data[start : end + len(b"%%EOF")]


def _fresh_queue(server: CupsServer, name: str) -> Path:
    target = server.add_queue(name, description=f"Hàng đợi thử {name}")
    assert cups.check_printer(name, server.address) is None
    return target


# -- listing ------------------------------------------------------------------------------


def test_lists_both_queues_with_the_default_flagged(server: CupsServer) -> None:
    printers = {p.name: p for p in cups.list_printers(server.address)}
    assert {A4_QUEUE, RECEIPT_QUEUE} <= printers.keys()
    a4, receipt = printers[A4_QUEUE], printers[RECEIPT_QUEUE]
    assert a4.is_default and not receipt.is_default
    assert a4.description == "Máy in A4 phòng một cửa"
    assert receipt.label == "Máy in hoá đơn nhiệt quầy 1 (Receipt_Counter)"
    for p in (a4, receipt):
        assert p.state in (PrinterState.idle, PrinterState.printing)
        assert p.accepting
        assert cups.check_printer(p.name, server.address) is None


def test_default_server_comes_from_cups_server_env(
    server: CupsServer, monkeypatch: pytest.MonkeyPatch, template_set: TemplateSet
) -> None:
    """With no server given, the tools and the IPP job query both follow CUPS_SERVER (here
    the scheduler's unix socket)."""
    monkeypatch.setenv("CUPS_SERVER", str(server.socket_path))
    assert A4_QUEUE in {p.name for p in cups.list_printers()}
    pdf = render_test_page("a4", AGENCY)
    job = cups.print_pdf(pdf, A4_QUEUE, title="In thử qua socket")
    assert cups.wait_for_job(job, timeout=JOB_TIMEOUT) is JobState.completed
    assert cups.job_state(job) is JobState.completed


# -- printing forms -----------------------------------------------------------------------


def test_a4_receipt_reaches_the_printer_whole(
    server: CupsServer, make_receipt: Callable[..., ReceiptData], template_set: TemplateSet
) -> None:
    data = make_receipt()
    pdf = render_receipt(data, template_set)
    job = cups.print_pdf(
        pdf, A4_QUEUE, title=f"Giấy tiếp nhận {data.dossier_code}", server=server.address
    )
    assert job.startswith(f"{A4_QUEUE}-")
    out = printed(server, A4_QUEUE, job)
    assert len(page_sizes(out)) == len(page_sizes(pdf))
    assert page_sizes(out)[0] == pytest.approx((210 * MM, 297 * MM), abs=1)
    text = all_text(out)
    for expected in (data.dossier_code, data.applicant.full_name, "GIẤY TIẾP NHẬN HỒ SƠ"):
        assert expected in text
    assert any(data.dossier_code.encode() in code for code in decode_qr(render(out)))


def test_thermal_receipt_on_the_receipt_queue(
    server: CupsServer, make_receipt: Callable[..., ReceiptData], template_set: TemplateSet
) -> None:
    data = make_receipt()
    pdf = render_receipt(data, template_set, thermal=True)
    job = cups.print_pdf(pdf, RECEIPT_QUEUE, title="Biên nhận", server=server.address)
    out = printed(server, RECEIPT_QUEUE, job)
    assert len(page_sizes(out)) == 1
    text = all_text(out)
    assert data.dossier_code in text and data.procedure_name in text


def test_supplement_request_with_copies(
    server: CupsServer, supplement: SupplementData, template_set: TemplateSet
) -> None:
    pdf = render_supplement(supplement, template_set)
    pages = len(page_sizes(pdf))
    job = cups.print_pdf(
        pdf, A4_QUEUE, title="Phiếu yêu cầu bổ sung", copies=2, server=server.address
    )
    out = printed(server, A4_QUEUE, job)
    assert len(page_sizes(out)) == 2 * pages  # the driver makes the copies
    assert "PHIẾU YÊU CẦU BỔ SUNG" in all_text(out)
    assert supplement.reason in all_text(out)


def test_not_a_pdf_is_refused_before_cups(server: CupsServer) -> None:
    with pytest.raises(PrintError) as caught:
        cups.print_pdf(b"hello", A4_QUEUE, title="x", server=server.address)
    assert caught.value.reason == "not-pdf"


def test_unknown_job_is_reported(server: CupsServer) -> None:
    with pytest.raises(PrintError):
        cups.job_state(f"{A4_QUEUE}-99999", server.address)


# -- test pages ---------------------------------------------------------------------------

NOW = datetime(2026, 2, 3, 14, 7)


@pytest.mark.parametrize("kind", ["a4", "receipt"])
def test_test_page_content(kind: TestPageKind, tmp_path: Path) -> None:
    pdf = render_test_page(kind, AGENCY, printer="May_In_1", now=NOW)
    assert all(row.embedded for row in pdffonts(pdf, tmp_path))
    (width, height), *rest = page_sizes(pdf)
    assert not rest
    if kind == "a4":
        assert (width, height) == pytest.approx((210 * MM, 297 * MM), abs=0.5)
    else:
        assert width == pytest.approx(80 * MM, abs=0.5)
    text = all_text(pdf)
    for expected in ("TRANG IN THỬ", AGENCY, "May_In_1", "14:07 ngày 03/02/2026", "ỹ", "Ự"):
        assert expected in text
    codes = decode_qr(render(pdf, dpi=300))
    assert codes == [qr_text(AGENCY, "May_In_1", NOW).encode()]


@pytest.mark.parametrize(("kind", "queue"), [("a4", A4_QUEUE), ("receipt", RECEIPT_QUEUE)])
def test_test_page_prints(server: CupsServer, kind: TestPageKind, queue: str) -> None:
    pdf = render_test_page(kind, AGENCY, printer=queue)
    job = cups.print_pdf(pdf, queue, title="Trang in thử", server=server.address)
    out = printed(server, queue, job)
    assert "TRANG IN THỬ" in all_text(out)


# -- a printer that goes wrong ------------------------------------------------------------


def test_deleted_printer(server: CupsServer) -> None:
    _fresh_queue(server, "Sap_Bi_Xoa")
    server.run("lpadmin", "-x", "Sap_Bi_Xoa")
    message = cups.check_printer("Sap_Bi_Xoa", server.address)
    assert message == (
        "Máy in «Sap_Bi_Xoa» không còn trong hệ thống. Hãy chọn lại máy in trong phần cài đặt."
    )
    with pytest.raises(PrintError) as caught:
        cups.print_pdf(
            render_test_page("a4", AGENCY), "Sap_Bi_Xoa", title="x", server=server.address
        )
    assert caught.value.reason == "gone"
    assert caught.value.message == message


def test_stopped_printer(server: CupsServer) -> None:
    _fresh_queue(server, "Tam_Dung")
    server.run("cupsdisable", "-r", "Hết giấy", "Tam_Dung")
    info = cups.find_printer("Tam_Dung", server.address)
    assert info is not None and info.state is PrinterState.stopped
    message = cups.check_printer("Tam_Dung", server.address)
    assert message is not None
    assert "«Tam_Dung» đang bị tạm dừng" in message and "Hết giấy" in message
    with pytest.raises(PrintError) as caught:
        cups.print_pdf(render_test_page("a4", AGENCY), "Tam_Dung", title="x", server=server.address)
    assert caught.value.reason == "stopped"
    server.run("cupsenable", "Tam_Dung")
    assert cups.check_printer("Tam_Dung", server.address) is None


def test_printer_not_accepting_jobs(server: CupsServer) -> None:
    target = _fresh_queue(server, "Tu_Choi")
    server.run("cupsreject", "-r", "Đang bảo trì", "Tu_Choi")
    info = cups.find_printer("Tu_Choi", server.address)
    assert info is not None and not info.accepting
    message = cups.check_printer("Tu_Choi", server.address)
    assert message is not None and "«Tu_Choi» đang từ chối nhận lệnh in" in message
    assert "Đang bảo trì" in message
    with pytest.raises(PrintError) as caught:
        cups.print_pdf(render_test_page("a4", AGENCY), "Tu_Choi", title="x", server=server.address)
    assert caught.value.reason == "rejecting"
    assert not target.exists()


def test_no_printer_chosen(server: CupsServer) -> None:
    assert cups.check_printer("", server.address) == cups.MSG_NO_PRINTER_CHOSEN


def test_scheduler_down() -> None:
    with cups_server(queues=False) as private:
        private.add_queue("Mot_Minh")
        address = private.address
        private.stop()
        message = cups.check_printer("Mot_Minh", address)
        assert message is not None and "máy chủ in" in message
        for call in (
            lambda: cups.list_printers(address),
            lambda: cups.print_pdf(
                render_test_page("a4", AGENCY), "Mot_Minh", title="x", server=address
            ),
            lambda: cups.job_state("Mot_Minh-1", address),
        ):
            with pytest.raises(PrintError) as caught:
                call()
            assert caught.value.reason == "server-down"
