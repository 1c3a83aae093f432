"""The transfer queue as the officer sees it: each accepted dossier's delivery to the hub
(state, attempts, last error, next attempt), with send now, retry and stop.

All database and network work runs in the thread pool; the table refreshes itself every few
seconds while the tab is shown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.transfer.queue import QueueRow, cancel, queue_rows, retry
from app.transfer.remote_vault import upload_new_documents
from app.transfer.service import open_queue
from ui.workers import BackgroundJobs

REFRESH_MS = 5000


def send_now(ctx: AppContext) -> str:
    """Deliver every waiting dossier now and pull the status back (in a worker)."""

    queue = open_queue(ctx)
    with queue.client:
        results = queue.run_once(ignore_backoff=True)
        pulled = queue.pull_status()
        upload_new_documents(ctx, queue.client)
    delivered = sum(1 for r in results if r.state == "delivered")
    return f"Đã gửi {delivered}/{len(results)} hồ sơ; {pulled} trạng thái mới từ máy chủ tỉnh."


def background_transfer(ctx: AppContext) -> tuple[bool, str]:
    """One round of the transfer worker: hub check, due deliveries, status pull."""

    queue = open_queue(ctx)
    with queue.client:
        check = queue.client.check()
        if check.reachable and check.authenticated:
            queue.run_once()
            queue.pull_status()
            upload_new_documents(ctx, queue.client)
    return check.ok, check.message


class TransferView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._jobs = BackgroundJobs()
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("transfer_table")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Dossier"),
                self.tr("State"),
                self.tr("Attempts"),
                self.tr("Next attempt"),
                self.tr("Last error"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.send_button = QPushButton(self.tr("&Send now"))
        self.retry_button = QPushButton(self.tr("&Retry selected"))
        self.cancel_button = QPushButton(self.tr("S&top selected"))
        self.message = QLabel()
        self.message.setObjectName("transfer_message")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.send_button, self.retry_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.send_button.clicked.connect(self.send)
        self.retry_button.clicked.connect(lambda: self._on_selected(retry))
        self.cancel_button.clicked.connect(lambda: self._on_selected(cancel))
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()
        self.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.timer.stop()

    def refresh(self) -> None:
        self._jobs.start(queue_rows, self.ctx, on_done=self._show, on_error=self.message.setText)

    def send(self) -> None:
        self.send_button.setEnabled(False)
        self.message.setText(self.tr("Sending…"))

        def done(text: object) -> None:
            self.send_button.setEnabled(True)
            self.message.setText(str(text))
            self.refresh()

        def failed(text: str) -> None:
            self.send_button.setEnabled(True)
            self.message.setText(text)
            self.refresh()

        self._jobs.start(send_now, self.ctx, on_done=done, on_error=failed)

    def _on_selected(self, action: Callable[[AppContext, str], None]) -> None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        if item is None:
            self.message.setText(self.tr("Select a dossier first."))
            return
        self._jobs.start(
            action, self.ctx, item.text(), on_done=lambda _r: self.refresh(),
            on_error=self.message.setText,
        )  # fmt: skip

    def _show(self, rows: object) -> None:
        assert isinstance(rows, list)
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            assert isinstance(row, QueueRow)
            when = row.next_attempt_at.strftime("%H:%M:%S %d/%m") if row.next_attempt_at else ""
            cells = (row.code, self.state_label(row.state), str(row.attempts), when, row.last_error)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(index, column, item)
        self.table.resizeColumnsToContents()

    def state_label(self, state: str) -> str:
        return {
            "queued": self.tr("waiting"),
            "sending": self.tr("sending"),
            "delivered": self.tr("delivered"),
            "rejected": self.tr("rejected by the hub"),
            "dead": self.tr("stopped"),
        }.get(state, state)
