"""The supervisor's dashboard ("Tổng hợp"): the period's intake at a glance.

Figures come from ``app.reports.dashboard`` in a worker (never on the GUI thread); the view
refreshes itself every minute while it is shown and whenever a filter changes. Every tile,
pie slice and table row opens the dossiers behind it (drill-down), and a dossier opens in the
lookup tab.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import shiboken6
from PySide6.QtCharts import (
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QMargins, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QHideEvent, QKeySequence, QPainter, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.errors import UserError
from app.reports.dashboard import dashboard, drill_down
from app.reports.exports import daily_report_file, logbook_file
from app.reports.model import (
    Breakdown,
    DashboardFigures,
    DossierRow,
    Figure,
    Rating,
    ReportFilter,
)
from app.security import CurrentUser
from app.storage.database import Database
from printing.output import save_bytes
from ui.report_widgets import (
    DrillDownDialog,
    FilterChoices,
    Tile,
    fill_combo,
    hours,
    load_filter_choices,
)
from ui.workers import BackgroundJobs, Worker

REFRESH_MS = 60_000
DRILL_LIMIT = 2000
REUSE_TARGET = 0.80  # FACTS §8
SATISFACTION_TARGET = 0.95
GOOD, BAD = "#1b7a1b", "#b00020"

ON_TIME_COLOURS = {
    Figure.EARLY: "#2e7d32",
    Figure.ON_TIME: "#66bb6a",
    Figure.LATE: "#c62828",
    Figure.IN_TIME: "#42a5f5",
    Figure.OVERDUE: "#ff8f00",
}


def load_figures(db: Database, flt: ReportFilter, now: datetime) -> DashboardFigures:
    """Worker: every figure of the dashboard."""

    return dashboard(db, flt, now=now)


def load_drill_down(
    db: Database, flt: ReportFilter, figures: tuple[Figure, ...], now: datetime
) -> list[DossierRow]:
    """Worker: the dossiers behind one or more figures (in that order, each dossier once)."""

    seen: dict[str, DossierRow] = {}
    for figure in figures:
        for row in drill_down(db, flt, figure, now=now, limit=DRILL_LIMIT):
            seen.setdefault(row.code, row)
    return list(seen.values())[:DRILL_LIMIT]


def make_logbook(
    ctx: AppContext, kind: str, start: date, end: date, counter_code: str | None
) -> bytes:

    return logbook_file(ctx, start, end, kind, counter_code=counter_code)[0]


def make_daily_report(ctx: AppContext, kind: str, day: date, counter_code: str | None) -> bytes:

    return daily_report_file(ctx, day, kind, counter_code=counter_code)


def save_report(ctx: AppContext, path: Path, job: Callable[..., bytes], *args: object) -> Path:
    """Worker: make the report in the format the file name asks for, write it atomically.
    A disk error becomes a message saying what to do."""

    data = job(ctx, path.suffix.lower().lstrip("."), *args)
    try:
        save_bytes(data, path)
    except OSError as exc:
        raise UserError(
            f"Không ghi được tệp {path}: {exc.strerror}. Hãy chọn thư mục khác."
        ) from None
    return path


def period_range(kind: str, today: date) -> tuple[date, date]:
    if kind == "week":
        return today - timedelta(days=today.weekday()), today
    if kind == "month":
        return today.replace(day=1), today
    if kind == "year":
        return today.replace(month=1, day=1), today
    return today, today


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.0f} %"


class DashboardView(QWidget):
    open_dossier = Signal(str)
    refreshed = Signal()
    exported = Signal(str)

    def __init__(
        self,
        ctx: AppContext,
        user: CurrentUser,
        parent: QWidget | None = None,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.user, self.clock = ctx, user, clock
        self._jobs = BackgroundJobs()
        self._loading: Worker | None = None
        self._generation = 0
        self.figures: DashboardFigures | None = None
        self.drill: DrillDownDialog | None = None

        # --- filters ---------------------------------------------------------------------
        self.period = QComboBox()
        self.period.setObjectName("period")
        for key, label in (
            ("today", self.tr("Today")),
            ("week", self.tr("This week")),
            ("month", self.tr("This month")),
            ("year", self.tr("This year")),
            ("custom", self.tr("From – to…")),
        ):
            self.period.addItem(label, key)
        self.start_edit = QDateEdit()
        self.end_edit = QDateEdit()
        for edit in (self.start_edit, self.end_edit):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
        self.counter = QComboBox()
        self.officer = QComboBox()
        self.procedure = QComboBox()
        self.procedure.setMaximumWidth(320)
        for combo, everything in (
            (self.counter, self.tr("All counters")),
            (self.officer, self.tr("All officers")),
            (self.procedure, self.tr("All procedures")),
        ):
            combo.addItem(everything, None)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.refresh_button = QPushButton(self.tr("&Refresh (F5)"))
        self.logbook_button = QPushButton(self.tr("&Log book…"))
        self.logbook_button.setToolTip(
            self.tr("Save the log book of the chosen period as PDF or XLSX (Ctrl+L)")
        )
        self.daily_button = QPushButton(self.tr("Dail&y report…"))
        self.daily_button.setToolTip(
            self.tr("Save the intake report of the last day of the period as PDF or XLSX")
        )
        self.ask_save_path: Callable[[str], Path | None] = self._ask_save_path
        """Where to save a report (a file dialog; replaced in tests)."""
        self.state = QLabel()
        self.state.setObjectName("dashboard_state")

        bar = QHBoxLayout()
        for text, widget in (
            (self.tr("&Period:"), self.period),
            (self.tr("&From:"), self.start_edit),
            (self.tr("&To:"), self.end_edit),
            (self.tr("Cou&nter:"), self.counter),
            (self.tr("O&fficer:"), self.officer),
            (self.tr("Proc&edure:"), self.procedure),
        ):
            buddy = QLabel(text)
            buddy.setBuddy(widget)
            bar.addWidget(buddy)
            bar.addWidget(widget)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.logbook_button)
        bar.addWidget(self.daily_button)
        bar.addStretch(1)
        bar.addWidget(self.state)

        # --- tiles -----------------------------------------------------------------------
        captions: list[tuple[str, str]] = [
            (Figure.RECEIVED, self.tr("received")),
            (Figure.ACCEPTED, self.tr("accepted")),
            (Figure.SUPPLEMENT_REQUESTED, self.tr("supplement requested")),
            (Figure.REFUSED, self.tr("refused")),
            (Figure.RETURNED, self.tr("results returned")),
            ("handling", self.tr("handling time (median / p90)")),
            (Figure.REUSED, self.tr("papers re-used (target ≥ 80 %)")),
            (Figure.DIGITIZED, self.tr("papers digitized (target 100 %)")),
            (Figure.EARLY, self.tr("finished early")),
            (Figure.ON_TIME, self.tr("finished on time")),
            (Figure.LATE, self.tr("finished late")),
            (Figure.IN_TIME, self.tr("in progress, in time")),
            (Figure.OVERDUE, self.tr("in progress, overdue")),
            (Figure.RATED, self.tr("satisfied (target ≥ 95 %)")),
            (Figure.UNSATISFIED, self.tr("unsatisfied")),
        ]
        self.tiles: dict[str, Tile] = {}
        tiles = QGridLayout()
        tiles.setSpacing(6)
        for index, (key, caption) in enumerate(captions):
            tile = Tile(caption)
            tile.setObjectName("tile")
            figure = Figure.RECEIVED if key == "handling" else Figure(key)
            tile.clicked.connect(lambda _=False, f=figure, c=caption: self.drill_down((f,), c))
            self.tiles[key] = tile
            tiles.addWidget(tile, index // 8, index % 8)

        # --- charts ----------------------------------------------------------------------
        self.per_day_chart = QChart()
        self.per_day_chart.setTitle(self.tr("Dossiers received"))
        self.per_day_chart.legend().hide()
        self.per_day_chart.setMargins(QMargins(4, 4, 4, 4))
        self.per_day_view = QChartView(self.per_day_chart)
        self.per_day_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.per_day_view.setMinimumSize(420, 260)
        self.on_time_chart = QChart()
        self.on_time_chart.setTitle(self.tr("On-time status"))
        self.on_time_chart.legend().hide()  # the slices carry their names and numbers
        self.on_time_chart.setMargins(QMargins(4, 4, 4, 4))
        self.on_time_view = QChartView(self.on_time_chart)
        self.on_time_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.on_time_view.setMinimumSize(300, 200)
        self.on_time_legend = QLabel()
        self.on_time_legend.setObjectName("on_time_legend")
        on_time_box = QWidget()
        on_time_layout = QVBoxLayout(on_time_box)
        on_time_layout.setContentsMargins(0, 0, 0, 0)
        on_time_layout.addWidget(self.on_time_view, 1)
        on_time_layout.addWidget(self.on_time_legend)

        # --- breakdown tables ------------------------------------------------------------
        self.breakdowns = QTabWidget()
        self.by_counter = self._breakdown_table("by_counter")
        self.by_officer = self._breakdown_table("by_officer")
        self.by_procedure = self._breakdown_table("by_procedure")
        self.breakdowns.addTab(self.by_counter, self.tr("By counter"))
        self.breakdowns.addTab(self.by_officer, self.tr("By officer"))
        self.breakdowns.addTab(self.by_procedure, self.tr("By procedure"))
        self._breakdown_rows: dict[QTableWidget, list[Breakdown]] = {}

        charts = QSplitter()
        charts.addWidget(self.per_day_view)
        charts.addWidget(on_time_box)
        charts.addWidget(self.breakdowns)
        charts.setSizes([560, 420, 480])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(tiles)
        layout.addWidget(charts, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.start_edit.dateChanged.connect(self._dates_edited)
        self.end_edit.dateChanged.connect(self._dates_edited)
        for combo in (self.counter, self.officer, self.procedure):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh_button.clicked.connect(self.refresh)
        self.logbook_button.clicked.connect(self.export_logbook)
        self.daily_button.clicked.connect(self.export_daily_report)
        QShortcut(QKeySequence("Ctrl+L"), self, self.export_logbook)
        QShortcut(QKeySequence("F5"), self, self.refresh)
        self._set_dates(*period_range("today", self.clock().date()))
        self._jobs.start(load_filter_choices, ctx.db, on_done=self._choices_loaded)

    # --- filters -------------------------------------------------------------------------
    def _choices_loaded(self, choices: object) -> None:
        assert isinstance(choices, FilterChoices)
        fill_combo(self.counter, self.tr("All counters"), choices.counters)
        fill_combo(self.officer, self.tr("All officers"), choices.officers)
        fill_combo(self.procedure, self.tr("All procedures"), choices.procedures)

    def _set_dates(self, start: date, end: date) -> None:
        for edit, day in ((self.start_edit, start), (self.end_edit, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _period_changed(self) -> None:
        kind = self.period.currentData()
        if kind != "custom":
            self._set_dates(*period_range(kind, self.clock().date()))
            self.refresh()
        else:
            self.start_edit.setFocus()

    def _dates_edited(self) -> None:
        custom = self.period.findData("custom")
        if self.period.currentIndex() != custom:
            self.period.blockSignals(True)
            self.period.setCurrentIndex(custom)
            self.period.blockSignals(False)
        self.refresh()

    def set_period(self, kind: str, start: date | None = None, end: date | None = None) -> None:
        """Choose a period (as the combo and date fields would); *start*/*end* for "custom"."""
        if kind == "custom" and start is not None and end is not None:
            self.period.blockSignals(True)
            self.period.setCurrentIndex(self.period.findData("custom"))
            self.period.blockSignals(False)
            self._set_dates(start, end)
            self.refresh()
        else:
            self.period.setCurrentIndex(self.period.findData(kind))

    def current_filter(self) -> ReportFilter:
        start = self.start_edit.date().toPython()
        end = self.end_edit.date().toPython()
        assert isinstance(start, date) and isinstance(end, date)
        kind = self.period.currentData()
        if kind and kind != "custom":
            start, end = period_range(kind, self.clock().date())
        return ReportFilter(
            start=min(start, end),
            end=max(start, end),
            counter_code=self.counter.currentData(),
            officer_username=self.officer.currentData(),
            procedure_code=self.procedure.currentData(),
        )

    # --- refresh -------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()
        self.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.timer.stop()

    @property
    def loading(self) -> bool:
        return self._loading is not None

    def refresh(self) -> None:
        """Recompute in a worker; a refresh still running is superseded (its result dropped)."""
        if self._loading is not None:
            self._loading.cancel.set()
        self._generation += 1
        generation = self._generation
        self.state.setText(self.tr("loading…"))
        self._loading = self._jobs.start(
            load_figures,
            self.ctx.db,
            self.current_filter(),
            self.clock(),
            on_done=lambda figures: self._loaded(generation, figures),
            on_error=lambda message: self._failed(generation, message),
        )

    def _failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self._loading = None
            self.state.setText(message)

    def _loaded(self, generation: int, figures: object) -> None:
        if generation != self._generation:
            return
        assert isinstance(figures, DashboardFigures)
        self._loading = None
        self.figures = figures
        self._show_tiles(figures)
        self._show_per_day(figures)
        self._show_on_time(figures)
        for table, rows in (
            (self.by_counter, figures.by_counter),
            (self.by_officer, figures.by_officer),
            (self.by_procedure, figures.by_procedure),
        ):
            self._fill_breakdown(table, rows)
        self.state.setText(
            self.tr("Updated at {time}").format(time=figures.computed_at.strftime("%H:%M:%S"))
        )
        self.refreshed.emit()

    # --- showing -------------------------------------------------------------------------
    def _show_tiles(self, f: DashboardFigures) -> None:
        for key, tile in self.tiles.items():
            if key in {figure.value for figure in Figure}:
                tile.set_value(str(f.counts.get(Figure(key), 0)))
        self.tiles["handling"].set_value(
            f"{hours(f.median_handling_s)} / {hours(f.p90_handling_s)}"
        )
        reused = f.counts.get(Figure.REUSED, 0)
        self.tiles[Figure.REUSED].set_value(
            percent(f.reuse_rate),
            self.tr("{n} dossiers re-used papers").format(n=reused),
            "" if f.reuse_rate is None else GOOD if f.reuse_rate >= REUSE_TARGET else BAD,
        )
        digitized = f.counts.get(Figure.DIGITIZED, 0)
        self.tiles[Figure.DIGITIZED].set_value(
            percent(f.digitization_rate),
            self.tr("{n} dossiers fully digitized").format(n=digitized),
            "" if f.digitization_rate is None else GOOD if f.digitization_rate >= 1 else BAD,
        )
        rated = sum(f.satisfaction.values())
        satisfied = f.satisfaction.get(Rating.VERY_SATISFIED, 0) + f.satisfaction.get(
            Rating.SATISFIED, 0
        )
        share = satisfied / rated if rated else None
        self.tiles[Figure.RATED].set_value(
            percent(share),
            self.tr("{n} ratings").format(n=rated),
            "" if share is None else GOOD if share >= SATISFACTION_TARGET else BAD,
        )
        overdue = f.counts.get(Figure.OVERDUE, 0) + f.counts.get(Figure.LATE, 0)
        for key in (Figure.OVERDUE, Figure.LATE):
            tile = self.tiles[key]
            tile.set_value(tile.value, "", BAD if overdue and f.counts.get(key, 0) else "")

    def _show_per_day(self, f: DashboardFigures) -> None:
        chart = self.per_day_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        buckets = self._buckets(f.per_day)
        bars = QBarSet(self.tr("received"))
        bars.setColor(QColor("#1565c0"))
        for _label, value in buckets:
            bars.append(value)
        series = QBarSeries()
        series.append(bars)
        series.setBarWidth(0.8)
        chart.addSeries(series)
        # A label every few bars, so that a month's days stay legible side by side.
        x = QCategoryAxis()
        x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        x.setRange(-0.5, len(buckets) - 0.5)
        step = max(1, math.ceil(len(buckets) / 8))
        for index in range(0, len(buckets), step):
            x.append(buckets[index][0], index)
        x.setGridLineVisible(False)
        y = QValueAxis()
        y.setLabelFormat("%d")
        top = max((value for _, value in buckets), default=0)
        y.setRange(0, max(top, 4))
        y.applyNiceNumbers()
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        title = self.tr("Dossiers received")
        if len(f.per_day) > 62:
            title = self.tr("Dossiers received per month")
        elif len(f.per_day) > 31:
            title = self.tr("Dossiers received per week")
        elif len(f.per_day) > 1:
            title = self.tr("Dossiers received per day")
        chart.setTitle(title)

    @staticmethod
    def _buckets(per_day: list[tuple[date, int]]) -> list[tuple[str, int]]:
        """Days for a month or less, weeks up to two months, months beyond."""
        if len(per_day) <= 31:
            return [(day.strftime("%d/%m"), n) for day, n in per_day]
        merged: dict[str, int] = {}
        for day, n in per_day:
            if len(per_day) > 62:
                key = day.strftime("%m/%Y")
            else:
                key = (day - timedelta(days=day.weekday())).strftime("%d/%m")
            merged[key] = merged.get(key, 0) + n
        return list(merged.items())

    def _show_on_time(self, f: DashboardFigures) -> None:
        chart = self.on_time_chart
        chart.removeAllSeries()
        series = QPieSeries()
        names = {
            Figure.EARLY: self.tr("early"),
            Figure.ON_TIME: self.tr("on time"),
            Figure.LATE: self.tr("late"),
            Figure.IN_TIME: self.tr("in progress, in time"),
            Figure.OVERDUE: self.tr("in progress, overdue"),
        }
        for figure, name in names.items():
            value = f.counts.get(figure, 0)
            part = series.append(f"{name}: {value}", value)
            part.setColor(QColor(ON_TIME_COLOURS[figure]))
            part.setLabelVisible(value > 0)
            part.clicked.connect(lambda fig=figure, n=name: self.drill_down((fig,), n))
        series.setPieSize(0.8)
        for part in series.slices():
            part.setLabelVisible(False)  # names and numbers are in the legend beneath
        chart.addSeries(series)
        self.on_time_legend.setText(
            "<br>".join(
                f"<span style='color:{ON_TIME_COLOURS[figure]}'>■</span> "
                f"{html.escape(name)}: <b>{f.counts.get(figure, 0)}</b>"
                for figure, name in names.items()
            )
        )

    def _breakdown_table(self, name: str) -> QTableWidget:
        table = QTableWidget(0, 5)
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Received"),
                self.tr("Accepted"),
                self.tr("Late"),
                self.tr("Median handling"),
            ]
        )
        table.horizontalHeader().setStretchLastSection(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.activated.connect(
            lambda index, t=table: self._row_activated(t, index.row(), index.column())
        )
        return table

    def _fill_breakdown(self, table: QTableWidget, rows: list[Breakdown]) -> None:
        self._breakdown_rows[table] = list(rows)
        table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            cells = (
                row.label or row.key,
                str(row.received),
                str(row.accepted),
                str(row.late),
                hours(row.median_handling_s),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{row.label} ({row.key})" if column == 0 else text)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                table.setItem(index, column, item)
        table.resizeColumnsToContents()
        table.setColumnWidth(0, min(table.columnWidth(0), 300))

    def _row_activated(self, table: QTableWidget, row: int, column: int) -> None:
        rows = self._breakdown_rows.get(table, [])
        if not 0 <= row < len(rows):
            return
        item = rows[row]
        flt = self.current_filter()
        if table is self.by_counter:
            flt = replace(flt, counter_code=item.key)
        elif table is self.by_officer:
            flt = replace(flt, officer_username=item.key)
        else:
            flt = replace(flt, procedure_code=item.key)
        figures: tuple[Figure, ...] = (Figure.RECEIVED,)
        what = self.tr("received")
        if column == 2:
            figures, what = (Figure.ACCEPTED,), self.tr("accepted")
        elif column == 3:
            figures, what = (Figure.LATE, Figure.OVERDUE), self.tr("late")
        self.drill_down(figures, f"{item.label or item.key} — {what}", flt)

    # --- drill-down ----------------------------------------------------------------------
    # --- exports ---------------------------------------------------------------------------
    def export_logbook(self) -> None:
        flt = self.current_filter()
        path = self.ask_save_path(f"so-theo-doi-{flt.start:%Y%m%d}-{flt.end:%Y%m%d}.xlsx")
        if path is not None:
            self._export(path, make_logbook, flt.start, flt.end, flt.counter_code)

    def export_daily_report(self) -> None:
        flt = self.current_filter()
        path = self.ask_save_path(f"bao-cao-ngay-{flt.end:%Y%m%d}.pdf")
        if path is not None:
            self._export(path, make_daily_report, flt.end, flt.counter_code)

    def _export(self, path: Path, job: Callable[..., bytes], *args: object) -> None:
        """Make the file in a worker and write it whole (never half a file)."""
        self.state.setText(self.tr("Saving {name}…").format(name=path.name))

        def done(_result: object) -> None:
            self.state.setText(self.tr("Saved {path}").format(path=path))
            self.exported.emit(str(path))

        def failed(message: str) -> None:
            self.state.setText(message)
            QMessageBox.warning(self, self.tr("Could not save the report"), message)

        self._jobs.start(save_report, self.ctx, path, job, *args, on_done=done, on_error=failed)

    def _ask_save_path(self, suggested: str) -> Path | None:
        name, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Save report"),
            suggested,
            self.tr("Excel workbook (*.xlsx);;PDF (*.pdf)")
            if suggested.endswith(".xlsx")
            else self.tr("PDF (*.pdf);;Excel workbook (*.xlsx)"),
        )
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() not in (".pdf", ".xlsx"):
            path = path.with_suffix(".xlsx" if "xlsx" in chosen else ".pdf")
        return path

    def drill_down(
        self, figures: tuple[Figure, ...], caption: str, flt: ReportFilter | None = None
    ) -> DrillDownDialog:
        flt = flt or self.current_filter()
        period = f"{flt.start:%d/%m/%Y} – {flt.end:%d/%m/%Y}"
        dialog = DrillDownDialog(
            self.tr("Dossiers: {what} ({period})").format(what=caption, period=period), self
        )
        dialog.setObjectName("drill_down")
        dialog.open_dossier.connect(self.open_dossier)
        dialog.finished.connect(dialog.deleteLater)
        self.drill = dialog

        def done(rows: object) -> None:
            if shiboken6.isValid(dialog):
                assert isinstance(rows, list)
                dialog.show_rows(rows, DRILL_LIMIT)

        def failed(message: str) -> None:
            if shiboken6.isValid(dialog):
                dialog.show_error(message)

        self._jobs.start(
            load_drill_down, self.ctx.db, flt, figures, self.clock(), on_done=done, on_error=failed
        )
        dialog.open()
        return dialog
