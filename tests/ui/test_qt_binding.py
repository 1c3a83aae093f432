"""The Qt binding itself: PySide6 6.12.0 drops a reference to ``True`` on every
``Signal.emit()``; a program that emits a few thousand signals (every background job emits
two or three) then dies with "bool_dealloc" — at the latest when it exits. pyproject.toml
excludes that version; this test catches any other with the same fault."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication


class Emitter(QObject):
    flag = Signal(bool, str)
    value = Signal(object)


def test_emitting_signals_keeps_reference_counts(qapp: QApplication) -> None:
    emitter = Emitter()
    received: list[object] = []
    emitter.flag.connect(lambda ok, text: received.append((ok, text)))
    emitter.value.connect(received.append)
    gc.collect()
    true_before, false_before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(500):
        emitter.flag.emit(True, "x")
        emitter.value.emit(False)
    received.clear()
    gc.collect()
    assert sys.getrefcount(True) - true_before > -50
    assert sys.getrefcount(False) - false_before > -50
