"""Screenshots of the technician's settings tab, each page driven with real components:
the SANE test backend, a private CUPS scheduler, the real hub in a subprocess, a test PKI.

QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots_technician.py

Writes docs/screenshots/settings-*.png.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "docs"))

from cryptography import x509  # noqa: E402
from cryptography.x509.oid import NameOID  # noqa: E402
from make_screenshots import grab, settle, wait_for  # noqa: E402
from PySide6.QtCore import QCoreApplication, SignalInstance  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.catalog.store import import_bundled_catalog  # noqa: E402
from app.config import AgencySettings, FormSettings, Settings  # noqa: E402
from app.context import AppContext  # noqa: E402
from app.domain.status import Role  # noqa: E402
from app.errors import UserError  # noqa: E402
from app.security import MAX_FAILED_LOGINS, authenticate, create_user  # noqa: E402
from app.storage.migrate import upgrade  # noqa: E402
from app.users import set_active  # noqa: E402
from tests.catalog.test_catalog_diff import modified_catalog  # noqa: E402
from tests.hub.support import AGENCY, run_hub  # noqa: E402
from tests.support import pki  # noqa: E402
from tests.support.cups import A4_QUEUE, RECEIPT_QUEUE, cups_server  # noqa: E402
from tests.support.pki import make_agency_cert, make_ca, write_pkcs12  # noqa: E402
from tests.support.sane import ensure_sane_test_config  # noqa: E402
from ui.i18n import install_translator  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.settings.agency_page import AgencyPage  # noqa: E402
from ui.settings.catalog_page import CatalogPage  # noqa: E402
from ui.settings.certificate_page import CertificatePage  # noqa: E402
from ui.settings.hub_page import HubPage  # noqa: E402
from ui.settings.printer_page import PrinterPage  # noqa: E402
from ui.settings.scanner_page import ScannerPage  # noqa: E402
from ui.settings.settings_view import SettingsView  # noqa: E402
from ui.settings.users_page import UsersPage  # noqa: E402

AGENCY_NAME = "UBND phường Bến Thành"
CERT_PASSWORD = "matkhau-chungthu"
TEST_DEVICE = "sane:test:0"


def vietnamese_name(common_name: str) -> x509.Name:
    """The test PKI's subject names, with a Vietnamese organisation instead of its own."""
    organisation = "Ban Cơ yếu Chính phủ" if common_name.startswith("CA") else AGENCY_NAME
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def wait_signal(
    signal: SignalInstance, trigger: Callable[[], Any], timeout_ms: int = 30000
) -> list[Any]:
    """Run *trigger* and wait until *signal* is emitted; returns its arguments."""
    got: list[list[Any]] = []

    def record(*args: Any) -> None:
        got.append(list(args))

    signal.connect(record)
    try:
        trigger()
        wait_for(lambda: bool(got), timeout_ms)
    finally:
        signal.disconnect(record)
    if not got:
        raise TimeoutError(f"no signal within {timeout_ms} ms")
    return got[0]


def show_page(view: SettingsView, page_type: type) -> Any:
    for row, page in enumerate(view.pages):
        if isinstance(page, page_type):
            view.page_list.setCurrentRow(row)
            settle(200)
            return page
    raise LookupError(page_type)


def shoot(window: MainWindow, name: str, action: Callable[[], None]) -> None:
    """One screenshot; a failure is reported and the next one still made."""
    start = time.monotonic()
    try:
        action()
        settle(500)
        grab(window, name)
        print(f"  ({time.monotonic() - start:.1f} s)")
    except Exception as exc:  # keep what works
        print(f"FAILED {name}: {type(exc).__name__}: {exc}", file=sys.stderr)


def main() -> None:
    began = time.monotonic()
    ensure_sane_test_config()
    app = QApplication.instance() or QApplication(sys.argv)
    install_translator(QCoreApplication.instance(), "vi")  # type: ignore[arg-type]
    tmp = Path(tempfile.mkdtemp(prefix="onestop-shots-"))
    os.environ["ONESTOP_CONFIG_FILE"] = str(tmp / "settings.toml")
    settings = Settings(
        data_dir=tmp / "data",
        counter_code="Q03",
        counter_name="Quầy 3 — Tư pháp – Hộ tịch",
        agency=AgencySettings(
            code="000.00.12.H29",
            name=AGENCY_NAME,
            superior_name="UBND THÀNH PHỐ HỒ CHÍ MINH",
            unit_name="BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
            place="Bến Thành",
            address="Số 92 Nguyễn Du, phường Bến Thành, Thành phố Hồ Chí Minh",
            hotline="028 3829 6161",
        ),
        forms=FormSettings(
            lookup_url_template="https://dichvucong.hochiminhcity.gov.vn/tra-cuu?ma={code}",
            result_delivery="Tại Bộ phận Một cửa hoặc qua dịch vụ bưu chính công ích",
        ),
    )
    settings.scanning.sane_options = {"test-picture": "Grid"}
    upgrade(settings.resolved_database_url)
    ctx = AppContext.open(settings)
    import_bundled_catalog(ctx.db)

    technician = create_user(ctx.db, "kythuat", "Đỗ Văn Kỹ Thuật", "kythuat2026x", Role.TECHNICIAN)
    create_user(ctx.db, "canbo", "Lê Thị Thu Hà", "canbo2026x", Role.OFFICER)
    create_user(ctx.db, "canbo2", "Nguyễn Hoàng Phúc", "canbo2026y", Role.OFFICER)
    create_user(ctx.db, "giamsat", "Phạm Thị Giám Sát", "giamsat2026x", Role.SUPERVISOR)
    create_user(ctx.db, "tranminh", "Trần Văn Minh", "tranminh2026x", Role.OFFICER)
    set_active(ctx.db, technician, "tranminh", False)  # left the office: disabled
    for _ in range(MAX_FAILED_LOGINS):  # forgot the password: locked
        with contextlib.suppress(UserError):
            authenticate(ctx.db, "canbo2", "sai-mat-khau1")

    with cups_server() as cups, run_hub(tmp / "hub") as hub:
        ctx.settings.printing.cups_server = cups.address
        window = MainWindow(ctx, technician)
        window.resize(1400, 860)
        window.show()
        assert window.settings_view is not None
        view = window.settings_view
        window.tabs.setCurrentWidget(view)
        settle()

        # 1. The agency page, as stored.
        shoot(window, "settings-agency.png", lambda: show_page(view, AgencyPage))

        # 2. Scanner: discover, pick the test scanner, a custom profile, a test scan.
        def scanner() -> None:
            page: ScannerPage = show_page(view, ScannerPage)
            count = wait_signal(page.devices_found, page.discover_button.click, 30000)[0]
            if not page.pick_device(TEST_DEVICE):
                raise RuntimeError(f"{TEST_DEVICE} not among {count} devices")
            page.new_button.click()
            page.name_edit.setText("Xám nhanh 150 dpi")
            page.resolution.setValue(150)
            page.mode.setCurrentIndex(page.mode.findData("gray"))
            page.save_profile_button.click()
            page.select_profile("Xám nhanh 150 dpi")
            ok, text = wait_signal(page.test_scanned, page.test_button.click, 90000)
            if not ok:
                raise RuntimeError(text)

        shoot(window, "settings-scanner.png", scanner)

        # 3. Printers of the private CUPS, both chosen, an A4 test page printed.
        def printers() -> None:
            page: PrinterPage = show_page(view, PrinterPage)
            wait_for(lambda: page.a4_combo.findData(A4_QUEUE) >= 0, 30000)
            page.a4_combo.setCurrentIndex(page.a4_combo.findData(A4_QUEUE))
            page.receipt_combo.setCurrentIndex(page.receipt_combo.findData(RECEIPT_QUEUE))
            page.kind_combo.setCurrentIndex(page.kind_combo.findData("thermal"))
            ok, text = wait_signal(page.tested, page.a4_test_button.click, 60000)
            if not ok:
                raise RuntimeError(text)

        shoot(window, "settings-printers.png", printers)

        # 4. The hub page after a successful "Test connection".
        def hub_page() -> None:
            page: HubPage = show_page(view, HubPage)
            token = hub.add_token("quay-03-ben-thanh", "counter", AGENCY)
            page.url_edit.setText(hub.url)
            page.token_edit.setText(token)
            page.edited.emit()
            ok, text = wait_signal(page.tested, page.test_button.click, 30000)
            if not ok:
                raise RuntimeError(text)

        shoot(window, "settings-hub.png", hub_page)

        # 5. A certificate that expires in 20 days: the amber warning.
        def certificate() -> None:
            page: CertificatePage = show_page(view, CertificatePage)
            pki._name = vietnamese_name  # type: ignore[assignment]
            ca = make_ca("CA thử nghiệm Ban Cơ yếu Chính phủ")
            key, cert = make_agency_cert(ca, AGENCY_NAME, days=20)
            source = write_pkcs12(
                tmp / "ubnd-ben-thanh.p12", key, cert, ca[1], CERT_PASSWORD.encode()
            )
            page.ask_file = lambda: source
            page.password_edit.setText(CERT_PASSWORD)
            ok, text = wait_signal(page.inspected, page.import_button.click, 30000)
            if not ok:
                raise RuntimeError(text)

        shoot(window, "settings-certificate.png", certificate)

        # 6. Users: five accounts, one disabled, one locked (selected: "Unlock" enabled).
        def users() -> None:
            page: UsersPage = show_page(view, UsersPage)
            page.select_user("canbo2")

        shoot(window, "settings-users.png", users)

        # 7. The catalog page with the diff of a modified catalog file.
        def catalog() -> None:
            page: CatalogPage = show_page(view, CatalogPage)
            page.ask_file = lambda: str(modified_catalog(tmp / "danh-muc-2027.json"))
            ok, text = wait_signal(page.checked, page.import_button.click, 30000)
            if not ok:
                raise RuntimeError(text)

        shoot(window, "settings-catalog.png", catalog)

        window.pipeline.close(wait=False)
        window.close()
        settle()
    app.quit()
    print(f"done in {time.monotonic() - began:.1f} s")


if __name__ == "__main__":
    main()
