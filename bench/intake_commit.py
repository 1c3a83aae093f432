"""Intake commit time on the embedded SQLite database.

Times ``IntakeService.submit`` for Đăng ký khai sinh with one paper re-used from the vault
and two attached (one PNG page each): validation, vault lookup, file checks, storing the
files and the one transaction (citizen, dossier code, dossier, components, vault documents,
outbox, audit). ``commit_ms`` is the transaction alone. The peer, in the same run and on the
same disk, is a bare sqlite3 INSERT of one row committed with the same durability settings:
the floor any commit pays.

Usage: python bench/intake_commit.py [-n 200]
Prints one JSON object. Not a test.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
import time
from datetime import date
from pathlib import Path

from common import stats_ms
from PIL import Image, ImageDraw

from app.catalog.store import import_bundled_catalog
from app.config import AgencySettings, Settings
from app.context import AppContext
from app.domain.status import Role
from app.intake import ApplicantInput, ComponentChoice, IntakeRequest, IntakeService
from app.security import create_user
from app.storage.migrate import upgrade
from app.vault_import import import_document


def page(path: Path, text: str) -> Path:
    image = Image.new("RGB", (1240, 1754), "white")
    ImageDraw.Draw(image).text((100, 100), text, fill="black")
    image.save(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=200)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="onestop-bench-"))
    settings = Settings(data_dir=tmp, agency=AgencySettings(code="000.00.06.H56", name="UBND"))
    upgrade(settings.resolved_database_url)
    ctx = AppContext.open(settings)
    import_bundled_catalog(ctx.db)
    officer = create_user(ctx.db, "bench", "Bench", "bench2026x", Role.OFFICER)
    service = IntakeService(ctx)
    timed_commit: list[float] = []
    original_commit = service._commit

    def commit(*a: object, **k: object) -> object:
        started = time.perf_counter()
        try:
            return original_commit(*a, **k)  # type: ignore[arg-type]
        finally:
            timed_commit.append(time.perf_counter() - started)

    service._commit = commit  # type: ignore[method-assign]
    totals = []
    for i in range(args.n):
        pid = f"0381930{i:05d}"
        import_document(
            ctx,
            officer,
            pid,
            "GCS",
            page(tmp / f"gcs{i}.png", f"GCS {i}"),
            full_name=f"Trần Thị {i}",
        )
        form, card = page(tmp / f"tk{i}.png", f"TK {i}"), page(tmp / f"id{i}.png", f"ID {i}")
        request = IntakeRequest(
            applicant=ApplicantInput(pid, f"Trần Thị {i}", date(1993, 5, 2), "Nữ"),
            procedure_code="1.001193",
            choices={"C1": ComponentChoice(files=(form,)), "C4": ComponentChoice(files=(card,))},
        )
        started = time.perf_counter()
        result = service.submit(request, officer)
        totals.append(time.perf_counter() - started)
        assert any(c.reused for c in result.components)

    raw = sqlite3.connect(str(tmp / "peer.db"), isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=NORMAL")
    raw.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT UNIQUE, payload TEXT)")
    peer = []
    for i in range(args.n):
        started = time.perf_counter()
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("INSERT INTO t (code, payload) VALUES (?, ?)", (f"c{i}", "x" * 200))
        raw.execute("COMMIT")
        peer.append(time.perf_counter() - started)
    commit_stats, peer_stats = stats_ms(timed_commit), stats_ms(peer)
    print(
        json.dumps(
            {
                "benchmark": "intake_commit",
                "database": "sqlite",
                "dossiers": args.n,
                "submit_ms": stats_ms(totals),
                "commit_ms": commit_stats,
                "peer_bare_insert_commit_ms": peer_stats,
                "ratio_median_commit_over_peer": round(
                    commit_stats["median"] / peer_stats["median"], 1
                ),
                "target_commit_median_ms": 50,
            },
            indent=2,
        )
    )
    ctx.close()


if __name__ == "__main__":
    main()
