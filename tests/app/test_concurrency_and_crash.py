"""Dossier codes issued by several processes at once; a crash mid-intake leaves nothing half."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.context import AppContext
from app.domain.dossier_code import parse_dossier_code
from app.sequences import issue_dossier_code
from app.storage.database import Database
from app.storage.migrate import upgrade
from app.storage.models import Citizen, Dossier, VaultDocument
from tests.conftest import paper_image

AGENCY = "000.00.06.H56"
PER_PROCESS = 25


def _issue_codes(
    url: str, start: multiprocessing.synchronize.Event, out: multiprocessing.Queue
) -> None:  # type: ignore[name-defined]
    db = Database(url)
    start.wait()
    codes = []
    for _ in range(PER_PROCESS):
        with db.writing() as session:
            codes.append(issue_dossier_code(session, AGENCY, date(2026, 11, 24)))
    out.put(codes)
    db.dispose()


def issue_from_processes(url: str, processes: int) -> list[str]:
    spawn = multiprocessing.get_context("spawn")
    start, out = spawn.Event(), spawn.Queue()
    workers = [spawn.Process(target=_issue_codes, args=(url, start, out)) for _ in range(processes)]
    for worker in workers:
        worker.start()
    start.set()  # all issue at the same moment
    codes = [code for _ in workers for code in out.get(timeout=120)]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    return codes


def _assert_unique_and_dense(codes: list[str], total: int) -> None:
    assert len(codes) == total
    assert len(set(codes)) == total, "two dossiers got the same code"
    numbers = sorted(parse_dossier_code(c).sequence for c in codes)  # type: ignore[union-attr]
    assert numbers == list(range(1, total + 1))


@pytest.mark.slow
def test_codes_unique_across_processes_on_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    upgrade(url)
    _assert_unique_and_dense(issue_from_processes(url, 4), 4 * PER_PROCESS)


@pytest.mark.slow
@pytest.mark.postgres
def test_codes_unique_across_processes_on_postgres(pg_url: str) -> None:
    upgrade(pg_url)
    _assert_unique_and_dense(issue_from_processes(pg_url, 4), 4 * PER_PROCESS)


def test_daily_sequence_restarts(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'seq.db'}"
    upgrade(url)
    db = Database(url)
    with db.writing() as session:
        first = issue_dossier_code(session, AGENCY, date(2026, 11, 24))
        second = issue_dossier_code(session, AGENCY, date(2026, 11, 24))
        next_day = issue_dossier_code(session, AGENCY, date(2026, 11, 25))
        other_agency = issue_dossier_code(session, "H56.14", date(2026, 11, 24))
    assert (first, second) == (f"{AGENCY}-261124-0001", f"{AGENCY}-261124-0002")
    assert next_day == f"{AGENCY}-261125-0001"
    assert other_agency == "H56.14-261124-0001"


CRASHING_INTAKE = textwrap.dedent(
    """
    import os, sys
    from datetime import date
    from pathlib import Path
    from app.config import AgencySettings, Settings
    from app.context import AppContext
    from app.intake import ApplicantInput, ComponentChoice, IntakeRequest, IntakeService
    from app.security import CurrentUser
    from app.domain.status import Role
    import app.intake as intake

    settings = Settings(data_dir=Path(sys.argv[1]),
                        agency=AgencySettings(code="000.00.06.H56", name="UBND XÃ ĐÔNG SƠN"))
    ctx = AppContext.open(settings)
    where = sys.argv[2]
    original_add = intake.add_document

    def add_then_die(*args, **kwargs):
        doc = original_add(*args, **kwargs)
        if where == "mid-transaction":
            os.kill(os.getpid(), 9)  # SIGKILL with the transaction open
        return doc

    intake.add_document = add_then_die
    if where == "before-commit":
        IntakeService._commit = lambda *a, **k: os.kill(os.getpid(), 9)
    files = [Path(p) for p in sys.argv[3:]]
    request = IntakeRequest(
        applicant=ApplicantInput("038193001234", "Trần Thị Bình", date(1993, 5, 2), "Nữ"),
        procedure_code="1.001193",
        choices={"C1": ComponentChoice(files=(files[0],)), "C2": ComponentChoice(files=(files[1],)),
                 "C4": ComponentChoice(files=(files[2],))},
    )
    IntakeService(ctx).submit(request, CurrentUser(1, "canbo", "Cán Bộ", Role.OFFICER))
    print("NOT KILLED")
    """
)


@pytest.mark.parametrize("where", ["before-commit", "mid-transaction"])
def test_crash_mid_intake_leaves_no_half_dossier_and_no_orphan_files(
    ctx: AppContext, officer: object, tmp_path: Path, where: str
) -> None:
    files = [paper_image(tmp_path / f"p{i}.png", f"GIẤY {i}") for i in range(3)]
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            CRASHING_INTAKE,
            str(ctx.settings.data_dir),
            where,
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert "NOT KILLED" not in proc.stdout
    with ctx.db.reading() as session:
        for model in (Dossier, Citizen, VaultDocument):
            assert session.scalar(select(func.count()).select_from(model)) == 0
    assert len(list(ctx.store.all_hashes())) == 3  # the files did reach the store …
    removed = ctx.sweep_orphan_files(older_than_s=0)
    assert len(removed) == 3  # … and the start-up sweep removes them: no orphans
    assert list(ctx.store.all_hashes()) == []
