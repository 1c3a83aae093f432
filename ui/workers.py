"""Background work off the GUI thread: a callable run in Qt's thread pool.

The result (or the error) comes back through queued signals, so the slots run on the GUI
thread. A worker can be cancelled: the callable receives a ``Cancel`` token to poll, and a
cancelled worker's result is dropped.

A job's modules are imported with the view that starts it (on the GUI thread), not inside the
job: two workers importing the same package at once can fail on CPython before 3.13 ("No
module named …", a half-initialised package — seen in the diagnostics' threads).
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.errors import UserError

log = logging.getLogger(__name__)


class Cancel:
    """Checked by long work between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def set(self) -> None:
        self._event.set()

    @property
    def requested(self) -> bool:
        return self._event.is_set()


class WorkerSignals(QObject):
    succeeded = Signal(object)
    failed = Signal(str)
    progress = Signal(int, str)
    finished = Signal()


class Worker(QRunnable):
    def __init__(self, job: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.signals = WorkerSignals()
        self.cancel = Cancel()
        self._job, self._args, self._kwargs = job, args, kwargs

    def run(self) -> None:
        try:
            self._run()
        finally:
            self.signals.finished.emit()

    def _run(self) -> None:
        try:
            result = self._job(*self._args, **self._kwargs)
        except UserError as exc:
            if not self.cancel.requested:
                self.signals.failed.emit(exc.message)
            return
        except Exception:
            incident = uuid.uuid4().hex[:8]
            log.exception("background job failed (incident %s)", incident)
            if not self.cancel.requested:
                self.signals.failed.emit(
                    f"Đã xảy ra lỗi không mong muốn (mã sự cố {incident}). "
                    "Dữ liệu đã nhập vẫn được giữ; hãy thử lại hoặc báo kỹ thuật viên mã này."
                )
            return
        if not self.cancel.requested:
            self.signals.succeeded.emit(result)


def run_in_background(
    job: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[str], None] | None = None,
    **kwargs: Any,
) -> Worker:
    worker = Worker(job, *args, **kwargs)
    if on_done is not None:
        worker.signals.succeeded.connect(on_done)
    if on_error is not None:
        worker.signals.failed.connect(on_error)
    QThreadPool.globalInstance().start(worker)
    return worker


class BackgroundJobs:
    """The workers a widget started, kept referenced until each one has finished."""

    def __init__(self) -> None:
        self._running: set[Worker] = set()

    def start(
        self,
        job: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        **kwargs: Any,
    ) -> Worker:
        worker = run_in_background(job, *args, on_done=on_done, on_error=on_error, **kwargs)
        self._running.add(worker)
        worker.signals.finished.connect(lambda: self._running.discard(worker))
        return worker

    def cancel_all(self) -> None:
        for worker in self._running:
            worker.cancel.set()
