"""The Vietnamese translation is complete and current; English (the source) works too."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.context import AppContext
from app.security import CurrentUser
from ui.i18n import install_translator
from ui.intake_view import IntakeView

ROOT = Path(__file__).resolve().parents[2]
VI_TS = ROOT / "resources" / "translations" / "onestop_vi.ts"


def sources_and_translations(ts: Path) -> dict[str, str | None]:
    result: dict[str, str | None] = {}
    for message in ET.parse(ts).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        unfinished = translation is None or translation.get("type") in ("unfinished", "obsolete")
        result[source] = None if unfinished else (translation.text or None)
    return result


def test_every_string_has_a_vietnamese_translation() -> None:
    entries = sources_and_translations(VI_TS)
    assert len(entries) > 50
    assert [source for source, text in entries.items() if not text] == []


def test_translation_file_covers_every_ui_string(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [str(lupdate), *map(str, sorted((ROOT / "ui").rglob("*.py"))), "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    assert set(sources_and_translations(fresh)) <= set(sources_and_translations(VI_TS)), (
        "run pyside6-lupdate and translate the new strings"
    )


def test_switching_languages(qapp: QApplication, ctx: AppContext, officer: CurrentUser) -> None:
    assert install_translator(qapp, "en")
    english = IntakeView(ctx, officer)
    assert english.accept_button.text() == "Accept and issue receipt (Ctrl+Enter)"
    assert install_translator(qapp, "vi")
    vietnamese = IntakeView(ctx, officer)
    assert vietnamese.accept_button.text() == "Tiếp nhận và cấp giấy hẹn (Ctrl+Enter)"
