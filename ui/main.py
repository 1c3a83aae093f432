"""Starting the counter program: database, first start, log-in, main window."""

from __future__ import annotations

import logging
import logging.handlers
import sys

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app.catalog.store import ensure_catalog
from app.config import Settings, load_settings
from app.context import AppContext
from app.security import has_users
from app.storage.migrate import upgrade
from ui.i18n import install_translator
from ui.login import FirstRunDialog, LoginDialog
from ui.main_window import MainWindow
from ui.workers import BackgroundJobs


def setup_logging(settings: Settings) -> None:
    log_dir = settings.data_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        log_dir / "onestop.log", maxBytes=5_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler])


def open_context(settings: Settings) -> AppContext:
    """Migrate the embedded database and make sure a catalog is loaded."""
    upgrade(settings.resolved_database_url)
    ctx = AppContext.open(settings)
    ensure_catalog(ctx.db)
    return ctx


def start(app: QApplication, settings: Settings) -> MainWindow | None:
    install_translator(app, settings.language)
    # The first-start and log-in dialogs close before the main window opens: that moment
    # with no window must not end the program.
    app.setQuitOnLastWindowClosed(False)
    ctx = open_context(settings)
    # Files left by an intake that crashed before its commit (not referenced, > 1 h old).
    housekeeping = BackgroundJobs()
    housekeeping.start(ctx.sweep_orphan_files)
    if not has_users(ctx.db):
        first = FirstRunDialog(ctx.db, settings)
        if first.exec() != QDialog.DialogCode.Accepted:
            return None
    login = LoginDialog(ctx.db)
    if login.exec() != QDialog.DialogCode.Accepted or login.user is None:
        return None
    window = MainWindow(ctx, login.user)
    window.housekeeping = housekeeping
    window.showMaximized()
    app.setQuitOnLastWindowClosed(True)
    return window


def run_gui() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    settings = load_settings()
    setup_logging(settings)
    try:
        window = start(app, settings)
    except Exception as exc:  # the database cannot be opened: say so, do not crash silently
        logging.getLogger(__name__).exception("start-up failed")
        QMessageBox.critical(None, "onestop", f"Không khởi động được chương trình: {exc}")
        return 1
    if window is None:
        return 0
    return app.exec()
