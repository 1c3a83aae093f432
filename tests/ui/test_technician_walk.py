"""Issue 7's "done when", walked in the real GUI (offscreen) on a fresh data directory: a
technician (created from the command line, as the README says) logs in, picks the SANE test
scanner and makes a profile, picks the printers and prints a test receipt, connects to the
hub, imports the signing certificate — all in the settings tab, saved with Ctrl+S — then
``onestop diag --json`` says every check is green.

Real components: the SANE test backend, a private cupsd with file-backed queues, the hub in
a subprocess on loopback, a test PKI; the in-memory keyring stands in for the OS one."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.catalog.store import ensure_catalog
from app.cli import main as cli_main
from app.config import load_settings
from app.context import AppContext
from app.security import authenticate
from app.storage.migrate import upgrade
from tests.hub.support import AGENCY, run_hub
from tests.support.cups import A4_QUEUE, RECEIPT_QUEUE, cups_server
from tests.support.keyrings import MemoryKeyring
from tests.support.pki import make_agency_cert, make_ca, write_pkcs12
from ui.main_window import MainWindow
from ui.settings.certificate_page import CertificatePage
from ui.settings.hub_page import HubPage
from ui.settings.printer_page import PrinterPage
from ui.settings.scanner_page import ScannerPage
from ui.settings.settings_view import SettingsView

WAIT = 30000
TECHNICIAN_PASSWORD = "kythuat2026x"
CERT_PASSWORD = "matkhau-chungthu"


def save(qtbot: QtBot, view: SettingsView) -> None:
    with qtbot.waitSignal(view.saved, timeout=WAIT):
        qtbot.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_a_new_counter_pc_set_up_without_touching_a_file(
    qtbot: QtBot,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = load_settings()  # the fresh data directory of the autouse fixture
    upgrade(settings.resolved_database_url)
    monkeypatch.setattr("sys.stdin", io.StringIO(TECHNICIAN_PASSWORD + "\n"))
    add = ["user", "add", "kythuat", "--full-name", "Kỹ Thuật Viên", "--role", "technician"]
    assert cli_main([*add, "--password-stdin"]) == 0
    ctx = AppContext.open(settings)
    ensure_catalog(ctx.db)
    technician = authenticate(ctx.db, "kythuat", TECHNICIAN_PASSWORD)
    ca = make_ca("Test Root CA")
    key, cert = make_agency_cert(ca, "UBND XÃ ĐÔNG SƠN", days=365)
    p12 = write_pkcs12(tmp_path / "agency.p12", key, cert, ca[1], CERT_PASSWORD.encode())

    with cups_server() as cups, run_hub(tmp_path / "hub") as hub:
        window = MainWindow(ctx, technician)
        qtbot.addWidget(window)
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        view = window.settings_view
        assert view is not None
        window.tabs.setCurrentWidget(view)

        def open_page(kind: type) -> object:
            page = next(p for p in view.pages if isinstance(p, kind))
            view.page_list.setCurrentRow(view.pages.index(page))
            return page

        # the scanner: discover, pick the SANE test scanner, make a profile
        scanner = open_page(ScannerPage)
        assert isinstance(scanner, ScannerPage)
        with qtbot.waitSignal(scanner.devices_found, timeout=WAIT) as found:
            scanner.discover_button.click()
        assert found.args[0] >= 1 and scanner.pick_device("sane:test:0")
        scanner.new_profile()
        scanner.name_edit.setText("Hồ sơ quầy 150 dpi")
        scanner.resolution.setValue(150)
        scanner.keep_profile()
        save(qtbot, view)

        # the printers: the (private) print server, both printers chosen, a test receipt
        printers = open_page(PrinterPage)
        assert isinstance(printers, PrinterPage)
        printers.server_edit.setText(cups.address)
        qtbot.waitUntil(printers.refresh_button.isEnabled, timeout=WAIT)  # first listing done
        with qtbot.waitSignal(printers.printers_listed, timeout=WAIT) as listed:
            printers.refresh_button.click()
        assert listed.args[0] is True, listed.args[1]
        qtbot.waitUntil(lambda: printers.a4_combo.findData(A4_QUEUE) >= 0, timeout=WAIT)
        printers.a4_combo.setCurrentIndex(printers.a4_combo.findData(A4_QUEUE))
        printers.receipt_combo.setCurrentIndex(printers.receipt_combo.findData(RECEIPT_QUEUE))
        with qtbot.waitSignal(printers.tested, timeout=WAIT) as printed:
            printers.receipt_test_button.click()
        assert printed.args[0] is True, printed.args[1]
        assert b"%PDF-" in (cups.out / f"{RECEIPT_QUEUE}.pdf").read_bytes()
        save(qtbot, view)

        # the hub: address and token, tested, saved
        hub_page = open_page(HubPage)
        assert isinstance(hub_page, HubPage)
        hub_page.url_edit.setText(hub.url)
        hub_page.token_edit.setText(hub.add_token("quay-moi", "counter", AGENCY))
        hub_page.edited.emit()
        with qtbot.waitSignal(hub_page.tested, timeout=WAIT) as tested:
            hub_page.test_button.click()
        assert tested.args[0] is True, tested.args[1]
        save(qtbot, view)

        # the signing certificate: imported with its password (kept in the keyring)
        certificate = open_page(CertificatePage)
        assert isinstance(certificate, CertificatePage)
        certificate.ask_file = lambda: p12
        certificate.password_edit.setText(CERT_PASSWORD)
        with qtbot.waitSignal(certificate.inspected, timeout=WAIT) as opened:
            certificate.import_button.click()
        assert opened.args[0] is True, opened.args[1]
        save(qtbot, view)

        # what the program will read at its next start, and the technician's check
        reloaded = load_settings()
        assert reloaded.scanning.device == "sane:test:0"
        assert reloaded.printing.receipt_printer == RECEIPT_QUEUE
        assert reloaded.hub.url == hub.url and reloaded.signing.password == CERT_PASSWORD
        capsys.readouterr()
        code = cli_main(["diag", "--json", "--timeout", "60"])
        report = json.loads(capsys.readouterr().out)
        not_green = {c["name"]: c["problem"] for c in report["checks"] if c["ok"] is not True}
        assert not_green == {} and report["ok"] is True and code == 0
    ctx.close()
