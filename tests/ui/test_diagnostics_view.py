"""The technician's diagnostics tab, offscreen: the real checks (Tesseract, zbar, SANE,
database …) in the table, a problem shown with what to do, the support bundle written."""

from __future__ import annotations

import zipfile
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.context import AppContext
from ui.diagnostics_view import DiagnosticsView


def test_checks_are_listed_and_a_problem_says_what_to_do(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    ctx.settings.hub.url, ctx.settings.hub.token = "http://127.0.0.1:9", "ma-bi-mat-123"
    view = DiagnosticsView(ctx.settings)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.checked, timeout=30000):
        view.show()  # the first check runs when the tab is shown
    assert view.diagnostics is not None
    rows = {
        view.table.item(r, 1).text(): (view.table.item(r, 0).text(), view.table.item(r, 3).text())
        for r in range(view.table.rowCount())
    }
    assert len(rows) == len(view.diagnostics.checks) >= 10
    tesseract = view.diagnostics.by_name("tesseract")
    assert rows[tesseract.label][0] == "✓"
    hub = view.diagnostics.by_name("hub")
    assert rows[hub.label][0] == "✗" and rows[hub.label][1] == hub.problem != ""
    assert "cần xử lý" in view.state.text() or "need action" in view.state.text()
    target = tmp_path / "ho-tro.zip"
    view.ask_bundle_path = lambda: target
    with qtbot.waitSignal(view.bundled, timeout=30000):
        view.bundle_button.click()
    with zipfile.ZipFile(target) as bundle:
        names = bundle.namelist()
        assert "diagnostics.json" in names and "settings.json" in names
        assert all(b"ma-bi-mat-123" not in bundle.read(name) for name in names)
