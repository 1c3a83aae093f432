"""Every GUI test runs in the program's default language, Vietnamese (tests of the English
translation install it themselves)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from ui.i18n import install_translator


@pytest.fixture(autouse=True)
def _vietnamese(qapp: QApplication) -> None:
    assert install_translator(qapp, "vi"), "the Vietnamese .qm is missing: run `make translations`"
