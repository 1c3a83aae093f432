"""The dashboard's figures as plain JSON values (ISO dates, enum values as keys, NFC text)."""

from __future__ import annotations

import unicodedata
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from app.reports.model import Breakdown, DashboardFigures, DossierRow


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str):  # StrEnum members too
        return _nfc(str(value))
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def breakdown_json(item: Breakdown) -> dict[str, Any]:
    data: dict[str, Any] = _plain(asdict(item))
    return data


def figures_json(figures: DashboardFigures) -> dict[str, Any]:
    """Every field of :class:`DashboardFigures`; ``per_day`` as ``[{"date", "received"}]``."""
    flt = figures.filter
    return {
        "filter": _plain(asdict(flt)),
        "computed_at": figures.computed_at.isoformat(),
        "counts": {str(f.value): n for f, n in figures.counts.items()},
        "reuse_rate": figures.reuse_rate,
        "digitization_rate": figures.digitization_rate,
        "median_handling_s": figures.median_handling_s,
        "p90_handling_s": figures.p90_handling_s,
        "satisfaction": {str(r.value): n for r, n in figures.satisfaction.items()},
        "per_day": [{"date": d.isoformat(), "received": n} for d, n in figures.per_day],
        "by_counter": [breakdown_json(b) for b in figures.by_counter],
        "by_officer": [breakdown_json(b) for b in figures.by_officer],
        "by_procedure": [breakdown_json(b) for b in figures.by_procedure],
    }


def row_json(row: DossierRow) -> dict[str, Any]:
    data: dict[str, Any] = _plain(asdict(row))
    return data
