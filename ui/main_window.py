"""The counter's main window: intake and dossier lookup, who is logged in, connection state."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QWidget

from app.context import AppContext
from app.domain.status import Role
from app.scanning import new_pipeline
from app.security import CurrentUser
from ui.audit_view import AuditView
from ui.dashboard_view import DashboardView
from ui.diagnostics_view import DiagnosticsView
from ui.intake_view import IntakeView
from ui.late_view import LateView
from ui.lookup_view import LookupView
from ui.satisfaction import SatisfactionPrompt
from ui.settings.pages import technician_settings
from ui.settings.settings_view import SettingsView
from ui.transfer_view import TransferView, background_transfer
from ui.workers import BackgroundJobs

TRANSFER_EVERY_MS = 30_000
SUPERVISING_ROLES = (Role.SUPERVISOR, Role.ADMIN)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, user: CurrentUser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.user = ctx, user
        self.housekeeping: BackgroundJobs | None = None  # start-up jobs, kept alive here
        agency = ctx.settings.agency
        self.setWindowTitle(
            self.tr("One-stop counter — {agency}").format(agency=agency.name or agency.code)
        )
        self.tabs = QTabWidget()
        # One pool of page workers for the session, started now so the first scan is quick.
        self.pipeline = new_pipeline(ctx.settings)
        self.pipeline.start()
        self.intake = IntakeView(ctx, user, pipeline=self.pipeline)
        self.lookup = LookupView(ctx, user)
        self.tabs.addTab(self.intake, self.tr("&Intake"))
        self.tabs.addTab(self.lookup, self.tr("&Look up dossier"))
        self.transfer = TransferView(ctx)
        self.tabs.addTab(self.transfer, self.tr("&Transfer queue"))
        # The supervisor's views: figures, late dossiers, who saw what.
        self.dashboard: DashboardView | None = None
        self.late: LateView | None = None
        self.audit: AuditView | None = None
        if user.role in SUPERVISING_ROLES:
            self.dashboard = DashboardView(ctx, user)
            self.late = LateView(ctx, user)
            self.audit = AuditView(ctx, user)
            self.tabs.addTab(self.dashboard, self.tr("Dash&board"))
            self.tabs.addTab(self.late, self.tr("Late &dossiers"))
            self.tabs.addTab(self.audit, self.tr("Access lo&g"))
            self.dashboard.open_dossier.connect(self.open_dossier)
            self.late.open_dossier.connect(self.open_dossier)
        # The technician's view: why something does not work.
        self.diagnostics: DiagnosticsView | None = None
        self.settings_view: SettingsView | None = None
        if user.role in (Role.TECHNICIAN, Role.ADMIN):
            self.settings_view = technician_settings(ctx, user)
            self.tabs.addTab(self.settings_view, self.tr("Setti&ngs"))
            self.diagnostics = DiagnosticsView(ctx.settings)
            self.tabs.addTab(self.diagnostics, self.tr("D&iagnostics"))
            self.settings_view.saved.connect(self.settings_saved)
        self.satisfaction = SatisfactionPrompt(ctx, user, self)
        self.intake.receipt_printed.connect(lambda code: self.satisfaction.ask(code, "receipt"))
        self.lookup.result_returned.connect(lambda code: self.satisfaction.ask(code, "return"))
        self.setCentralWidget(self.tabs)
        self.resize(1400, 860)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        menu = self.menuBar().addMenu(self.tr("&File"))
        menu.addAction(quit_action)
        self.hub_state = QLabel(self.tr("Hub: not configured — vault lookups are local only"))
        self.hub_state.setObjectName("hub_state")
        status = self.statusBar()
        status.addWidget(
            QLabel(
                self.tr("{name} ({role}) · counter {counter} · {agency}").format(
                    name=user.full_name,
                    role=self.role_label(user.role),
                    counter=ctx.settings.counter_code,
                    agency=agency.code,
                )
            )
        )
        status.addPermanentWidget(self.hub_state)
        self._transfer_jobs = BackgroundJobs()
        self.transfer_timer = QTimer(self)
        self.transfer_timer.setInterval(TRANSFER_EVERY_MS)
        self.transfer_timer.timeout.connect(self.transfer_round)
        if ctx.settings.hub.url:
            self.transfer_timer.start()
            QTimer.singleShot(0, self.transfer_round)

    def transfer_round(self) -> None:
        """Deliver due dossiers and pull status in a worker; show the hub's state."""

        def done(result: object) -> None:
            assert isinstance(result, tuple)
            ok, message = result
            self.hub_state.setText(
                self.tr("Hub: connected")
                if ok
                else self.tr("Hub: {problem}").format(problem=message)
            )

        def failed(message: str) -> None:
            self.hub_state.setText(
                self.tr("Hub unreachable — vault lookups are local only. {why}").format(why=message)
            )

        self._transfer_jobs.start(background_transfer, self.ctx, on_done=done, on_error=failed)

    def settings_saved(self) -> None:
        """Views that keep the settings they started with get the saved ones."""
        self.intake.scan_panel.use_settings(self.ctx.settings)
        if self.diagnostics is not None:
            self.diagnostics.settings = self.ctx.settings
        if self.ctx.settings.hub.url and not self.transfer_timer.isActive():
            self.transfer_timer.start()
            QTimer.singleShot(0, self.transfer_round)
        elif not self.ctx.settings.hub.url:
            self.transfer_timer.stop()

    def open_dossier(self, code: str) -> None:
        """Show a dossier in the lookup tab (from a drill-down or the late list)."""
        self.tabs.setCurrentWidget(self.lookup)
        self.lookup.query.setText(code)
        self.lookup.look_up()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.intake.scan_panel.stop()
        self.pipeline.close(wait=False)
        super().closeEvent(event)

    def role_label(self, role: Role) -> str:
        return {
            Role.OFFICER: self.tr("counter officer"),
            Role.SUPERVISOR: self.tr("supervisor"),
            Role.TECHNICIAN: self.tr("technician"),
            Role.ADMIN: self.tr("administrator"),
        }[role]
