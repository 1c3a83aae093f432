"""Handing the result to the citizen (status 10) at the counter: only a finished dossier,
once; the summary, the history and the audit follow; the CLI does the same."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.cli import main as cli_main
from app.context import AppContext
from app.domain.status import DossierStatus
from app.dossier_status import return_result
from app.errors import UserError
from app.reports.dashboard import dashboard, dashboard_live
from app.reports.model import Figure, ReportFilter
from app.security import CurrentUser
from app.storage.models import AuditEntry, Dossier
from tests.app.test_reports import assert_same_figures
from tests.support.history import History, make_history

NOW = datetime(2026, 3, 18, 10, 30)
PERIOD = ReportFilter(date(2026, 1, 1), NOW.date())


@pytest.fixture
def history(ctx: AppContext) -> History:
    return make_history(ctx, dossiers=40, months=2, seed=5, now=NOW)


def first(history: History, status: DossierStatus) -> str:
    return next(d.code for d in history.dossiers if d.status == status)


def test_a_finished_dossier_is_handed_over_once(
    ctx: AppContext, history: History, officer: CurrentUser
) -> None:
    code = first(history, DossierStatus.DONE)
    before = dashboard(ctx.db, PERIOD, now=NOW)
    at = NOW - timedelta(minutes=5)
    return_result(ctx.db, code, officer, at)
    with ctx.db.reading() as session:
        dossier = session.scalars(select(Dossier).where(Dossier.code == code)).one()
        assert dossier.status == DossierStatus.RETURNED and dossier.returned_at == at
        assert dossier.history[-1].status == DossierStatus.RETURNED
        assert officer.full_name in dossier.history[-1].note
        returned = AuditEntry.entity_key == code, AuditEntry.action == "dossier.return"
        audit = session.scalars(select(AuditEntry).where(*returned)).one()
        assert audit.user_id == officer.id and audit.citizen_id == dossier.citizen_id
    after = dashboard(ctx.db, PERIOD, now=NOW)
    assert after.counts[Figure.RETURNED] == before.counts[Figure.RETURNED] + 1
    assert_same_figures(after, dashboard_live(ctx.db, PERIOD, now=NOW))
    with pytest.raises(UserError, match="đã trả kết quả"):
        return_result(ctx.db, code, officer, NOW)


@pytest.mark.parametrize(
    "status", [DossierStatus.ACCEPTED, DossierStatus.IN_PROGRESS, DossierStatus.NOT_ACCEPTED]
)
def test_no_result_yet_is_refused(
    ctx: AppContext, history: History, officer: CurrentUser, status: DossierStatus
) -> None:
    code = first(history, status)
    with pytest.raises(UserError, match="chưa có kết quả") as refused:
        return_result(ctx.db, code, officer, NOW)
    assert status.label_vi in refused.value.message
    with ctx.db.reading() as session:
        assert session.scalars(select(Dossier.status).where(Dossier.code == code)).one() == status


def test_cli_hands_over_and_names_the_problem(
    ctx: AppContext, history: History, officer: CurrentUser, capsys: pytest.CaptureFixture[str]
) -> None:
    done = first(history, DossierStatus.DONE)
    assert cli_main(["dossier", "return", done, "--user", officer.username]) == 0
    assert f"Đã trả kết quả hồ sơ {done}" in capsys.readouterr().out
    assert cli_main(["dossier", "return", done, "--user", officer.username]) == 2
    assert "đã trả kết quả" in capsys.readouterr().err
    assert cli_main(["dossier", "return", "KHONG-CO", "--user", officer.username]) == 2
