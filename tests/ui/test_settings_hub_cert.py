"""The hub and certificate settings pages, offscreen, inside the real settings view: PKCS#12
files from the test PKI, the in-memory keyring in place of the OS one, and the real hub in a
subprocess on loopback."""

from __future__ import annotations

import stat
import tomllib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from app.config import config_file_path, load_settings
from app.context import AppContext
from app.secret_store import SERVICE, SIGNING_PASSWORD
from tests.hub.support import AGENCY, RunningHub, free_port, run_hub, write_ca_bundle
from tests.support.keyrings import MemoryKeyring
from tests.support.pki import CertPair, make_agency_cert, make_ca, write_pkcs12
from ui.settings.certificate_page import CertificatePage
from ui.settings.hub_page import HubPage
from ui.settings.page import SettingsPage
from ui.settings.settings_view import SettingsView

PASSWORD = "matkhau-chungthu"
NAME = "UBND XÃ ĐÔNG SƠN"
WAIT = 20000


@pytest.fixture(scope="module")
def ca() -> CertPair:
    return make_ca("UI Root CA")


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningHub]:
    with run_hub(tmp_path_factory.mktemp("hub")) as running:
        yield running


def p12(tmp_path: Path, ca: CertPair, file_name: str = "agency.p12", **validity: object) -> Path:
    key, cert = make_agency_cert(ca, NAME, **validity)  # type: ignore[arg-type]
    return write_pkcs12(tmp_path / file_name, key, cert, ca[1], PASSWORD.encode())


def show(qtbot: QtBot, ctx: AppContext, page: SettingsPage) -> SettingsView:
    view = SettingsView(ctx, [page])
    qtbot.addWidget(view)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    return view


def stored() -> dict[str, object]:
    return tomllib.loads(config_file_path().read_text(encoding="utf-8"))


def import_through_page(qtbot: QtBot, page: CertificatePage, source: Path, password: str) -> bool:
    page.ask_file = lambda: source
    page.password_edit.clear()
    qtbot.keyClicks(page.password_edit, password)
    with qtbot.waitSignal(page.inspected, timeout=WAIT) as opened:
        page.import_button.click()
    return bool(opened.args[0])


# --- the certificate page --------------------------------------------------------------------


def test_import_saves_the_copy_and_keeps_the_password_out_of_the_file(
    qtbot: QtBot, ctx: AppContext, ca: CertPair, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    page = CertificatePage(ctx)
    view = show(qtbot, ctx, page)
    assert "Chưa cài chứng thư số" in page.status.text()
    assert page.password_edit.echoMode() == QLineEdit.EchoMode.Password
    source = p12(tmp_path, ca, days=365)
    assert import_through_page(qtbot, page, source, PASSWORD)
    assert page.fields["name"].text() == NAME and page.fields["issuer"].text() == "UI Root CA"
    assert page.fields["days_left"].text() in ("364 ngày", "365 ngày")
    assert not (ctx.settings.data_dir / "certificates").exists()  # installed only on Save
    with qtbot.waitSignal(view.saved, timeout=WAIT):
        qtbot.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    installed = Path(stored()["signing"]["pkcs12"])  # type: ignore[index]
    assert installed.parent == ctx.settings.data_dir / "certificates"
    assert installed.read_bytes() == source.read_bytes()
    assert stat.S_IMODE(installed.stat().st_mode) == 0o600
    text = config_file_path().read_text(encoding="utf-8")
    assert "password" not in text and PASSWORD not in text
    assert memory_keyring.items[(SERVICE, SIGNING_PASSWORD)] == PASSWORD
    assert ctx.settings.signing.pkcs12 == installed and ctx.settings.signing.password == PASSWORD
    reloaded = load_settings()  # as the program starts next time: the password from the keyring
    assert reloaded.signing.pkcs12 == installed and reloaded.signing.password == PASSWORD
    qtbot.waitUntil(lambda: page.shown_info is not None, timeout=WAIT)  # the installed one
    assert "Chứng thư số còn hiệu lực" in page.status.text() and page.password_edit.text() == ""
    assert page.password_edit.placeholderText() == "(đã lưu)"

    # a wrong password for the installed file: refused, the good one stays
    qtbot.keyClicks(page.password_edit, "sai-mat-khau")
    assert view.save_button.isEnabled()
    before = config_file_path().read_bytes()
    with qtbot.waitSignal(view.refused, timeout=WAIT):
        view.save_button.click()
    assert "Mật khẩu chứng thư số không đúng" in view.message.text()
    assert memory_keyring.items[(SERVICE, SIGNING_PASSWORD)] == PASSWORD
    assert config_file_path().read_bytes() == before and ctx.settings.signing.password == PASSWORD


def test_wrong_password_shows_nothing_and_saves_nothing(
    qtbot: QtBot, ctx: AppContext, ca: CertPair, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    page = CertificatePage(ctx)
    view = show(qtbot, ctx, page)
    assert not import_through_page(qtbot, page, p12(tmp_path, ca), "sai-mat-khau")
    assert page.shown_info is None and page.fields["name"].text() == ""
    assert "Mật khẩu chứng thư số không đúng" in page.status.text()
    assert view.save_button.isEnabled()
    view.save_button.click()  # refused at once: the chosen file did not open
    assert "Mật khẩu chứng thư số không đúng" in view.message.text()
    assert not config_file_path().exists() and not memory_keyring.items
    assert ctx.settings.signing.pkcs12 is None

    page.password_edit.clear()  # corrected, then Enter checks the chosen file again
    qtbot.keyClicks(page.password_edit, PASSWORD)
    with qtbot.waitSignal(page.inspected, timeout=WAIT) as opened:
        qtbot.keyClick(page.password_edit, Qt.Key.Key_Return)
    assert opened.args[0] and page.fields["name"].text() == NAME
    with qtbot.waitSignal(view.saved, timeout=WAIT):
        view.save_button.click()
    assert memory_keyring.items[(SERVICE, SIGNING_PASSWORD)] == PASSWORD


def test_soon_expiring_and_expired_certificates_are_flagged(
    qtbot: QtBot, ctx: AppContext, ca: CertPair, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    page = CertificatePage(ctx)
    _view = show(qtbot, ctx, page)  # kept: the view owns the page
    assert import_through_page(qtbot, page, p12(tmp_path, ca, days=10), PASSWORD)
    assert "sắp hết hạn" in page.status.text() and "#8a5300" in page.status.styleSheet()
    expired = p12(tmp_path, ca, "old.p12", days=5, not_before=datetime.now(UTC) - timedelta(9))
    assert not import_through_page(qtbot, page, expired, PASSWORD)
    assert "đã hết hạn" in page.status.text() and "#b00020" in page.status.styleSheet()
    with pytest.raises(Exception, match="đã hết hạn"):
        page.changes()


def test_trusted_ca_must_have_issued_the_certificate(
    qtbot: QtBot, ctx: AppContext, ca: CertPair, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    page = CertificatePage(ctx)
    view = show(qtbot, ctx, page)
    assert import_through_page(qtbot, page, p12(tmp_path, ca), PASSWORD)
    page.ask_ca_file = lambda: write_ca_bundle(tmp_path / "other.pem", make_ca("Other")[1])
    page.ca_button.click()
    with qtbot.waitSignal(view.refused, timeout=WAIT):
        view.save_button.click()
    assert "không do CA" in view.message.text() and not config_file_path().exists()
    page.ask_ca_file = lambda: write_ca_bundle(tmp_path / "ca.pem", ca[1])
    page.ca_button.click()
    with qtbot.waitSignal(view.saved, timeout=WAIT):
        view.save_button.click()
    assert ctx.settings.signing.trusted_ca == tmp_path / "ca.pem"
    assert stored()["signing"]["trusted_ca"] == str(tmp_path / "ca.pem")  # type: ignore[index]


# --- the hub page ----------------------------------------------------------------------------


def fill(page: HubPage, url: str, token: str = "") -> None:
    page.url_edit.setText(url)
    page.token_edit.setText(token)
    page.edited.emit()


def test_hub_connection_tested_and_saved(qtbot: QtBot, ctx: AppContext, hub: RunningHub) -> None:
    page = HubPage(ctx)
    view = show(qtbot, ctx, page)
    token = hub.add_token("quay-caidat", "counter", AGENCY)
    assert page.token_edit.echoMode() == QLineEdit.EchoMode.Password
    fill(page, hub.url, token)
    with qtbot.waitSignal(page.tested, timeout=WAIT) as tested:
        page.test_button.click()
    assert tested.args[0] is True, tested.args[1]
    assert "Kết nối máy chủ tỉnh bình thường" in page.result.text()
    assert page.last_check is not None and abs(page.last_check.clock_skew_s or 0) < 5
    with qtbot.waitSignal(view.saved, timeout=WAIT):
        view.save_button.click()
    assert stored()["hub"] == {"url": hub.url, "token": token}
    assert ctx.settings.hub.url == hub.url and ctx.settings.hub.token == token
    assert page.token_edit.text() == "" and page.token_edit.placeholderText() == "(đã lưu)"

    before = config_file_path().read_bytes()
    fill(page, hub.url, "sai-ma-truy-cap")
    with qtbot.waitSignal(view.refused, timeout=WAIT):
        view.save_button.click()
    assert "mã truy cập" in view.message.text()
    assert config_file_path().read_bytes() == before and ctx.settings.hub.token == token

    page.load(ctx.settings)  # the stored token is used when the field stays empty
    with qtbot.waitSignal(page.tested, timeout=WAIT) as again:
        page.test_button.click()
    assert again.args[0] is True


def test_unreachable_or_invalid_hub_is_refused_and_no_hub_is_allowed(
    qtbot: QtBot, ctx: AppContext
) -> None:
    page = HubPage(ctx)
    view = show(qtbot, ctx, page)
    fill(page, f"http://127.0.0.1:{free_port()}", "ma-bat-ky")  # nothing listens there
    with qtbot.waitSignal(page.tested, timeout=WAIT) as tested:
        page.test_button.click()
    assert tested.args[0] is False and "Không kết nối được máy chủ tỉnh" in page.result.text()
    with qtbot.waitSignal(view.refused, timeout=WAIT):
        view.save_button.click()
    assert "Không kết nối được máy chủ tỉnh" in view.message.text()
    assert not config_file_path().exists() and ctx.settings.hub.url == ""

    fill(page, "hub-tinh-khong-co-giao-thuc", "ma")
    with qtbot.waitSignal(view.refused, timeout=WAIT):
        view.save_button.click()
    assert "không hợp lệ" in view.message.text()

    fill(page, "https://127.0.0.1:1", "ma")
    page.ca_edit.setText(str(config_file_path().with_name("khong-co.pem")))
    with qtbot.waitSignal(view.refused, timeout=WAIT):
        view.save_button.click()
    assert "Không mở được tệp chứng thư CA" in view.message.text()

    page.ca_edit.clear()
    fill(page, "")  # no hub: the counter works on its own
    page.timeout_spin.setValue(5.0)
    with qtbot.waitSignal(view.saved, timeout=WAIT):
        view.save_button.click()
    assert ctx.settings.hub.url == "" and ctx.settings.hub.timeout_s == 5.0


def test_tls_failure_is_refused(qtbot: QtBot, ctx: AppContext, hub: RunningHub) -> None:
    """TLS spoken to the plain-HTTP hub: the handshake fails, nothing is stored."""
    page = HubPage(ctx)
    view = show(qtbot, ctx, page)
    token = hub.add_token("quay-tls", "counter", AGENCY)
    fill(page, hub.url.replace("http://", "https://"), token)
    with qtbot.waitSignal(view.refused, timeout=WAIT):
        view.save_button.click()
    assert "Không kết nối được máy chủ tỉnh" in view.message.text()
    assert not config_file_path().exists() and ctx.settings.hub.token == ""
