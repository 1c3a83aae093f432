"""`onestop print printers|check|test-page` against a private CUPS server with file queues,
the server taken from the settings (``[printing] cups_server``) as a technician sets it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hub.support import REPO
from tests.support.cups import A4_QUEUE, RECEIPT_QUEUE, CupsServer, cups_server


@pytest.fixture(scope="module")
def server() -> Iterator[CupsServer]:
    with cups_server() as running:
        yield running


def onestop(server: CupsServer, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "ONESTOP_CONFIG_FILE": str(tmp_path / "settings.toml"),
        "ONESTOP_DATA_DIR": str(tmp_path / "data"),
        "ONESTOP_AGENCY__NAME": "UBND XÃ ĐÔNG SƠN",
        "ONESTOP_PRINTING__CUPS_SERVER": server.address,
    }
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_printers_are_listed_from_the_configured_server(server: CupsServer, tmp_path: Path) -> None:
    done = onestop(server, tmp_path, "print", "printers", "--json")
    assert done.returncode == 0, done.stderr
    printers = {p["name"]: p for p in json.loads(done.stdout)}
    assert set(printers) >= {A4_QUEUE, RECEIPT_QUEUE}
    assert printers[A4_QUEUE]["default"] and printers[A4_QUEUE]["accepting"]


def test_test_page_reaches_the_queue(server: CupsServer, tmp_path: Path) -> None:
    target = server.out / f"{RECEIPT_QUEUE}.pdf"
    target.unlink(missing_ok=True)
    done = onestop(
        server, tmp_path, "print", "test-page", "--printer", RECEIPT_QUEUE, "--kind", "receipt"
    )
    assert done.returncode == 0, done.stderr
    assert f"«{RECEIPT_QUEUE}»" in done.stdout
    assert target.exists() and b"%PDF" in target.read_bytes()[:4096]


def test_a_printer_that_is_gone_is_reported(server: CupsServer, tmp_path: Path) -> None:
    ok = onestop(server, tmp_path, "print", "check", "--printer", A4_QUEUE)
    assert ok.returncode == 0, ok.stderr
    gone = onestop(server, tmp_path, "print", "check", "--printer", "May_In_Da_Go")
    assert gone.returncode == 2
    assert "không còn trong hệ thống" in gone.stderr or "Không có máy in" in gone.stderr
    refused = onestop(server, tmp_path, "print", "test-page", "--printer", "May_In_Da_Go")
    assert refused.returncode == 2 and refused.stderr.strip()
