"""The supervisor's tabs driven offscreen on a generated history: dashboard and drill-down,
late dossiers and the apology letter, the access log, role gating."""

from __future__ import annotations

import threading
import time as clock_time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.domain.status import Role
from app.reports.model import Figure, OnTimeClass, ReportFilter
from app.security import CurrentUser, create_user
from tests.support.history import History, make_history
from ui.audit_view import AuditView
from ui.dashboard_view import DashboardView
from ui.i18n import install_translator
from ui.late_view import LateView
from ui.main_window import MainWindow
from ui.pdf_output import PdfPrinter
from ui.report_widgets import AMBER, RED

NOW = datetime(2026, 3, 18, 10, 30)
ALL = ReportFilter(start=NOW.date() - timedelta(days=150), end=NOW.date())


@pytest.fixture(autouse=True)
def vietnamese(qapp: QApplication) -> None:
    assert install_translator(qapp, "vi"), "the Vietnamese .qm is missing: run `make translations`"


@pytest.fixture
def history(ctx: AppContext) -> History:
    return make_history(ctx, dossiers=300, months=4, seed=1, now=NOW)


@pytest.fixture
def supervisor(ctx: AppContext) -> CurrentUser:
    return create_user(ctx.db, "giamsat", "Phạm Văn Giám Sát", "giamsat2026x", Role.SUPERVISOR)


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[bytes, str]]]:
    """What went to the printer (no print dialog offscreen)."""
    jobs: list[tuple[bytes, str]] = []
    monkeypatch.setattr(
        PdfPrinter, "print_pdf", lambda _self, pdf, title: jobs.append((pdf, title))
    )
    yield jobs


def shown_dashboard(qtbot: QtBot, ctx: AppContext, user: CurrentUser) -> DashboardView:
    view = DashboardView(ctx, user, clock=lambda: NOW)
    qtbot.addWidget(view)
    view.resize(1400, 800)
    view.show()
    qtbot.waitUntil(lambda: view.figures is not None and not view.loading, timeout=20000)
    return view


def set_all_time(qtbot: QtBot, view: DashboardView) -> None:
    view.set_period("custom", ALL.start, ALL.end)
    qtbot.waitUntil(
        lambda: view.figures is not None and view.figures.filter.start == ALL.start
        and not view.loading, timeout=20000,
    )  # fmt: skip


def test_dashboard_shows_the_report_figures(
    qtbot: QtBot, ctx: AppContext, history: History, supervisor: CurrentUser
) -> None:
    from app.reports.dashboard import dashboard

    view = shown_dashboard(qtbot, ctx, supervisor)
    assert view.figures is not None and view.figures.filter.start == NOW.date()  # today
    set_all_time(qtbot, view)
    expected = dashboard(ctx.db, view.current_filter(), now=NOW)
    rates = (Figure.REUSED, Figure.DIGITIZED, Figure.RATED)  # these tiles show a rate
    for figure in Figure:
        if figure not in rates:
            assert view.tiles[figure].value == str(expected.counts.get(figure, 0)), figure
    # Against the history itself, not only against the report function.
    received = [d for d in history.dossiers if ALL.start <= d.received_at.date() <= ALL.end]
    assert view.tiles[Figure.RECEIVED].value == str(len(received))
    assert view.tiles[Figure.REFUSED].value == str(sum(1 for d in received if d.status == 3))
    assert view.tiles[Figure.RETURNED].value == str(
        sum(1 for d in received if d.returned_at is not None)
    )
    assert view.tiles[Figure.REUSED].value == f"{expected.reuse_rate * 100:.0f} %"  # type: ignore[operator]
    assert "80" in view.tiles[Figure.REUSED].text_shown()
    assert view.by_counter.rowCount() == len(expected.by_counter) == 2
    assert view.by_officer.rowCount() == len(expected.by_officer)
    assert view.by_procedure.rowCount() == len(expected.by_procedure)
    bars = view.per_day_chart.series()[0].barSets()[0]  # type: ignore[attr-defined]
    assert sum(bars.at(i) for i in range(bars.count())) == len(received)
    assert "Cập nhật lúc" in view.state.text()


def test_drill_down_from_the_overdue_tile_opens_a_dossier_in_lookup(
    qtbot: QtBot, ctx: AppContext, history: History, supervisor: CurrentUser
) -> None:
    from app.reports.dashboard import drill_down

    window = MainWindow(ctx, supervisor)
    qtbot.addWidget(window)
    assert window.dashboard is not None
    view = window.dashboard
    view.clock = lambda: NOW
    window.show()
    window.tabs.setCurrentWidget(view)
    set_all_time(qtbot, view)
    tile = view.tiles[Figure.OVERDUE]
    tile.setFocus()
    qtbot.keyClick(tile, Qt.Key.Key_Return)  # keyboard only
    dialog = view.drill
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=20000)
    expected = drill_down(ctx.db, view.current_filter(), Figure.OVERDUE, now=NOW)
    shown = [row.code for row in dialog.table.rows]
    assert shown == [row.code for row in expected]
    assert int(tile.value) == len(shown)
    # The history agrees: received in the period, unfinished, appointment passed.
    for code in shown:
        gen = history.by_code(code)
        assert gen.finished_at is None and gen.returned_at is None
        assert gen.appointment_at is not None and gen.appointment_at < NOW
    assert all(row.on_time is OnTimeClass.OVERDUE for row in dialog.table.rows)
    dialog.table.setFocus()
    dialog.table.setCurrentCell(1, 0)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.lookup
    qtbot.waitUntil(lambda: shown[1] in window.lookup.details.toPlainText(), timeout=20000)


def test_breakdown_row_drills_into_that_counter(
    qtbot: QtBot, ctx: AppContext, history: History, supervisor: CurrentUser
) -> None:
    view = shown_dashboard(qtbot, ctx, supervisor)
    set_all_time(qtbot, view)
    assert view.figures is not None
    second = next(i for i, b in enumerate(view.figures.by_counter) if b.key == "Q02")
    view.by_counter.setFocus()
    view.by_counter.setCurrentCell(second, 1)
    qtbot.keyClick(view.by_counter, Qt.Key.Key_Return)
    dialog = view.drill
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=20000)
    expected = {
        d.code
        for d in history.dossiers
        if d.counter_code == "Q02" and ALL.start <= d.received_at.date() <= ALL.end
    }
    assert {row.code for row in dialog.table.rows} == expected
    assert view.figures.by_counter[second].received == len(expected)


def test_refresh_runs_in_a_worker_and_the_gui_stays_responsive(
    qtbot: QtBot,
    ctx: AppContext,
    history: History,
    supervisor: CurrentUser,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ui import dashboard_view as report

    view = shown_dashboard(qtbot, ctx, supervisor)
    assert view.timer.isActive() and view.timer.interval() == 60_000
    real = report.dashboard
    threads: list[int] = []

    def slow(*args: object, **kwargs: object) -> object:
        threads.append(threading.get_ident())
        clock_time.sleep(0.6)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(report, "dashboard", slow)
    ticks: list[float] = []
    ticker = QTimer()
    ticker.setInterval(20)
    ticker.timeout.connect(lambda: ticks.append(clock_time.monotonic()))
    ticker.start()
    started = clock_time.monotonic()
    view.refresh()
    assert view.state.text() == "đang tải…"
    with qtbot.waitSignal(view.refreshed, timeout=20000):
        pass
    ticker.stop()
    assert threads and threads[0] != threading.main_thread().ident
    during = [t for t in ticks if t - started < 0.55]
    assert len(during) >= 10  # the event loop kept turning while the figures were computed
    assert max(b - a for a, b in pairwise(during)) < 0.1
    view.hide()
    assert not view.timer.isActive()


def test_filters_change_the_figures(
    qtbot: QtBot, ctx: AppContext, history: History, supervisor: CurrentUser
) -> None:
    view = shown_dashboard(qtbot, ctx, supervisor)
    set_all_time(qtbot, view)
    everything = int(view.tiles[Figure.RECEIVED].value)
    qtbot.waitUntil(lambda: view.counter.findData("Q02") >= 0, timeout=20000)
    view.counter.setCurrentIndex(view.counter.findData("Q02"))
    qtbot.waitUntil(
        lambda: view.figures is not None and view.figures.filter.counter_code == "Q02"
        and not view.loading, timeout=20000,
    )  # fmt: skip
    in_range = [d for d in history.dossiers if ALL.start <= d.received_at.date() <= ALL.end]
    at_q02 = sum(1 for d in in_range if d.counter_code == "Q02")
    assert int(view.tiles[Figure.RECEIVED].value) == at_q02 < everything
    username = history.officers[0][0]
    view.officer.setCurrentIndex(view.officer.findData(username))
    qtbot.waitUntil(
        lambda: view.figures is not None and view.figures.filter.officer_username == username
        and not view.loading, timeout=20000,
    )  # fmt: skip
    assert int(view.tiles[Figure.RECEIVED].value) == sum(
        1 for d in in_range if d.counter_code == "Q02" and d.officer_username == username
    )
    view.set_period("today")
    qtbot.waitUntil(
        lambda: view.figures is not None and view.figures.filter.start == NOW.date()
        and not view.loading, timeout=20000,
    )  # fmt: skip
    assert view.figures is not None and view.figures.filter.end == NOW.date()


def test_only_supervisors_and_admins_get_the_report_tabs(
    qtbot: QtBot, ctx: AppContext, officer: CurrentUser, supervisor: CurrentUser
) -> None:
    counter = MainWindow(ctx, officer)
    qtbot.addWidget(counter)
    assert counter.dashboard is None and counter.late is None and counter.audit is None
    assert counter.tabs.count() == 3
    boss = MainWindow(ctx, supervisor)
    qtbot.addWidget(boss)
    titles = [boss.tabs.tabText(i) for i in range(boss.tabs.count())]
    assert titles[3:] == ["Tổng &hợp", "Hồ sơ t&rễ hạn", "Nhật &ký truy cập"]
    admin = create_user(ctx.db, "quantri", "Quản Trị", "quantri2026x", Role.ADMIN)
    third = MainWindow(ctx, admin)
    qtbot.addWidget(third)
    assert third.tabs.count() == 8  # + the technician's settings and diagnostics
    technician = create_user(ctx.db, "kythuat", "Kỹ Thuật", "kythuat2026x", Role.TECHNICIAN)
    fourth = MainWindow(ctx, technician)
    qtbot.addWidget(fourth)
    assert fourth.tabs.count() == 5  # intake, lookup, transfer + settings, diagnostics
    assert fourth.diagnostics is not None and counter.diagnostics is None
    assert fourth.settings_view is not None and counter.settings_view is None
    assert boss.settings_view is None


def issued_forms(ctx: AppContext) -> int:
    from sqlalchemy import func, select

    from app.storage.models import PrintedForm

    with ctx.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(PrintedForm)) or 0)


def test_late_list_and_apology_letter(
    qtbot: QtBot,
    ctx: AppContext,
    history: History,
    supervisor: CurrentUser,
    printed: list[tuple[bytes, str]],
) -> None:
    from app.report_forms import apology_for
    from app.reports.late import late_dossiers

    view = LateView(ctx, supervisor, clock=lambda: NOW)
    qtbot.addWidget(view)
    view.show()
    expected = late_dossiers(ctx.db, now=NOW)
    assert expected, "the history has late dossiers"
    qtbot.waitUntil(lambda: view.table.rowCount() == len(expected), timeout=20000)
    assert [row.code for row in view.table.rows] == [row.code for row in expected]
    for index, row in enumerate(view.table.rows):
        colour = view.table.item(index, 0).background().color()
        overdue = row.on_time in (OnTimeClass.OVERDUE, OnTimeClass.LATE)
        assert colour == (RED if overdue else AMBER)
    view.table.setCurrentCell(0, 0)
    code = view.table.rows[0].code
    dialog = view.open_apology()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.new_date.isEnabled(), timeout=20000)
    issued_before = issued_forms(ctx)
    qtbot.waitUntil(lambda: dialog.preview._path is not None, timeout=20000)
    assert dialog.preview._path is not None and dialog.preview._path.name.startswith("draft-")
    assert issued_forms(ctx) == issued_before  # a preview is not an issued letter
    _, computed = apology_for(ctx, code, reason="kiểm tra", now=NOW)  # its own computation
    assert computed.strftime("%d/%m/%Y") in dialog.message.text()
    assert dialog.new_date.dateTime().toPython() == computed
    dialog.reason.setPlainText("Cần xác minh thêm với cơ quan liên quan")
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(printed), timeout=20000)
    pdf, title = printed[0]
    assert pdf.startswith(b"%PDF") and code in title
    assert dialog.new_appointment == computed and dialog.pdf == pdf
    assert computed.strftime("%d/%m/%Y") in dialog.message.text()
    dialog.close()
    view.print_control_sheet()
    qtbot.waitUntil(lambda: len(printed) == 2, timeout=20000)
    assert printed[1][0].startswith(b"%PDF")


def test_access_log_filters(
    qtbot: QtBot, ctx: AppContext, history: History, supervisor: CurrentUser
) -> None:
    from app.reports.audit_query import audit_rows

    view = AuditView(ctx, supervisor, clock=lambda: NOW)
    qtbot.addWidget(view)
    view.start_edit.setDate(ALL.start)
    with qtbot.waitSignal(view.searched, timeout=20000):
        view.show()
    everything = len(view.rows)
    assert everything == len(audit_rows(ctx.db, **view.query()))
    assert everything > 0
    username = history.officers[1][0]
    qtbot.waitUntil(lambda: view.user_combo.findData(username) >= 0, timeout=20000)
    view.user_combo.setCurrentIndex(view.user_combo.findData(username))
    with qtbot.waitSignal(view.searched, timeout=20000):
        qtbot.keyClick(view, Qt.Key.Key_F5)
    assert 0 < len(view.rows) < everything
    assert [r.key for r in view.rows] == [r.key for r in audit_rows(ctx.db, **view.query())]
    full_name = history.officers[1][1]
    assert all(full_name in r.user for r in view.rows)
    with_citizen = next(a for a in history.audit if a.citizen_personal_id)
    view.user_combo.setCurrentIndex(0)
    view.citizen.setText(with_citizen.citizen_personal_id or "")
    with qtbot.waitSignal(view.searched, timeout=20000):
        qtbot.keyClick(view.citizen, Qt.Key.Key_Return)
    assert view.rows and all(r.citizen == with_citizen.citizen_personal_id for r in view.rows)
    view.citizen.clear()
    view.action.setCurrentText("intake.accept")
    with qtbot.waitSignal(view.searched, timeout=20000):
        view.search()
    assert view.rows and {r.action for r in view.rows} == {"intake.accept"}
    assert view.table.rowCount() == len(view.rows)


def test_period_ranges() -> None:
    from ui.dashboard_view import period_range

    wednesday = date(2026, 3, 18)
    assert period_range("today", wednesday) == (wednesday, wednesday)
    assert period_range("week", wednesday) == (date(2026, 3, 16), wednesday)
    assert period_range("month", wednesday) == (date(2026, 3, 1), wednesday)
    assert period_range("year", wednesday) == (date(2026, 1, 1), wednesday)


def test_log_book_and_daily_report_exports(
    qtbot: QtBot,
    ctx: AppContext,
    history: History,
    supervisor: CurrentUser,
    tmp_path: Path,
) -> None:
    """Ctrl+L saves the period's log book (XLSX read back: one row per dossier received in
    the period, in order); the daily report is saved as PDF; a place that cannot be written
    gives a message and no file."""
    import openpyxl

    from app.reports.logbook import logbook_rows

    view = shown_dashboard(qtbot, ctx, supervisor)
    set_all_time(qtbot, view)
    target = tmp_path / "so-theo-doi.xlsx"
    view.ask_save_path = lambda _suggested: target
    with qtbot.waitSignal(view.exported, timeout=20000):
        qtbot.keyClick(view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    expected = logbook_rows(ctx.db, ALL.start, ALL.end, now=NOW)
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    codes = [
        cell.value
        for cell in sheet["B"]
        if isinstance(cell.value, str) and cell.value.startswith("000.00.06.H56-")
    ]
    assert codes == [row.code for row in expected] and len(codes) > 100
    report = tmp_path / "bao-cao.pdf"
    view.ask_save_path = lambda _suggested: report
    with qtbot.waitSignal(view.exported, timeout=20000):
        view.daily_button.click()
    assert report.read_bytes().startswith(b"%PDF")
    (tmp_path / "tep-thuong").write_text("a file, not a folder")
    blocked = tmp_path / "tep-thuong" / "so.xlsx"
    view.ask_save_path = lambda _suggested: blocked
    messages: list[str] = []
    import ui.dashboard_view as dashboard_module

    original = dashboard_module.QMessageBox.warning
    dashboard_module.QMessageBox.warning = (  # type: ignore[method-assign]
        lambda _parent, _title, text: messages.append(text)
    )
    try:
        view.logbook_button.click()
        qtbot.waitUntil(lambda: bool(messages), timeout=20000)
    finally:
        dashboard_module.QMessageBox.warning = original  # type: ignore[method-assign]
    assert "Không ghi được tệp" in messages[0] and not blocked.exists()
