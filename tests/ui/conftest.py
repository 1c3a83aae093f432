"""Every GUI test runs in the program's default language, Vietnamese (tests of the English
translation install it themselves), and ends only once its background workers have: a
worker still running Python code while the interpreter shuts down crashes it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

from ui.i18n import install_translator

WORKERS_TIMEOUT_MS = 60_000


@pytest.fixture(autouse=True)
def _vietnamese(qapp: QApplication) -> Iterator[None]:
    assert install_translator(qapp, "vi"), "the Vietnamese .qm is missing: run `make translations`"
    yield
    assert QThreadPool.globalInstance().waitForDone(WORKERS_TIMEOUT_MS), "a worker never ended"
    qapp.processEvents()  # their queued results, delivered while the widgets still exist
