"""The scanner and OCR settings pages, offscreen, with the real SANE ``test`` backend and
the real Tesseract: discover, pick, add a profile, test scan, save; a missing device or an
uninstalled language is refused and the file stays as it was."""

from __future__ import annotations

import tomllib

import pytesseract
from pytestqt.qtbot import QtBot

from app.config import config_file_path
from app.context import AppContext
from ui.settings.ocr_page import OcrPage
from ui.settings.scanner_page import PREVIEW_SIDE, ScannerPage
from ui.settings.settings_view import SettingsView

TEST_DEVICE = "sane:test:0"


def show(qtbot: QtBot, view: SettingsView) -> None:
    qtbot.addWidget(view)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()


def scanner_view(qtbot: QtBot, ctx: AppContext) -> tuple[SettingsView, ScannerPage]:
    page = ScannerPage(ctx)
    view = SettingsView(ctx, [page])
    show(qtbot, view)
    return view, page


def stored() -> dict[str, object]:
    return tomllib.loads(config_file_path().read_text(encoding="utf-8"))


def add_profile(page: ScannerPage, name: str, resolution: int, mode: str = "gray") -> None:
    page.new_button.click()
    assert page.editor.isVisible()
    page.name_edit.setText(name)
    page.resolution.setValue(resolution)
    page.mode.setCurrentIndex(page.mode.findData(mode))
    page.save_profile_button.click()


def test_discover_pick_add_profile_and_save(qtbot: QtBot, ctx: AppContext) -> None:
    view, page = scanner_view(qtbot, ctx)
    with qtbot.waitSignal(page.devices_found, timeout=20000) as found:
        page.discover_button.click()
    assert found.args is not None and found.args[0] >= 2  # test:0, test:1 (and files)
    assert page.pick_device(TEST_DEVICE)
    assert page.device_edit.text() == TEST_DEVICE and view.save_button.isEnabled()

    add_profile(page, "Xám nhanh 100 dpi", 100)
    assert not page.editor.isVisible()
    page.select_profile("Xám nhanh 100 dpi")
    page.default_button.click()
    with qtbot.waitSignal(view.saved, timeout=20000):
        view.save_button.click()

    scanning = ctx.settings.scanning
    assert scanning.device == TEST_DEVICE and scanning.profile == "Xám nhanh 100 dpi"
    assert scanning.profiles == [
        {
            "name": "Xám nhanh 100 dpi",
            "resolution": 100,
            "mode": "gray",
            "source": "flatbed",
            "duplex": False,
            "page_size": "A4",
        }
    ]
    on_disk = stored()["scanning"]
    assert isinstance(on_disk, dict)
    assert on_disk["device"] == TEST_DEVICE and on_disk["profile"] == "Xám nhanh 100 dpi"
    assert on_disk["profiles"] == scanning.profiles


def test_profile_validation_messages(qtbot: QtBot, ctx: AppContext) -> None:
    view, page = scanner_view(qtbot, ctx)
    add_profile(page, "Màu 300 dpi", 300)  # a built-in name
    assert "Đã có hồ sơ quét tên «Màu 300 dpi»" in page.message.text()
    assert page.editor.isVisible() and not view.save_button.isEnabled()
    page.name_edit.setText("Siêu nét")
    page.resolution.setValue(4800)
    page.save_profile_button.click()
    assert "nằm ngoài khoảng 50–1200 dpi" in page.message.text()
    page.resolution.setValue(600)
    page.save_profile_button.click()
    assert [t["name"] for t in page.changes()["scanning.profiles"]] == ["Siêu nét"]
    # Rename it, then delete it: the form holds no custom profile any more.
    page.select_profile("Siêu nét")
    page.edit_button.click()
    page.name_edit.setText("Siêu nét 600")
    page.save_profile_button.click()
    assert [t["name"] for t in page.changes()["scanning.profiles"]] == ["Siêu nét 600"]
    page.select_profile("Siêu nét 600")
    page.delete_button.click()
    assert "scanning.profiles" not in page.changes()
    page.select_profile("Màu 300 dpi")
    assert not page.delete_button.isEnabled() and not page.edit_button.isEnabled()


def test_test_scan_shows_a_preview(qtbot: QtBot, ctx: AppContext) -> None:
    ctx.settings.scanning.device = TEST_DEVICE
    ctx.settings.scanning.sane_options = {"test-picture": "Grid"}
    ctx.settings.scanning.profiles = [{"name": "Nhanh", "resolution": 75, "mode": "gray"}]
    _view, page = scanner_view(qtbot, ctx)
    page.select_profile("Nhanh")
    with qtbot.waitSignal(page.test_scanned, timeout=60000) as scanned:
        page.test_button.click()
    assert scanned.args is not None and scanned.args[0] is True, scanned.args
    pixmap = page.preview.pixmap()
    assert max(pixmap.width(), pixmap.height()) == PREVIEW_SIDE
    # The test device is 200 mm wide at most: an A4 page is cut to 200 mm (590 px at 75 dpi).
    assert "590 ×" in page.preview_info.text() and "75 dpi" in page.preview_info.text()
    assert page.test_button.isEnabled() and not page.stop_button.isEnabled()
    assert page.changes() == {}  # a test scan changes no setting


def test_test_scan_of_a_missing_device_says_so(qtbot: QtBot, ctx: AppContext) -> None:
    _view, page = scanner_view(qtbot, ctx)
    page.device_edit.setText("sane:khongco:0")
    with qtbot.waitSignal(page.test_scanned, timeout=30000) as scanned:
        page.test_button.click()
    assert scanned.args is not None and scanned.args[0] is False
    assert "không mở được máy quét khongco:0" in page.message.text()
    assert page.preview.pixmap().isNull()


def test_a_device_that_is_not_there_is_refused(qtbot: QtBot, ctx: AppContext) -> None:
    view, page = scanner_view(qtbot, ctx)
    config_file_path().write_text('counter_code = "Q01"\n', encoding="utf-8")
    before = config_file_path().read_bytes()
    page.device_edit.setText("sane:khongco:0")
    page.edited.emit()
    with qtbot.waitSignal(view.refused, timeout=20000):
        view.save_button.click()
    assert "Không thấy máy quét «sane:khongco:0»" in view.message.text()
    assert config_file_path().read_bytes() == before and ctx.settings.scanning.device == ""


def ocr_view(qtbot: QtBot, ctx: AppContext) -> tuple[SettingsView, OcrPage]:
    page = OcrPage(ctx)
    view = SettingsView(ctx, [page])
    show(qtbot, view)
    qtbot.waitUntil(lambda: bool(page.language_boxes), timeout=20000)
    return view, page


def test_ocr_languages_chosen_and_saved(qtbot: QtBot, ctx: AppContext) -> None:
    view, page = ocr_view(qtbot, ctx)
    assert page.version.text() == f"Đã cài Tesseract {pytesseract.get_tesseract_version()}."
    assert {"vie", "eng"} <= set(page.language_boxes)
    assert page.language_boxes["vie"].isChecked() and page.language_boxes["eng"].isChecked()
    assert page.language_boxes["vie"].text() == "Tiếng Việt (vie)"
    assert page.language_boxes["eng"].text() == "Tiếng Anh (eng)"
    page.language_boxes["eng"].click()
    page.low_confidence.setValue(55.0)
    page.drop_blank.click()
    with qtbot.waitSignal(view.saved, timeout=20000):
        view.save_button.click()
    scanning = ctx.settings.scanning
    assert scanning.ocr_languages == ["vie"] and scanning.low_confidence_below == 55.0
    assert scanning.drop_blank_pages is False
    on_disk = stored()["scanning"]
    assert on_disk == {
        "ocr_languages": ["vie"],
        "low_confidence_below": 55.0,
        "drop_blank_pages": False,
    }


def test_no_language_or_a_missing_one_is_refused(qtbot: QtBot, ctx: AppContext) -> None:
    ctx.settings.scanning.ocr_languages = ["vie", "khm"]  # Khmer data is not installed
    view, page = ocr_view(qtbot, ctx)
    assert page.language_boxes["khm"].isChecked()
    assert page.language_boxes["khm"].text() == "Tiếng Khmer (khm) — chưa cài"
    assert page.language_boxes["vie"].text() == "Tiếng Việt (vie)"  # installed: no mark
    page.language_boxes["vie"].click()  # leaves only the missing language
    with qtbot.waitSignal(view.refused, timeout=20000):
        view.save_button.click()
    assert "tesseract-ocr-khm" in view.message.text()
    assert not config_file_path().exists() and ctx.settings.scanning.ocr_languages == [
        "vie",
        "khm",
    ]
    page.language_boxes["khm"].click()  # nothing chosen at all
    with qtbot.waitSignal(view.refused, timeout=20000):
        view.save_button.click()
    assert "ít nhất một ngôn ngữ" in view.message.text()


def test_a_test_scan_can_be_stopped(qtbot: QtBot, ctx: AppContext) -> None:
    ctx.settings.scanning.device = TEST_DEVICE
    ctx.settings.scanning.profiles = [{"name": "Rất nét", "resolution": 1200}]  # slow to read
    _view, page = scanner_view(qtbot, ctx)
    page.select_profile("Rất nét")
    with qtbot.waitSignal(page.test_scanned, timeout=60000) as scanned:
        page.test_button.click()
        assert page.stop_button.isEnabled()
        page.stop_button.click()
    assert scanned.args is not None and scanned.args[0] is False
    assert "Đã dừng quét" in page.message.text() and page.test_button.isEnabled()
