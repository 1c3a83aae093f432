"""The citizen's rating after the receipt (FACTS §6): Rất hài lòng / Hài lòng / Không hài lòng.

With a second screen facing the citizen, a full-screen window on it with three big buttons;
otherwise a small dialog the officer fills in with what the citizen says. Keys 1, 2, 3 rate,
Esc skips. The rating is stored in a worker.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QGuiApplication, QKeyEvent, QKeySequence, QScreen, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.context import AppContext
from app.reports.model import Rating
from app.satisfaction import record_rating
from app.security import CurrentUser
from ui.workers import BackgroundJobs

CITIZEN_TIMEOUT_MS = 90_000  # the citizen walked away: the window closes itself
RATINGS = (Rating.VERY_SATISFIED, Rating.SATISFIED, Rating.UNSATISFIED)
COLOURS = {
    Rating.VERY_SATISFIED: "#1b7a1b",
    Rating.SATISFIED: "#1565c0",
    Rating.UNSATISFIED: "#b00020",
}


def record(
    ctx: AppContext, code: str, rating: Rating, moment: str, source: str, user_id: int
) -> Rating:
    """Worker: store the rating."""

    record_rating(ctx.db, code, rating, moment=moment, source=source, user_id=user_id)
    return rating


def citizen_screen(screens: list[QScreen] | None = None) -> QScreen | None:
    """The screen facing the citizen: any screen other than the primary one, if attached."""
    screens = QGuiApplication.screens() if screens is None else screens
    if len(screens) < 2:
        return None
    primary = QGuiApplication.primaryScreen()
    return next((s for s in screens if s is not primary), screens[1])


def rating_buttons(big: bool, on_rate: Callable[[Rating], None]) -> list[QPushButton]:
    """The three buttons (mnemonics 1/2/3) of the officer's dialog and the citizen's window."""
    labels = {
        Rating.VERY_SATISFIED: QCoreApplication.translate("satisfaction", "Very satisfied"),
        Rating.SATISFIED: QCoreApplication.translate("satisfaction", "Satisfied"),
        Rating.UNSATISFIED: QCoreApplication.translate("satisfaction", "Not satisfied"),
    }
    buttons = []
    for number, rating in enumerate(RATINGS, start=1):
        button = QPushButton(f"&{number}  {labels[rating]}")
        button.setObjectName(f"rate_{rating.value}")
        button.setAutoDefault(False)
        if big:
            button.setMinimumSize(240, 220)
            font = QFont(button.font())
            font.setPointSizeF(font.pointSizeF() * 2.4)
            font.setBold(True)
            button.setFont(font)
            button.setStyleSheet(
                f"QPushButton {{ background: {COLOURS[rating]}; color: white;"
                " border-radius: 18px; padding: 24px; }"
            )
        button.clicked.connect(lambda _=False, r=rating: on_rate(r))
        buttons.append(button)
    return buttons


class RatingDialog(QDialog):
    """The officer asks the citizen and presses 1, 2 or 3 (Esc: the citizen declines)."""

    rated = Signal(object)  # Rating

    def __init__(self, dossier_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rating_dialog")
        self.setWindowTitle(self.tr("Citizen's satisfaction"))
        question = QLabel(
            self.tr(
                "Dossier {code}: how satisfied is the citizen with the service?\n"
                "Ask, then press 1, 2 or 3 (Esc: skip)."
            ).format(code=dossier_code)
        )
        question.setWordWrap(True)
        row = QHBoxLayout()
        self.buttons = rating_buttons(False, self.rated.emit)
        for button in self.buttons:
            row.addWidget(button)
        self.skip_button = QPushButton(self.tr("Skip (Esc)"))
        self.skip_button.setAutoDefault(False)
        self.skip_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addLayout(row)
        layout.addWidget(self.skip_button, 0, Qt.AlignmentFlag.AlignRight)
        self.rated.connect(lambda _r: self.accept())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        keys = {Qt.Key.Key_1: 0, Qt.Key.Key_2: 1, Qt.Key.Key_3: 2}
        index = keys.get(Qt.Key(event.key()))
        if index is not None:
            self.rated.emit(RATINGS[index])
            return
        super().keyPressEvent(event)


class CitizenRatingWindow(QWidget):
    """Full screen on the citizen's screen; the citizen touches a button, or the officer
    presses 1, 2 or 3 on the counter keyboard (Esc skips). Never takes the officer's focus."""

    rated = Signal(object)  # Rating
    skipped = Signal()

    def __init__(self, dossier_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("citizen_rating")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setWindowFlag(Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setWindowTitle(self.tr("Your opinion"))
        self.setStyleSheet("QWidget#citizen_rating { background: #fafafa; }")
        title = QLabel(self.tr("How satisfied are you with the service today?"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setWordWrap(True)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 3)
        font.setBold(True)
        title.setFont(font)
        code = QLabel(self.tr("Dossier {code}").format(code=dossier_code))
        code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        small = QFont(code.font())
        small.setPointSizeF(small.pointSizeF() * 1.6)
        code.setFont(small)
        row = QHBoxLayout()
        row.setSpacing(40)
        self.buttons = rating_buttons(True, self.rated.emit)
        for button in self.buttons:
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            row.addWidget(button)
        thanks = QLabel(self.tr("Thank you. Touch one of the buttons."))
        thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        thanks.setFont(small)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 60, 60, 60)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(code)
        layout.addSpacing(40)
        layout.addLayout(row)
        layout.addSpacing(30)
        layout.addWidget(thanks)
        layout.addStretch(1)
        # The officer's keyboard stays on the counter window: application-wide keys while shown.
        self.shortcuts = []
        for number, rating in enumerate(RATINGS, start=1):
            shortcut = QShortcut(QKeySequence(str(number)), self)
            shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
            shortcut.activated.connect(lambda r=rating: self.rated.emit(r))
            self.shortcuts.append(shortcut)
        escape = QShortcut(QKeySequence("Esc"), self)
        escape.setContext(Qt.ShortcutContext.ApplicationShortcut)
        escape.activated.connect(self.skip)
        self.shortcuts.append(escape)
        self.timeout = QTimer(self)
        self.timeout.setSingleShot(True)
        self.timeout.setInterval(CITIZEN_TIMEOUT_MS)
        self.timeout.timeout.connect(self.skip)
        self.rated.connect(lambda _r: self.close())
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def show_on(self, screen: QScreen) -> None:
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.timeout.start()

    def skip(self) -> None:
        self.skipped.emit()
        self.close()


class SatisfactionPrompt(QObject):
    """Asks for the rating of one dossier and stores it; ``finished`` when rated or skipped."""

    recorded = Signal(object)  # Rating
    failed = Signal(str)
    finished = Signal()

    def __init__(
        self,
        ctx: AppContext,
        user: CurrentUser,
        parent: QWidget,
        screens: list[QScreen] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.user, self._parent = ctx, user, parent
        self._screens = screens
        self._jobs = BackgroundJobs()
        self.window: CitizenRatingWindow | RatingDialog | None = None

    def ask(self, dossier_code: str, moment: str = "receipt") -> QWidget:
        if self.window is not None and shiboken6.isValid(self.window):
            self.window.close()
        screen = citizen_screen(self._screens)
        if screen is not None:
            window = CitizenRatingWindow(dossier_code)
            window.rated.connect(lambda r: self._store(dossier_code, r, moment, "citizen"))
            window.skipped.connect(self.finished)
            window.show_on(screen)
            self.window = window
            return window
        dialog = RatingDialog(dossier_code, self._parent)
        dialog.rated.connect(lambda r: self._store(dossier_code, r, moment, "officer"))
        dialog.rejected.connect(self.finished)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.window = dialog
        return dialog

    def _store(self, code: str, rating: object, moment: str, source: str) -> None:
        assert isinstance(rating, Rating)
        self.window = None

        def done(value: object) -> None:
            self.recorded.emit(value)
            self.finished.emit()

        def failed(message: str) -> None:
            self.failed.emit(message)
            self.finished.emit()

        self._jobs.start(
            record, self.ctx, code, rating, moment, source, self.user.id,
            on_done=done, on_error=failed,
        )  # fmt: skip
