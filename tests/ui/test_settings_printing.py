"""The printer settings page on a private CUPS scheduler (tests/support/cups.py): printers
listed with their state, choices saved to settings.toml, a test page that really reaches
the queue's device, and a printer that disappeared refused at "Save"."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.config import config_file_path
from app.context import AppContext
from tests.support.cups import A4_QUEUE, RECEIPT_QUEUE, CupsServer, cups_server
from ui.settings.printer_page import PrinterPage
from ui.settings.settings_view import SettingsView

TIMEOUT_MS = 30000


@pytest.fixture(scope="module")
def server() -> Iterator[CupsServer]:
    with cups_server() as running:
        yield running


def make_view(
    qtbot: QtBot, ctx: AppContext, server: CupsServer
) -> tuple[SettingsView, PrinterPage]:
    ctx.settings.printing.cups_server = server.address
    page = PrinterPage(ctx)
    view = SettingsView(ctx, [page])
    qtbot.addWidget(view)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    qtbot.waitUntil(lambda: page.a4_combo.findData(A4_QUEUE) >= 0, timeout=TIMEOUT_MS)
    return view, page


def choose(page: PrinterPage, a4: str, receipt: str) -> None:
    page.a4_combo.setCurrentIndex(page.a4_combo.findData(a4))
    page.receipt_combo.setCurrentIndex(page.receipt_combo.findData(receipt))


def stored() -> dict[str, object]:
    return tomllib.loads(config_file_path().read_text(encoding="utf-8"))


def accelerator(text: str) -> Qt.Key:
    """The Alt+letter of a label as the user sees it (the letter after '&'): it depends on
    the language, so it is read from the translated text, never assumed."""
    shown = text.replace("&&", "")
    assert shown.count("&") == 1, f"no single accelerator in {text!r}"
    letter = shown[shown.index("&") + 1]
    assert letter.isascii() and letter.isalnum(), f"accelerator {letter!r} of {text!r}"
    return Qt.Key(ord(letter.upper()))


def buddy_label(widget: QWidget) -> QLabel:
    """The label whose accelerator focuses *widget*."""
    labels = [label for label in widget.window().findChildren(QLabel) if label.buddy() == widget]
    assert len(labels) == 1, labels
    return labels[0]


def test_printers_are_listed_chosen_and_saved(
    qtbot: QtBot, ctx: AppContext, server: CupsServer
) -> None:
    view, page = make_view(qtbot, ctx, server)
    names = [page.a4_combo.itemData(i) for i in range(page.a4_combo.count())]
    assert names[0] == "" and {A4_QUEUE, RECEIPT_QUEUE} <= set(names)
    receipt_label = page.receipt_combo.itemText(page.receipt_combo.findData(RECEIPT_QUEUE))
    assert receipt_label == "Máy in hoá đơn nhiệt quầy 1 (Receipt_Counter) — sẵn sàng"
    assert page.list_status.text() == "Tìm thấy 2 máy in."
    # the receipt printer chosen with the keyboard: its label's accelerator, then the arrows
    choose(page, A4_QUEUE, "")
    label = buddy_label(page.receipt_combo)
    assert label.text() == "Máy in &biên nhận:"
    # Alt+B: in Vietnamese "&Bỏ thay đổi" (undo, enabled now) shares the letter, so Qt
    # treats it as ambiguous; the first press still reaches the receipt printer's field
    qtbot.keyClick(view, accelerator(label.text()), Qt.KeyboardModifier.AltModifier)
    assert page.receipt_combo.hasFocus()
    while page.receipt_combo.currentData() != RECEIPT_QUEUE:
        qtbot.keyClick(page.receipt_combo, Qt.Key.Key_Down)
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("thermal"))
    assert view.save_button.isEnabled()
    with qtbot.waitSignal(view.saved, timeout=TIMEOUT_MS):
        qtbot.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    printing = ctx.settings.printing
    assert (printing.a4_printer, printing.receipt_printer) == (A4_QUEUE, RECEIPT_QUEUE)
    assert printing.receipt_kind == "thermal" and ctx.settings.forms.thermal_receipt
    file = stored()
    assert file["printing"] == {
        "a4_printer": A4_QUEUE,
        "receipt_printer": RECEIPT_QUEUE,
        "receipt_kind": "thermal",
    }
    assert file["forms"] == {"thermal_receipt": True}


@pytest.mark.parametrize(("queue", "kind"), [(A4_QUEUE, "a4"), (RECEIPT_QUEUE, "receipt")])
def test_test_page_reaches_the_printer(
    qtbot: QtBot, ctx: AppContext, server: CupsServer, queue: str, kind: str
) -> None:
    _view, page = make_view(qtbot, ctx, server)
    choose(page, A4_QUEUE, RECEIPT_QUEUE)
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("thermal"))
    device = server.out / f"{queue}.pdf"
    device.unlink(missing_ok=True)
    button = page.a4_test_button if kind == "a4" else page.receipt_test_button
    with qtbot.waitSignal(page.tested, timeout=TIMEOUT_MS) as signal:
        button.click()
    ok, message = signal.args
    assert ok, message
    assert re.fullmatch(rf"Đã in xong trang thử trên «{queue}» \(lệnh in {queue}-\d+\)\.", message)
    assert page.test_result.text() == message
    data = device.read_bytes()  # what the queue's device received: a PDF, maybe in PJL
    assert b"%PDF-" in data and b"%%EOF" in data


def test_test_page_without_a_printer_says_what_to_do(
    qtbot: QtBot, ctx: AppContext, server: CupsServer
) -> None:
    _view, page = make_view(qtbot, ctx, server)
    with qtbot.waitSignal(page.tested, timeout=TIMEOUT_MS) as signal:
        page.a4_test_button.click()
    assert signal.args == [False, "Chưa chọn máy in. Hãy chọn máy in trong phần cài đặt."]


def test_a_printer_removed_after_being_chosen_is_refused(
    qtbot: QtBot, ctx: AppContext, server: CupsServer
) -> None:
    gone = "Gone_Printer"
    server.add_queue(gone, description="Máy in sẽ bị gỡ")
    view, page = make_view(qtbot, ctx, server)
    qtbot.waitUntil(lambda: page.a4_combo.findData(gone) >= 0, timeout=TIMEOUT_MS)
    choose(page, gone, RECEIPT_QUEUE)
    with qtbot.waitSignal(view.saved, timeout=TIMEOUT_MS):
        view.save_button.click()
    assert ctx.settings.printing.a4_printer == gone
    before = config_file_path().read_bytes()
    server.run("lpadmin", "-x", gone)
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("thermal"))  # any change
    with qtbot.waitSignal(view.refused, timeout=TIMEOUT_MS) as signal:
        view.save_button.click()
    reason = f"Máy in «{gone}» không còn trong hệ thống. Hãy chọn lại máy in trong phần cài đặt."
    assert signal.args == [reason] and reason in view.message.text()
    assert config_file_path().read_bytes() == before
    assert ctx.settings.printing.a4_printer == gone and not ctx.settings.forms.thermal_receipt
    # after a refresh the page shows the printer as missing
    with qtbot.waitSignal(page.printers_listed, timeout=TIMEOUT_MS):
        page.refresh_button.click()
    assert page.a4_combo.currentText() == f"{gone} — không tìm thấy"
