"""The agency and working-calendar settings pages, offscreen, saved through the real
settings view into settings.toml."""

from __future__ import annotations

import tomllib
import unicodedata
from datetime import date, time

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.config import config_file_path
from app.context import AppContext
from ui.settings.agency_page import AgencyPage
from ui.settings.calendar_page import CalendarPage
from ui.settings.settings_view import SettingsView

# Friday 8 January 2027: the next working days start on Monday 11 January
FRIDAY = date(2027, 1, 8)
SATURDAY = date(2027, 1, 9)
TUESDAY = date(2027, 1, 12)


def make_view(qtbot: QtBot, ctx: AppContext) -> tuple[SettingsView, AgencyPage, CalendarPage]:
    agency, calendar = AgencyPage(ctx), CalendarPage(ctx)
    calendar.preview_from = FRIDAY
    view = SettingsView(ctx, [agency, calendar])
    qtbot.addWidget(view)
    with qtbot.waitActive(view):  # accelerators need the window active
        view.show()
        view.activateWindow()
    return view, agency, calendar


def stored() -> dict[str, object]:
    return tomllib.loads(config_file_path().read_text(encoding="utf-8"))


def accelerator(text: str) -> Qt.Key:
    """The Alt+letter of a label or button as the user sees it (the letter after '&'): it
    depends on the language, so it is read from the translated text, never assumed."""
    shown = text.replace("&&", "")
    assert shown.count("&") == 1, f"no single accelerator in {text!r}"
    letter = shown[shown.index("&") + 1]
    assert letter.isascii() and letter.isalnum(), f"accelerator {letter!r} of {text!r}"
    return Qt.Key(ord(letter.upper()))


def buddy_label(widget: QWidget) -> QLabel:
    """The label whose accelerator focuses *widget*."""
    window = widget.window()
    labels = [label for label in window.findChildren(QLabel) if label.buddy() == widget]
    assert len(labels) == 1, labels
    return labels[0]


def alt(qtbot: QtBot, widget: QWidget, key: Qt.Key) -> None:
    qtbot.keyClick(widget, key, Qt.KeyboardModifier.AltModifier)


def press(qtbot: QtBot, view: SettingsView, button: QPushButton) -> None:
    """Alt+the button's accelerator (a shortcut animates the click: wait for it)."""
    with qtbot.waitSignal(button.clicked, timeout=2000):
        alt(qtbot, view, accelerator(button.text()))


def test_agency_fields_are_saved_as_nfc(qtbot: QtBot, ctx: AppContext) -> None:
    view, agency, _calendar = make_view(qtbot, ctx)
    decomposed = unicodedata.normalize("NFD", "UBND PHƯỜNG TRƯỜNG VINH")
    agency.edits["agency.name"].setText(decomposed)
    agency.edits["agency.address"].setText("  Số 1 đường Lê Lợi, Nghệ An ")
    agency.edits["counter_name"].setText("Quầy số 2")
    agency.template_combo.setCurrentIndex(agency.template_combo.findData("2018"))
    agency.edited.emit()
    with qtbot.waitSignal(view.saved, timeout=10000):
        qtbot.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert ctx.settings.agency.name == "UBND PHƯỜNG TRƯỜNG VINH"  # composed
    assert ctx.settings.agency.address == "Số 1 đường Lê Lợi, Nghệ An"
    assert ctx.settings.counter_name == "Quầy số 2" and ctx.settings.forms.template_set == "2018"
    file = stored()
    assert file["agency"] == {
        "name": "UBND PHƯỜNG TRƯỜNG VINH",
        "address": "Số 1 đường Lê Lợi, Nghệ An",
    }
    assert file["counter_name"] == "Quầy số 2"
    assert file["forms"] == {"template_set": "2018"}


def test_a_lookup_url_without_code_is_refused(qtbot: QtBot, ctx: AppContext) -> None:
    view, agency, _calendar = make_view(qtbot, ctx)
    before = ctx.settings.forms.lookup_url_template
    agency.edits["forms.lookup_url_template"].setText("https://dichvucong.example.gov.vn/tra-cuu")
    agency.edited.emit()
    view.save_button.click()
    assert "{code}" in view.message.text() and "tra cứu" in view.message.text()
    assert ctx.settings.forms.lookup_url_template == before and not config_file_path().exists()
    agency.edits["forms.lookup_url_template"].setText("https://tracuu.example.vn/hs/{code}")
    with qtbot.waitSignal(view.saved, timeout=10000):
        view.save_button.click()
    assert stored()["forms"] == {"lookup_url_template": "https://tracuu.example.vn/hs/{code}"}


def test_days_off_and_working_days_by_keyboard(qtbot: QtBot, ctx: AppContext) -> None:
    view, _agency, calendar = make_view(qtbot, ctx)
    view.page_list.setCurrentRow(1)
    assert calendar.preview_days()[:2] == [date(2027, 1, 11), TUESDAY]
    # a day off: typed in the date field, added with Enter; the preview skips it
    field_label = buddy_label(calendar.days_off.date_edit)
    assert field_label.text() == "&Ngày nghỉ thêm:"
    alt(qtbot, view, accelerator(field_label.text()))  # the field's accelerator (Alt+N)
    assert calendar.days_off.date_edit.hasFocus()
    calendar.days_off.date_edit.setSelectedSection(calendar.days_off.date_edit.Section.DaySection)
    qtbot.keyClicks(calendar.days_off.date_edit, "12012027")
    assert calendar.days_off.date_edit.date() == QDate(2027, 1, 12)
    with qtbot.waitSignal(calendar.preview_changed, timeout=2000):
        qtbot.keyClick(calendar.days_off.date_edit, Qt.Key.Key_Return)
    assert calendar.days_off.dates() == [TUESDAY]
    assert TUESDAY not in calendar.preview_days()
    assert calendar.preview_days()[:2] == [date(2027, 1, 11), date(2027, 1, 13)]
    qtbot.keyClick(calendar.days_off.date_edit, Qt.Key.Key_Return)  # twice: no duplicate
    assert calendar.days_off.dates() == [TUESDAY]
    # a compensatory Saturday, added with its button's accelerator
    calendar.working_days.date_edit.setDate(QDate(SATURDAY))
    assert calendar.working_days.add_button.text() == "Thêm ngày là&m bù"
    press(qtbot, view, calendar.working_days.add_button)  # Alt+M
    assert calendar.working_days.dates() == [SATURDAY]
    assert calendar.preview_days()[0] == SATURDAY
    # the same day cannot also be a day off
    calendar.days_off.date_edit.setDate(QDate(SATURDAY))
    assert calendar.days_off.add_button.text() == "Thêm ngà&y nghỉ"
    press(qtbot, view, calendar.days_off.add_button)  # Alt+Y
    assert calendar.days_off.dates() == [TUESDAY]
    assert calendar.message.text() == (
        "Ngày 09/01/2027 đã có trong «Ngày làm bù»: một ngày không thể thuộc cả hai bảng."
    )
    with qtbot.waitSignal(view.saved, timeout=10000):
        qtbot.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert ctx.settings.calendar.extra_days_off == [TUESDAY]
    assert ctx.settings.calendar.compensatory_working_days == [SATURDAY]
    assert stored()["calendar"] == {
        "extra_days_off": ["2027-01-12"],
        "compensatory_working_days": ["2027-01-09"],
    }
    # removed with Delete in the list
    calendar.days_off.list.setFocus()
    calendar.days_off.list.setCurrentRow(0)
    qtbot.keyClick(calendar.days_off.list, Qt.Key.Key_Delete)
    assert calendar.days_off.dates() == [] and TUESDAY in calendar.preview_days()
    with qtbot.waitSignal(view.saved, timeout=10000):
        view.save_button.click()
    assert ctx.settings.calendar.extra_days_off == []
    assert stored()["calendar"]["extra_days_off"] == []  # type: ignore[index]


def test_overlapping_working_periods_are_refused(qtbot: QtBot, ctx: AppContext) -> None:
    view, _agency, calendar = make_view(qtbot, ctx)
    view.page_list.setCurrentRow(1)
    periods = calendar.periods
    before = periods.periods()
    periods.start_edit.setTime(QTime(11, 0))
    periods.end_edit.setTime(QTime(12, 0))
    assert periods.add_button.text() == "Thêm &khoảng giờ"
    press(qtbot, view, periods.add_button)  # Alt+K
    assert periods.periods() == before
    assert calendar.message.text() == "Khoảng 11:00–12:00 chồng lên khoảng 07:00–11:30."
    periods.start_edit.setTime(QTime(17, 30))
    periods.end_edit.setTime(QTime(17, 0))
    press(qtbot, view, periods.add_button)
    assert periods.periods() == before
    assert calendar.message.text() == "Giờ bắt đầu của khoảng làm việc phải trước giờ kết thúc."
    # the morning period moved from 07:00 to 07:30: removed, then added again
    periods.list.setCurrentRow(0)
    periods.remove_button.click()
    periods.start_edit.setTime(QTime(7, 30))
    periods.end_edit.setTime(QTime(11, 30))
    periods.start_edit.setFocus()
    qtbot.keyClick(periods.start_edit, Qt.Key.Key_Return)
    with qtbot.waitSignal(view.saved, timeout=10000):
        view.save_button.click()
    assert ctx.settings.calendar.working_periods == [
        (time(7, 30), time(11, 30)),
        (time(13, 30), time(17, 0)),
    ]
    assert stored()["calendar"] == {
        "working_periods": [["07:30:00", "11:30:00"], ["13:30:00", "17:00:00"]]
    }


def test_no_working_period_is_refused_at_save(qtbot: QtBot, ctx: AppContext) -> None:
    view, _agency, calendar = make_view(qtbot, ctx)
    for _ in range(2):
        calendar.periods.list.setCurrentRow(0)
        calendar.periods.remove_selected()
    view.save_button.click()
    assert "ít nhất một khoảng giờ" in view.message.text() and not config_file_path().exists()
