"""The technician's "Province hub" page: the hub's address, this counter's access token, the
CA file for the hub's TLS certificate and the time-out, with "Test connection".

The test is the one ``onestop hub-check`` runs (:meth:`HubClient.check`: reachability, the
token, the clock). "Save" runs it again on the new settings when the address, token or CA
file changed, and refuses a hub that cannot be reached or refuses the token, so the last good
setting stays. An empty address is allowed: the counter then works on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import shiboken6
from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.certificates import load_trusted_cas
from app.config import HubSettings, Settings
from app.context import AppContext
from app.errors import UserError
from app.transfer.client import HubCheck, HubClient
from ui.settings.page import SettingsPage
from ui.workers import BackgroundJobs


def hub_check(hub: HubSettings) -> HubCheck:
    """Worker: what ``onestop hub-check`` checks, on *hub*; an address that is no URL or a CA
    file that is no PEM certificate is refused first, in words the technician can act on."""
    try:
        url = httpx.URL(hub.url)
    except httpx.InvalidURL:
        url = None
    if url is None or url.scheme not in ("http", "https") or not url.host:
        raise UserError(
            f"Địa chỉ máy chủ tỉnh «{hub.url}» không hợp lệ: cần dạng "
            "https://ten-may-chu hoặc https://ten-may-chu:cong (để trống nếu không dùng).",
            field="hub.url",
        )
    if hub.ca_file is not None:
        load_trusted_cas(hub.ca_file)
    with HubClient(hub) as client:
        return client.check()


def require_connection(hub: HubSettings) -> HubCheck:
    """:func:`hub_check`, refusing a hub that cannot be reached or does not accept the token
    (a clock difference is reported, not refused: the hub setting is right)."""
    result = hub_check(hub)
    if not (result.reachable and result.authenticated):
        raise UserError(result.message, field="hub.url")
    return result


class HubPage(SettingsPage):
    #: "Test connection" finished: everything fine (True) or not, and the hub's message.
    tested = Signal(bool, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.jobs = BackgroundJobs()
        self.ask_ca_file: Callable[[], Path | None] = self._ask_ca_file
        """The CA file for the hub's TLS certificate (a file dialog; replaced in tests)."""
        self._hub = HubSettings()
        self.last_check: HubCheck | None = None

        self.url_edit = QLineEdit()
        self.url_edit.setObjectName("hub_url")
        self.url_edit.setPlaceholderText(self.tr("https://hub.example — empty: no hub"))
        self.token_edit = QLineEdit()
        self.token_edit.setObjectName("hub_token")
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.ca_edit = QLineEdit()
        self.ca_edit.setObjectName("hub_ca_file")
        self.ca_edit.setPlaceholderText(self.tr("empty: the system's certificate authorities"))
        self.ca_button = QPushButton(self.tr("C&hoose…"))
        self.ca_button.clicked.connect(self._choose_ca)
        self.timeout_spin = QDoubleSpinBox()
        self.timeout_spin.setObjectName("hub_timeout")
        self.timeout_spin.setRange(1.0, 120.0)
        self.timeout_spin.setDecimals(1)
        self.timeout_spin.setMaximumWidth(160)
        self.timeout_spin.setSuffix(self.tr(" s"))
        for edit in (self.url_edit, self.token_edit, self.ca_edit):
            edit.textEdited.connect(lambda _text: self.edited.emit())
        self.timeout_spin.valueChanged.connect(lambda _value: self.edited.emit())
        self.test_button = QPushButton(self.tr("Test &connection"))
        self.test_button.setAutoDefault(True)
        self.test_button.clicked.connect(self.test_connection)
        self.url_edit.returnPressed.connect(self.test_connection)
        self.result = QLabel()
        self.result.setObjectName("hub_result")
        self.result.setWordWrap(True)

        form = QFormLayout()
        for text, field in (
            (self.tr("Hub &address:"), self.url_edit),
            (self.tr("Access &token:"), self.token_edit),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_edit, 1)
        ca_row.addWidget(self.ca_button)
        ca_label = QLabel(self.tr("CA &file (PEM):"))
        ca_label.setBuddy(self.ca_edit)
        form.addRow(ca_label, ca_row)
        timeout_label = QLabel(self.tr("T&ime-out:"))
        timeout_label.setBuddy(self.timeout_spin)
        form.addRow(timeout_label, self.timeout_spin)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(test_row)
        layout.addWidget(self.result)
        layout.addStretch(1)
        for first, second in (
            (self.url_edit, self.token_edit),
            (self.token_edit, self.ca_edit),
            (self.ca_edit, self.ca_button),
            (self.ca_button, self.timeout_spin),
            (self.timeout_spin, self.test_button),
        ):
            QWidget.setTabOrder(first, second)

    def title(self) -> str:
        return self.tr("Province hub")

    def load(self, settings: Settings) -> None:
        self._hub = settings.hub.model_copy()
        self.url_edit.setText(self._hub.url)
        self.token_edit.clear()  # a stored token is never shown
        self.token_edit.setPlaceholderText(self.tr("(saved)") if self._hub.token else "")
        self.ca_edit.setText(str(self._hub.ca_file or ""))
        with QSignalBlocker(self.timeout_spin):
            self.timeout_spin.setValue(self._hub.timeout_s)

    def shown_settings(self) -> HubSettings:
        """The hub settings as the form shows them (an empty token field: the stored one)."""
        ca_text = self.ca_edit.text().strip()
        return self._hub.model_copy(
            update={
                "url": self.url_edit.text().strip(),
                "token": self.token_edit.text().strip() or self._hub.token,
                "ca_file": Path(ca_text) if ca_text else None,
                "timeout_s": self.timeout_spin.value(),
            }
        )

    def changes(self) -> dict[str, Any]:
        shown = self.shown_settings()
        out: dict[str, Any] = {}
        for name in ("url", "token", "ca_file", "timeout_s"):
            value = getattr(shown, name)
            if value != getattr(self._hub, name):
                out[f"hub.{name}"] = str(value) if isinstance(value, Path) else value
        return out

    def verify(self, candidate: Settings) -> None:
        hub = candidate.hub
        changed = (hub.url, hub.token, hub.ca_file) != (
            self._hub.url,
            self._hub.token,
            self._hub.ca_file,
        )
        if changed and hub.url:
            require_connection(hub)

    # --- testing -----------------------------------------------------------------------------
    def test_connection(self) -> None:
        """Run the hub check on the settings shown (in a worker); the result shows below."""
        hub = self.shown_settings()
        if not hub.url:
            self._show_result(
                False, self.tr("No hub address: the counter works on its own."), "#8a5300"
            )
            return
        self.test_button.setEnabled(False)
        self.result.setStyleSheet("")
        self.result.setText(self.tr("Testing the connection to {url}…").format(url=hub.url))
        self.jobs.start(hub_check, hub, on_done=self._tested, on_error=self._test_failed)

    def _tested(self, result: object) -> None:
        assert isinstance(result, HubCheck)
        if not shiboken6.isValid(self):  # the page was closed meanwhile
            return
        self.last_check = result
        self.test_button.setEnabled(True)
        yes, no = self.tr("yes"), self.tr("no")
        skew = (
            self.tr("unknown")
            if result.clock_skew_s is None
            else self.tr("{seconds} s").format(
                seconds=self.locale().toString(result.clock_skew_s, "f", 1)
            )
        )
        lines = [
            self.tr("Reachable: {answer}").format(answer=yes if result.reachable else no),
            self.tr("Token accepted: {answer}").format(answer=yes if result.authenticated else no),
            self.tr("Clock difference: {skew}").format(skew=skew),
            result.message,
        ]
        self._show_result(result.ok, "\n".join(lines), "#1b5e20" if result.ok else "#b00020")

    def _test_failed(self, message: str) -> None:
        if not shiboken6.isValid(self):
            return
        self.last_check = None
        self.test_button.setEnabled(True)
        self._show_result(False, message, "#b00020")

    def _show_result(self, ok: bool, text: str, colour: str) -> None:
        self.result.setStyleSheet(f"color: {colour};")
        self.result.setText(text)
        self.tested.emit(ok, text)

    # --- file dialog -------------------------------------------------------------------------
    def _choose_ca(self) -> None:
        chosen = self.ask_ca_file()
        if chosen is not None:
            self.ca_edit.setText(str(chosen))
            self.edited.emit()

    def _ask_ca_file(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the hub's CA file"),
            "",
            self.tr("CA certificates (*.pem *.crt *.cer);;All files (*)"),
        )
        return Path(name) if name else None
