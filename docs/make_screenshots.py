"""Regenerate the README screenshots: a real intake in the real GUI (offscreen), and its receipt.

QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402
from PIL import Image, ImageDraw, ImageFont  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget  # noqa: E402

from app.catalog.store import import_bundled_catalog  # noqa: E402
from app.config import AgencySettings, Settings  # noqa: E402
from app.context import AppContext  # noqa: E402
from app.domain.status import Role  # noqa: E402
from app.security import create_user  # noqa: E402
from app.storage.migrate import upgrade  # noqa: E402
from app.vault_import import import_document  # noqa: E402
from tests.support import testpages  # noqa: E402
from tests.support.sane import ensure_sane_test_config, write_pnm  # noqa: E402
from ui.i18n import install_translator  # noqa: E402
from ui.login import FirstRunDialog  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def page(path: Path, title: str) -> Path:
    image = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 44)
    draw.text((160, 160), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", fill="black", font=font)
    draw.text((260, 360), title, fill="black", font=ImageFont.truetype(FONT, 60))
    for y in range(560, 1500, 70):
        draw.line((160, y, 1080, y), fill=(150, 150, 150), width=2)
    image.save(path)
    return path


def settle(ms: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(condition: object, timeout_ms: int = 10000) -> None:
    waited = 0
    while not condition() and waited < timeout_ms:  # type: ignore[operator]
        settle(100)
        waited += 100


def grab(widget: QWidget, name: str) -> None:
    settle()
    widget.grab().save(str(OUT / name))
    print(OUT / name)


def idcard_screenshots(window: MainWindow, tmp: Path) -> None:
    """The ID-card reader: live on a recorded camera, then a conflict with typed data."""
    import cv2

    from tests.support import camera_frames, idcards

    window.tabs.setCurrentWidget(window.intake)
    view = window.intake
    view.reset()
    holder = idcards.random_holder(2026)
    frames, _ = camera_frames.card_arriving(idcards.render_front(holder), seed=3)
    folder = tmp / "frames"
    folder.mkdir()
    for index, frame in enumerate(frames):
        cv2.imwrite(str(folder / f"{index:03d}.png"), cv2.cvtColor(frame, cv2.COLOR_RGB2BGR))
    view.ctx.settings.scanning.camera_recordings = [folder]
    device = f"camera-recording:{folder}"
    view.citizen.full_name.setText("Nguyễn Văn Nam")  # typed before the card: a conflict
    dialog = view.read_id_card()
    wait_for(lambda: dialog.source.findData(device) >= 0)
    dialog.select_source(device)
    dialog.read()
    wait_for(lambda: dialog.fill_button.isEnabled() and dialog._session is None, 30000)
    settle()
    grab(dialog, "idcard-camera.png")
    dialog.accept()
    settle()
    grab(window, "idcard-filled.png")


def supervisor_screenshots(tmp: Path) -> None:
    """The supervisor's tabs on a generated four-month history (a database of its own)."""
    from datetime import datetime, timedelta

    from app.reports.model import Figure
    from tests.support.history import make_history

    settings = Settings(
        data_dir=tmp / "supervisor",
        agency=AgencySettings(code="000.00.06.H56", name="UBND XÃ ĐÔNG SƠN", place="Đông Sơn"),
    )
    upgrade(settings.resolved_database_url)
    ctx = AppContext.open(settings)
    import_bundled_catalog(ctx.db)
    now = datetime.now().replace(microsecond=0)
    make_history(ctx, dossiers=400, months=4, seed=7, now=now)
    boss = create_user(ctx.db, "giamsat", "Phạm Văn Giám Sát", "giamsat2026x", Role.SUPERVISOR)
    window = MainWindow(ctx, boss)
    window.resize(1500, 900)
    window.show()
    assert window.dashboard is not None and window.late is not None and window.audit is not None
    dash = window.dashboard
    window.tabs.setCurrentWidget(dash)
    dash.set_period("custom", (now - timedelta(days=30)).date(), now.date())
    wait_for(lambda: dash.figures is not None and not dash.loading and dash.per_day_chart.series())
    settle(800)
    grab(window, "dashboard.png")
    dialog = dash.drill_down((Figure.OVERDUE,), dash.tiles[Figure.OVERDUE].caption)
    wait_for(lambda: dialog.table.rowCount() > 0)
    grab(dialog, "drill-down.png")
    dialog.close()
    window.tabs.setCurrentWidget(window.late)
    wait_for(lambda: window.late.table.rowCount() > 0)  # type: ignore[union-attr]
    grab(window, "late-dossiers.png")
    apology = window.late.open_apology()
    if apology is not None:
        wait_for(lambda: apology.new_date.isEnabled())
        wait_for(lambda: apology.preview._path is not None)  # the letter's preview
        settle(800)
        grab(apology, "apology-dialog.png")
        apology.close()
    window.tabs.setCurrentWidget(window.audit)
    window.audit.start_edit.setDate((now - timedelta(days=30)).date())
    window.audit.search()
    wait_for(lambda: window.audit.table.rowCount() > 0)  # type: ignore[union-attr]
    grab(window, "access-log.png")
    window.close()
    technician = create_user(ctx.db, "kythuat", "Đỗ Văn Kỹ Thuật", "kythuat2026x", Role.TECHNICIAN)
    tech_window = MainWindow(ctx, technician)
    tech_window.resize(1500, 900)
    tech_window.show()
    assert tech_window.diagnostics is not None
    tech_window.tabs.setCurrentWidget(tech_window.diagnostics)
    view = tech_window.diagnostics
    wait_for(lambda: view.diagnostics is not None, timeout_ms=30000)
    settle(400)
    grab(tech_window, "diagnostics.png")
    tech_window.close()


def main() -> None:
    ensure_sane_test_config()
    app = QApplication.instance() or QApplication(sys.argv)
    install_translator(QCoreApplication.instance(), "vi")  # type: ignore[arg-type]
    tmp = Path(tempfile.mkdtemp())
    os.environ["ONESTOP_CONFIG_FILE"] = str(tmp / "settings.toml")
    settings = Settings(
        data_dir=tmp,
        agency=AgencySettings(
            code="000.00.06.H56",
            name="UBND XÃ ĐÔNG SƠN",
            superior_name="UBND TỈNH THANH HÓA",
            place="Đông Sơn",
            hotline="1900 1234",
        ),
    )
    upgrade(settings.resolved_database_url)
    ctx = AppContext.open(settings)
    import_bundled_catalog(ctx.db)

    first = FirstRunDialog(ctx.db, settings)
    first.full_name.setText("Nguyễn Văn Quản Trị")
    first.show()
    grab(first, "first-start.png")
    first.close()

    officer = create_user(ctx.db, "canbo", "Lê Thị Thu Hà", "canbo2026x", Role.OFFICER)
    import_document(
        ctx,
        officer,
        "038193001234",
        "GCS",
        page(tmp / "gcs.png", "GIẤY CHỨNG SINH"),
        full_name="Trần Thị Bình",
    )
    window = MainWindow(ctx, officer)
    window.resize(1500, 900)
    window.show()
    view = window.intake
    form = view.citizen
    form.personal_id.setText("038193001234")
    wait_for(lambda: form.full_name.text() != "")
    form.date_of_birth.setText("02/05/1993")
    form.sex.setCurrentText("Nữ")
    form.address.setText("Thôn Hạnh Phúc, xã Đông Sơn, tỉnh Thanh Hóa")
    form.phone.setText("0912345678")
    view.picker.search.setText("khai sinh")
    view.picker.list.setCurrentRow(0)
    wait_for(lambda: any(s.reuse for s in view.components.states))
    files = {
        "C1": page(tmp / "to_khai.png", "TỜ KHAI ĐĂNG KÝ KHAI SINH"),
        "C4": page(tmp / "cccd.png", "CĂN CƯỚC"),
    }
    for row, state in enumerate(view.components.states):
        if state.component.code in files:
            chosen = str(files[state.component.code])
            QFileDialog.getOpenFileNames = lambda *a, f=chosen: ([f], "")  # type: ignore[method-assign]
            view.components.setCurrentCell(row, 0)
            view.choose_files()
            wait_for(lambda s=state: bool(s.files))
    view.components.setCurrentCell(0, 0)
    view.right_tabs.setCurrentWidget(view.preview)
    wait_for(lambda: "trang" in view.preview.caption.text())
    grab(window, "intake.png")

    # The scan panel: a sideways page of the birth certificate on the SANE pnm device.
    image, _truth = testpages.document_page(11, dpi=200, kind="khai_sinh")
    settings.scanning.sane_options = {
        "status": 1,
        "filename": str(write_pnm(tmp / "p.ppm", np.rot90(image))),
    }
    settings.scanning.profiles = [{"name": "Màu 200 dpi", "resolution": 200, "mode": "color"}]
    panel = view.scan_panel
    view.right_tabs.setCurrentWidget(panel)
    panel.set_components({s.component.code: s.component.name for s in view.components.states})
    wait_for(lambda: panel.device.findData("sane:pnm:0") >= 0)
    panel.device.setCurrentIndex(panel.device.findData("sane:pnm:0"))
    panel.profile.addItem("Màu 200 dpi")
    panel.profile.setCurrentText("Màu 200 dpi")
    view.components.setCurrentCell(1, 0)
    for state in view.components.states:
        if state.component.code == "C2":
            state.reuse = False
    panel.scan()
    wait_for(lambda: bool(panel.pages_of("C2")) and panel.pending() == 0, 60000)
    grab(window, "scan-panel.png")
    view.submit(__import__("app.intake", fromlist=["Outcome"]).Outcome.ACCEPT)
    wait_for(lambda: view.form_pdf is not None)
    grab(window, "intake-accepted.png")
    assert view.form_pdf is not None
    document = pdfium.PdfDocument(view.form_pdf)
    document[0].render(scale=1.4).to_pil().save(OUT / "receipt.png")
    print(OUT / "receipt.png")
    window.tabs.setCurrentWidget(window.lookup)
    window.lookup.query.setText(view.result_code.text())
    window.lookup.look_up()
    wait_for(lambda: "Mã hồ sơ" in window.lookup.details.toPlainText())
    grab(window, "lookup.png")
    window.tabs.setCurrentWidget(window.transfer)
    wait_for(lambda: window.transfer.table.rowCount() > 0)
    window.transfer.send()  # no hub configured here: the queue says what to do
    wait_for(lambda: window.transfer.send_button.isEnabled(), 20000)
    settle()
    grab(window, "transfer-queue.png")
    idcard_screenshots(window, tmp)
    supervisor_screenshots(tmp)
    view.pipeline.close(wait=False)
    app.quit()


if __name__ == "__main__":
    main()
