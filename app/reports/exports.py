"""The reports a supervisor hands in, as files: the log book of a period and the daily intake
report, in PDF or XLSX. Shared by the dashboard's export buttons and ``onestop report``."""

from __future__ import annotations

from datetime import date, datetime

from app.context import AppContext
from app.forms import agency_info
from app.reports.model import Figure, ReportFilter
from printing.model import Period
from printing.templates import load_template_set

FILE_KINDS = ("pdf", "xlsx")


def logbook_file(
    ctx: AppContext,
    start: date,
    end: date,
    kind: str,
    *,
    counter_code: str | None = None,
    now: datetime | None = None,
) -> tuple[bytes, int]:
    """The log book (Sổ theo dõi hồ sơ) of the dossiers received from *start* to *end*:
    the file's bytes and how many dossiers it lists. *kind*: "pdf" or "xlsx"."""
    _check(kind)
    from app.reports.logbook import logbook_rows

    rows = logbook_rows(ctx.db, start, end, counter_code=counter_code, now=now)
    period = Period(start, end)
    agency = agency_info(ctx.settings)
    template_set = load_template_set(ctx.settings.forms.template_set)
    if kind == "pdf":
        from printing.logbook import render_logbook

        return render_logbook(rows, period, template_set, agency), len(rows)
    from app.reports.xlsx import logbook_xlsx

    return logbook_xlsx(rows, period, agency.name, template_set), len(rows)


def daily_report_file(
    ctx: AppContext,
    day: date,
    kind: str,
    *,
    counter_code: str | None = None,
    now: datetime | None = None,
) -> bytes:
    """The daily intake report of *day*: its figures, charts and the dossiers received.
    *kind*: "pdf" or "xlsx"."""
    _check(kind)
    from app.reports.dashboard import dashboard, drill_down

    flt = ReportFilter(day, day, counter_code=counter_code)
    figures = dashboard(ctx.db, flt, now=now)
    rows = drill_down(ctx.db, flt, Figure.RECEIVED, now=figures.computed_at)
    if kind == "pdf":
        from printing.daily_report import render_daily_report

        template_set = load_template_set(ctx.settings.forms.template_set)
        return render_daily_report(figures, rows, agency_info(ctx.settings), template_set)
    from app.reports.xlsx import daily_report_xlsx

    return daily_report_xlsx(figures, rows)


def _check(kind: str) -> None:
    if kind not in FILE_KINDS:
        raise ValueError(f"unknown report file kind {kind!r}")
