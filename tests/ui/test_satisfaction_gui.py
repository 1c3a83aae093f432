"""The citizen's rating after the receipt: the officer's dialog by keyboard, the citizen's
full-screen window on a second screen, and the hook in the intake flow."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.context import AppContext
from app.domain.status import DossierStatus
from app.reports.model import Rating
from app.security import CurrentUser
from app.storage.models import Dossier, SatisfactionRating
from tests.support.history import History, make_history
from ui.i18n import install_translator
from ui.main_window import MainWindow
from ui.pdf_output import PdfPrinter
from ui.satisfaction import CitizenRatingWindow, RatingDialog, SatisfactionPrompt, citizen_screen

NOW = datetime(2026, 3, 18, 10, 30)


@pytest.fixture(autouse=True)
def vietnamese(qapp: QApplication) -> None:
    assert install_translator(qapp, "vi")


@pytest.fixture
def history(ctx: AppContext) -> History:
    return make_history(ctx, dossiers=20, months=1, seed=3, now=NOW)


def unrated(history: History, moment: str = "receipt") -> list[str]:
    return [d.code for d in history.dossiers if moment not in d.ratings]


def stored(ctx: AppContext, code: str) -> list[tuple[str, str, str]]:
    with ctx.db.reading() as session:
        rows = session.execute(
            select(SatisfactionRating.moment, SatisfactionRating.rating, SatisfactionRating.source)
            .join(Dossier, Dossier.id == SatisfactionRating.dossier_id)
            .where(Dossier.code == code)
        ).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def test_officer_dialog_rates_with_key_1(
    qtbot: QtBot, ctx: AppContext, officer: CurrentUser, history: History
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    primary = QGuiApplication.primaryScreen()
    prompt = SatisfactionPrompt(ctx, officer, parent, screens=[primary])
    code = unrated(history)[0]
    dialog = prompt.ask(code)
    assert isinstance(dialog, RatingDialog)
    assert "Rất hài lòng" in dialog.buttons[0].text()
    with qtbot.waitSignal(prompt.recorded, timeout=10000) as signal:
        qtbot.keyClick(dialog, Qt.Key.Key_1)
    assert signal.args == [Rating.VERY_SATISFIED]
    assert ("receipt", "rat_hai_long", "officer") in stored(ctx, code)


def test_escape_skips_without_a_rating(
    qtbot: QtBot, ctx: AppContext, officer: CurrentUser, history: History
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    prompt = SatisfactionPrompt(ctx, officer, parent, screens=[QGuiApplication.primaryScreen()])
    code = unrated(history)[1]
    dialog = prompt.ask(code)
    with qtbot.waitSignal(prompt.finished, timeout=5000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert [r for r in stored(ctx, code) if r[0] == "receipt"] == []


def test_second_screen_shows_the_citizen_window_full_screen(
    qtbot: QtBot, ctx: AppContext, officer: CurrentUser, history: History
) -> None:
    primary = QGuiApplication.primaryScreen()
    assert citizen_screen([primary]) is None
    assert citizen_screen([primary, primary]) is primary  # stands in for the second screen
    counter = QWidget()
    qtbot.addWidget(counter)
    counter.show()
    prompt = SatisfactionPrompt(ctx, officer, counter, screens=[primary, primary])
    code = unrated(history)[2]
    window = prompt.ask(code)
    assert isinstance(window, CitizenRatingWindow)
    qtbot.waitUntil(window.isFullScreen)
    assert window.isVisible()
    assert window.screen() is primary
    assert window.buttons[2].minimumHeight() >= 200  # big enough to touch
    with qtbot.waitSignal(prompt.recorded, timeout=10000) as signal:
        QTest.keyClick(counter, Qt.Key.Key_2)  # the officer's keyboard, not the citizen's screen
    assert signal.args == [Rating.SATISFIED]
    assert ("receipt", "hai_long", "citizen") in stored(ctx, code)
    qtbot.waitUntil(lambda: not prompt.window)


def test_citizen_window_touch(qtbot: QtBot) -> None:
    window = CitizenRatingWindow("000.00.06.H56-260318-0001")
    qtbot.addWidget(window)
    window.show_on(QGuiApplication.primaryScreen())
    with qtbot.waitSignal(window.rated) as signal:
        qtbot.mouseClick(window.buttons[2], Qt.MouseButton.LeftButton)
    assert signal.args == [Rating.UNSATISFIED]


def test_intake_asks_for_the_rating_after_the_receipt_is_printed(
    qtbot: QtBot,
    ctx: AppContext,
    officer: CurrentUser,
    history: History,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        QGuiApplication, "screens", staticmethod(lambda: [QGuiApplication.primaryScreen()])
    )
    monkeypatch.setattr(PdfPrinter, "print_pdf", lambda *_a: None)
    window = MainWindow(ctx, officer)
    qtbot.addWidget(window)
    window.show()
    code = unrated(history)[3]
    view = window.intake
    view._result = SimpleNamespace(dossier_code=code)  # type: ignore[assignment]
    view._form_pdf = b"%PDF-1.7"
    with qtbot.waitSignal(view.receipt_printed):
        view.print_button.click()
    dialog = window.satisfaction.window
    assert isinstance(dialog, RatingDialog)
    with qtbot.waitSignal(window.satisfaction.recorded, timeout=10000):
        qtbot.keyClick(dialog, Qt.Key.Key_3)
    assert ("receipt", "khong_hai_long", "officer") in stored(ctx, code)
    view._print()  # printing again does not ask again
    assert window.satisfaction.window is None


def test_handing_over_the_result_asks_for_the_rating_at_return(
    qtbot: QtBot,
    ctx: AppContext,
    officer: CurrentUser,
    history: History,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Look up a finished dossier, hand the result over (the button is there only for a
    finished one), then the citizen's rating is asked and stored as the rating at return."""
    monkeypatch.setattr(
        QGuiApplication, "screens", staticmethod(lambda: [QGuiApplication.primaryScreen()])
    )
    window = MainWindow(ctx, officer)
    qtbot.addWidget(window)
    window.show()
    lookup = window.lookup
    pending = next(d.code for d in history.dossiers if d.status == DossierStatus.IN_PROGRESS)
    lookup.query.setText(pending)
    lookup.look_up()
    qtbot.waitUntil(lambda: pending in lookup.details.toPlainText(), timeout=10000)
    assert not lookup.return_button.isEnabled()
    done = next(
        d.code
        for d in history.dossiers
        if d.status == DossierStatus.DONE and "return" not in d.ratings
    )
    lookup.query.setText(done)
    lookup.look_up()
    qtbot.waitUntil(lookup.return_button.isEnabled, timeout=10000)
    assert lookup.return_button.text() == "Trả kết &quả"
    with qtbot.waitSignal(lookup.result_returned, timeout=10000):
        lookup.return_button.click()
    qtbot.waitUntil(lambda: "Đã trả kết quả" in lookup.details.toPlainText(), timeout=10000)
    assert f"Đã trả kết quả hồ sơ {done}" in lookup.message.text()
    assert not lookup.return_button.isEnabled()
    dialog = window.satisfaction.window
    assert isinstance(dialog, RatingDialog)
    with qtbot.waitSignal(window.satisfaction.recorded, timeout=10000):
        qtbot.keyClick(dialog, Qt.Key.Key_1)
    assert ("return", "rat_hai_long", "officer") in stored(ctx, done)
