"""The counter's transfer queue against the real hub (a subprocess on loopback): delivered
signed and exactly once — also when the sender is killed mid-transfer or the hub is down for
a while —, rejected with the hub's reason, and the status coming back."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app.catalog.store import import_bundled_catalog
from app.context import AppContext
from app.domain.status import OutboxState, Role
from app.intake import ApplicantInput, ComponentChoice, IntakeRequest, IntakeService
from app.security import CurrentUser, create_user
from app.storage.migrate import upgrade
from app.storage.models import Dossier, VaultDocument
from app.transfer.queue import queue_rows
from app.transfer.remote_vault import refresh_from_hub, upload_new_documents
from app.transfer.service import open_queue
from tests.app.test_intake import BIRTH, MOTHER, birth_request
from tests.conftest import OFFICER_PASSWORD, make_settings, paper_image
from tests.hub.support import AGENCY, REPO, RunningHub, run_hub, write_ca_bundle
from tests.support.pki import CertPair, make_agency_cert, make_ca, write_pkcs12

PASSWORD = "matkhau-chungthu"


@pytest.fixture(scope="module")
def ca() -> CertPair:
    return make_ca("Test Root CA")


@pytest.fixture
def hub(tmp_path: Path, ca: CertPair) -> Iterator[RunningHub]:
    with run_hub(tmp_path / "hub", trusted_ca=write_ca_bundle(tmp_path / "ca.pem", ca[1])) as h:
        yield h


def configure(
    ctx: AppContext, hub: RunningHub, ca: CertPair, tmp_path: Path, name: str = "quay-1"
) -> str:
    token = hub.add_token(name, "counter", AGENCY)
    tmp_path.mkdir(parents=True, exist_ok=True)
    key, cert = make_agency_cert(ca, "UBND XÃ ĐÔNG SƠN")
    p12 = write_pkcs12(tmp_path / "agency.p12", key, cert, ca[1], PASSWORD.encode())
    ctx.settings.hub.url, ctx.settings.hub.token = hub.url, token
    ctx.settings.signing.pkcs12, ctx.settings.signing.password = p12, PASSWORD
    return token


def take_in(ctx: AppContext, officer: CurrentUser, tmp_path: Path, count: int) -> list[str]:
    codes = []
    for index in range(count):
        applicant = ApplicantInput(**{**MOTHER.__dict__, "personal_id": f"0381930{index:05d}"})
        folder = tmp_path / f"d{index}"
        folder.mkdir()
        request = birth_request(folder, applicant=applicant)
        gcs = paper_image(folder / "gcs.png", "GIẤY CHỨNG SINH", pages=3)
        choices = {**request.choices, "C2": ComponentChoice(files=(gcs,))}
        request = IntakeRequest(applicant=applicant, procedure_code=BIRTH, choices=choices)
        result = IntakeService(ctx).submit(request, officer)
        codes.append(result.dossier_code)
    return codes


def states(ctx: AppContext) -> dict[str, str]:
    return {row.code: row.state for row in queue_rows(ctx)}


def attempts(ctx: AppContext) -> int:
    return sum(row.attempts for row in queue_rows(ctx))


def hub_copies(hub: RunningHub) -> dict[str, int]:
    path = hub.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT code, count(*) FROM hub_dossiers GROUP BY code").fetchall()
    return {code: int(n) for code, n in rows}


def test_delivered_once_then_status_comes_back(
    ctx: AppContext, officer: CurrentUser, hub: RunningHub, ca: CertPair, tmp_path: Path
) -> None:
    configure(ctx, hub, ca, tmp_path)
    codes = take_in(ctx, officer, tmp_path, 2)
    queue = open_queue(ctx)
    results = queue.run_once()
    assert [r.state for r in results] == ["delivered", "delivered"]
    assert queue.run_once() == []  # nothing left to send
    assert hub_copies(hub) == {code: 1 for code in codes}
    rows = {row.code: row for row in queue_rows(ctx)}
    assert all(rows[c].ack_id and rows[c].attempts == 1 for c in codes)

    authority = hub.add_token("so-tu-phap", "authority")
    with hub.client(authority) as client:
        for code, status in zip(codes, (4, 9), strict=True):
            answer = client.post(
                f"/api/v1/dossiers/{code}/status",
                json={"status": status, "note": "Chuyển phòng chuyên môn", "at": "20261125090000"},
            )
            assert answer.status_code == 200, answer.text
    assert queue.pull_status() == 2
    assert queue.pull_status() == 0  # the cursor moved on
    with ctx.db.reading() as session:
        dossiers = {d.code: d for d in session.scalars(select(Dossier)).all()}
        assert dossiers[codes[0]].status == 4
        assert dossiers[codes[1]].status == 9
        assert dossiers[codes[1]].finished_at == datetime(2026, 11, 25, 9, 0)
        assert dossiers[codes[0]].history[-1].note == "Chuyển phòng chuyên môn"


def test_hub_down_for_a_while_then_the_queue_drains(
    ctx: AppContext, officer: CurrentUser, ca: CertPair, tmp_path: Path
) -> None:
    workdir = tmp_path / "hub"
    ca_file = write_ca_bundle(tmp_path / "ca.pem", ca[1])
    with run_hub(workdir, trusted_ca=ca_file) as hub:
        configure(ctx, hub, ca, tmp_path)
    (code,) = take_in(ctx, officer, tmp_path, 1)
    queue = open_queue(ctx)
    (result,) = queue.run_once()  # the hub is stopped
    assert result.state == OutboxState.QUEUED
    (row,) = queue_rows(ctx)
    assert row.attempts == 1 and "Không kết nối được máy chủ tỉnh" in row.last_error
    assert row.next_attempt_at is not None and row.next_attempt_at > datetime.now()
    assert queue.run_once() == []  # waiting out the backoff
    with run_hub(workdir, trusted_ca=ca_file) as hub:  # back, on another port
        ctx.settings.hub.url = hub.url
        queue = open_queue(ctx)
        assert [r.state for r in queue.run_once(ignore_backoff=True)] == ["delivered"]
        assert hub_copies(hub) == {code: 1}


def test_sender_killed_mid_transfer_every_dossier_arrives_once(
    ctx: AppContext, officer: CurrentUser, hub: RunningHub, ca: CertPair, tmp_path: Path
) -> None:
    token = configure(ctx, hub, ca, tmp_path)
    codes = take_in(ctx, officer, tmp_path, 6)
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "ONESTOP_DATA_DIR": str(ctx.settings.data_dir),
        "ONESTOP_AGENCY__CODE": AGENCY,
        "ONESTOP_HUB__URL": hub.url,
        "ONESTOP_HUB__TOKEN": token,
        "ONESTOP_SIGNING__PKCS12": str(ctx.settings.signing.pkcs12),
        "ONESTOP_SIGNING__PASSWORD": PASSWORD,
    }
    rng = random.Random(7)
    kills = 0
    for _round in range(20):
        if all(state == OutboxState.DELIVERED for state in states(ctx).values()):
            break
        sender = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "queue", "run"],
            env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        # Kill it once it is busy sending (past its start-up), at a random moment.
        before = attempts(ctx)
        deadline = time.monotonic() + 30
        while sender.poll() is None and attempts(ctx) == before and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(rng.uniform(0.0, 0.5))
        if sender.poll() is None:
            sender.send_signal(signal.SIGKILL)
            kills += 1
        sender.wait()
    assert kills >= 2  # the sender really died mid-way, more than once
    assert set(states(ctx).values()) == {OutboxState.DELIVERED}
    assert hub_copies(hub) == {code: 1 for code in codes}  # exactly once each


def test_untrusted_certificate_is_rejected_with_the_hubs_reason(
    ctx: AppContext, officer: CurrentUser, hub: RunningHub, ca: CertPair, tmp_path: Path
) -> None:
    configure(ctx, hub, ca, tmp_path)
    rogue_ca = make_ca("Rogue CA")
    key, cert = make_agency_cert(rogue_ca, "UBND XÃ ĐÔNG SƠN")
    ctx.settings.signing.pkcs12 = write_pkcs12(
        tmp_path / "rogue.p12", key, cert, rogue_ca[1], PASSWORD.encode()
    )
    take_in(ctx, officer, tmp_path, 1)
    (result,) = open_queue(ctx).run_once()
    assert result.state == OutboxState.REJECTED
    (row,) = queue_rows(ctx)
    assert row.last_error and row.last_error == result.message
    assert hub_copies(hub) == {}


def test_wrong_token_keeps_the_dossier_waiting(
    ctx: AppContext, officer: CurrentUser, hub: RunningHub, ca: CertPair, tmp_path: Path
) -> None:
    configure(ctx, hub, ca, tmp_path)
    ctx.settings.hub.token = "not-a-token"
    take_in(ctx, officer, tmp_path, 1)
    (result,) = open_queue(ctx).run_once()
    assert result.state == OutboxState.QUEUED and "mã truy cập" in result.message
    check = open_queue(ctx).client.check()
    assert check.reachable and not check.authenticated


def test_backoff_grows_and_is_jittered() -> None:
    from app.transfer.queue import backoff

    rng = random.Random(1)
    delays = [backoff(n, rng).total_seconds() for n in range(1, 10)]
    assert all(15 <= d <= 30 * 2 ** (n - 1) for n, d in enumerate(delays, start=1) if n < 8)
    assert max(delays) <= 3600 and delays[5] > delays[0]
    assert len({round(backoff(3, rng).total_seconds(), 3) for _ in range(10)}) > 1


def test_hub_check_from_the_command_line(
    ctx: AppContext, hub: RunningHub, ca: CertPair, tmp_path: Path
) -> None:
    token = configure(ctx, hub, ca, tmp_path)
    env = {**os.environ, "PYTHONPATH": str(REPO), "ONESTOP_HUB__URL": hub.url,
           "ONESTOP_HUB__TOKEN": token}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "hub-check", "--json"],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["ok"] and data["authenticated"] and abs(data["clock_skew_s"]) < 5
    assert data["identity"]["role"] == "counter"
    env["ONESTOP_HUB__URL"] = "http://127.0.0.1:9"  # nothing listens there
    down = subprocess.run(
        [sys.executable, "-m", "app.cli", "hub-check", "--json"],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert down.returncode == 2 and json.loads(down.stdout)["reachable"] is False


def test_paper_digitized_at_one_counter_is_reused_at_another(
    ctx: AppContext, officer: CurrentUser, hub: RunningHub, ca: CertPair, tmp_path: Path
) -> None:
    """Two counters (two data directories) on one hub: the birth certificate taken in at
    counter 1 goes up to the province's vault and is re-used at counter 2."""
    configure(ctx, hub, ca, tmp_path)
    take_in(ctx, officer, tmp_path, 1)  # counter 1: C2 (Giấy chứng sinh) digitized here
    queue = open_queue(ctx)
    with queue.client:
        assert upload_new_documents(ctx, queue.client) >= 2
        assert upload_new_documents(ctx, queue.client) == 0  # each paper goes up once

    settings2 = make_settings(tmp_path / "counter2")
    settings2.counter_code = "Q02"
    upgrade(settings2.resolved_database_url)
    ctx2 = AppContext.open(settings2)
    try:
        import_bundled_catalog(ctx2.db)
        officer2 = create_user(ctx2.db, "canbo2", "Phạm Văn Hai", OFFICER_PASSWORD, Role.OFFICER)
        configure(ctx2, hub, ca, tmp_path / "c2pki", name="quay-2")
        applicant = ApplicantInput(**{**MOTHER.__dict__, "personal_id": "038193000000"})
        service = IntakeService(ctx2)
        assert service.vault_hits(applicant.personal_id, BIRTH) == {}  # nothing local yet
        assert refresh_from_hub(ctx2, applicant.personal_id) is None
        hits = service.vault_hits(applicant.personal_id, BIRTH)
        assert "C2" in hits
        form = paper_image(tmp_path / "tk.png", "TỜ KHAI ĐĂNG KÝ KHAI SINH")
        result = service.submit(
            IntakeRequest(
                applicant=applicant,
                procedure_code=BIRTH,
                choices={"C1": ComponentChoice(files=(form,))},
            ),
            officer2,
        )
        assert {c.code for c in result.components if c.reused} >= {"C2"}
        assert [r.state for r in open_queue(ctx2).run_once()] == ["delivered"]
        with ctx2.db.reading() as session:
            origins = {d.origin for d in session.scalars(select(VaultDocument))}
        assert "hub" in origins
    finally:
        ctx2.close()


def test_offline_lookup_says_local_only(ctx: AppContext) -> None:
    ctx.settings.hub.url, ctx.settings.hub.token = "http://127.0.0.1:9", "x"
    why = refresh_from_hub(ctx, "038193001234")
    assert why is not None and "Không kết nối được máy chủ tỉnh" in why


def test_command_line_intake_reuses_a_paper_from_the_hub(
    ctx: AppContext, officer: CurrentUser, hub: RunningHub, ca: CertPair, tmp_path: Path
) -> None:
    """`onestop intake` at a second counter (its own data directory, set up by the CLI)
    looks in the province's vault first, as the GUI does."""
    configure(ctx, hub, ca, tmp_path)
    take_in(ctx, officer, tmp_path, 1)
    queue = open_queue(ctx)
    with queue.client:
        assert upload_new_documents(ctx, queue.client) >= 2
    counter2 = tmp_path / "counter2"
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "ONESTOP_CONFIG_FILE": str(counter2 / "settings.toml"),
        "ONESTOP_DATA_DIR": str(counter2),
        "ONESTOP_AGENCY__CODE": AGENCY,
        "ONESTOP_AGENCY__NAME": "UBND XÃ ĐÔNG SƠN",
        "ONESTOP_HUB__URL": hub.url,
        "ONESTOP_HUB__TOKEN": hub.add_token("quay-2", "counter", AGENCY),
    }

    def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app.cli", *args],
            env=env, cwd=REPO, input=stdin, capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    for args in (("db", "upgrade"), ("catalog", "import", "--bundled")):
        assert cli(*args).returncode == 0
    added = cli(
        "user", "add", "canbo2", "--role", "officer", "--password-stdin", stdin="matkhau2026"
    )
    assert added.returncode == 0, added.stderr
    form = paper_image(tmp_path / "tk.png", "TỜ KHAI ĐĂNG KÝ KHAI SINH")
    card = paper_image(tmp_path / "cc.png", "CĂN CƯỚC")
    done = cli(
        *("intake", "--user", "canbo2", "--citizen", "038193000000", "--name", MOTHER.full_name),
        *("--procedure", BIRTH, "--attach", f"C1={form}", "--attach", f"C4={card}", "--json"),
    )
    assert done.returncode == 0, done.stderr
    reused = {c["code"] for c in json.loads(done.stdout)["components"] if c["reused"]}
    assert "C2" in reused  # the birth certificate digitized at counter 1
    env["ONESTOP_HUB__URL"] = "http://127.0.0.1:9"  # offline: still takes the dossier in
    offline = cli(
        *("intake", "--user", "canbo2", "--citizen", "038193000001", "--name", MOTHER.full_name),
        *("--procedure", BIRTH, "--outcome", "supplement", "--reason", "Thiếu giấy chứng sinh"),
    )
    assert offline.returncode == 0, offline.stderr
    assert "chỉ tra kho cục bộ" in offline.stderr
