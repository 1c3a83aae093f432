"""Qt translations: Vietnamese by default, English (the source language) on request."""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

_installed: list[QTranslator] = []


def translations_dir() -> str:
    return str(resources.files("resources") / "translations")


def install_translator(app: QCoreApplication, language: str) -> bool:
    """Load ``onestop_<language>.qm``; English needs none (source strings are English)."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    QLocale.setDefault(
        QLocale(QLocale.Language.Vietnamese if language == "vi" else QLocale.Language.English)
    )
    if language == "en":
        return True
    translator = QTranslator(app)
    if not translator.load(f"onestop_{language}", translations_dir()):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True
