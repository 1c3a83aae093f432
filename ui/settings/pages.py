"""The technician's settings pages, in the order a new counter PC is set up."""

from __future__ import annotations

from app.context import AppContext
from app.security import CurrentUser
from ui.settings.agency_page import AgencyPage
from ui.settings.calendar_page import CalendarPage
from ui.settings.catalog_page import CatalogPage
from ui.settings.certificate_page import CertificatePage
from ui.settings.hub_page import HubPage
from ui.settings.ocr_page import OcrPage
from ui.settings.page import SettingsPage
from ui.settings.printer_page import PrinterPage
from ui.settings.scanner_page import ScannerPage
from ui.settings.settings_view import SettingsView
from ui.settings.users_page import UsersPage


def settings_pages(ctx: AppContext, user: CurrentUser) -> list[SettingsPage]:
    return [
        AgencyPage(ctx),
        ScannerPage(ctx),
        OcrPage(ctx),
        PrinterPage(ctx),
        HubPage(ctx),
        CertificatePage(ctx),
        CalendarPage(ctx),
        CatalogPage(ctx),
        UsersPage(ctx, user),
    ]


def technician_settings(ctx: AppContext, user: CurrentUser) -> SettingsView:
    """The settings tab with every page."""
    return SettingsView(ctx, settings_pages(ctx, user))
