"""The provincial hub under load: vault lookups by 50 concurrent clients over 1M documents in
PostgreSQL, and transfer throughput of whole dossiers.

* Lookup: a private PostgreSQL server (tests/support/postgres.py), the hub schema migrated,
  ``--documents`` vault rows for ``--documents / 10`` citizens inserted with
  ``generate_series``, the real hub (``onestop-hub serve --workers N``) on loopback; 50 client
  threads each with its own httpx connection call ``GET /vault/citizens/{id}/documents`` for
  random citizens. Peer in the same run: the same lookup with the hub's index on ``id_number``
  dropped (what a missing index costs).
* Transfer: ``--dossiers`` real intakes (3 components of 3 pages each) at a counter, then the
  transfer queue delivers them signed to the hub (build + PAdES + CMS + POST + verification).

Targets (issue 5): lookup p99 < 50 ms; ≥ 20 dossiers/s.
Usage: python bench/hub.py [--documents 1000000] [--seconds 10] [--dossiers 40]
Prints one JSON object. Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
from common import ROOT, stats_ms  # noqa: F401  (puts the project on sys.path)
from sqlalchemy import create_engine, text

from hub.db import upgrade as hub_upgrade
from tests.hub.support import AGENCY, run_hub, write_ca_bundle
from tests.support.pki import make_agency_cert, make_ca, write_pkcs12
from tests.support.postgres import postgres_server

CLIENTS = 50
PAPERS = (("C1", "TỜ KHAI"), ("C2", "GIẤY CHỨNG SINH"), ("C4", "CĂN CƯỚC"))


def fill_vault(url: str, documents: int) -> int:
    citizens = max(1, documents // 10)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO hub_vault_documents (id_number, document_code, version, "
                "document_type, title, full_name, sha256, mime_type, pages, size, valid_from, "
                "valid_until, uploaded_at, uploaded_by) "
                "SELECT lpad((n % :citizens)::text, 12, '0'), "
                "lpad((n % :citizens)::text, 12, '0') || '.T' || (n / :citizens), 1, "
                "'T' || (n / :citizens), 'Giấy tờ số ' || n, 'Nguyễn Văn An', "
                "md5(n::text) || md5((n + 1)::text), 'application/pdf', 2, 123456, "
                "DATE '2025-01-01', NULL, now(), 'bench' FROM generate_series(0, :last) AS n"
            ),
            {"citizens": citizens, "last": documents - 1},
        )
        conn.execute(text("ANALYZE hub_vault_documents"))
    engine.dispose()
    return citizens


def lookups(base: str, token: str, citizens: int, seconds: float) -> dict[str, Any]:
    samples: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(seed: int) -> None:
        nonlocal errors
        rng = random.Random(seed)
        local: list[float] = []
        bad = 0
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}) as http:
            while time.monotonic() < stop:
                citizen = f"{rng.randrange(citizens):012d}"
                started = time.perf_counter()
                response = http.get(f"/api/v1/vault/citizens/{citizen}/documents")
                local.append(time.perf_counter() - started)
                bad += response.status_code != 200 or len(response.json()["documents"]) != 10
        with lock:
            samples.extend(local)
            errors += bad

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "clients": CLIENTS,
        "requests": len(samples),
        "per_second": round(len(samples) / seconds, 1),
        "wrong_answers": errors,
        **stats_ms(samples),
    }


def bench_lookup(documents: int, seconds: float, workers: int) -> dict[str, Any]:
    with postgres_server() as url, tempfile.TemporaryDirectory() as tmp:
        hub_upgrade(url)
        started = time.perf_counter()
        citizens = fill_vault(url, documents)
        fill_s = time.perf_counter() - started
        result: dict[str, Any] = {"documents": documents, "citizens": citizens,
                                  "fill_s": round(fill_s, 1)}  # fmt: skip
        with run_hub(Path(tmp) / "hub", database_url=url, workers=workers) as hub:
            token = hub.add_token("bench", "counter", AGENCY)
            lookups(hub.url, token, citizens, 2)  # warm up
            result["indexed"] = lookups(hub.url, token, citizens, seconds)
            engine = create_engine(url)
            with engine.begin() as conn:
                conn.execute(
                    text(
                        "ALTER TABLE hub_vault_documents "
                        "DROP CONSTRAINT IF EXISTS uq_vault_doc_version"
                    )
                )
                for name in conn.execute(
                    text(
                        "SELECT indexname FROM pg_indexes WHERE tablename = "
                        "'hub_vault_documents' AND indexdef LIKE '%(id_number%'"
                    )
                ).scalars():
                    conn.execute(text(f'DROP INDEX IF EXISTS "{name}"'))
            engine.dispose()
            result["peer_without_id_index"] = lookups(hub.url, token, citizens, min(seconds, 5))
        result["p99_ratio_peer_vs_indexed"] = round(
            result["peer_without_id_index"]["p99"] / max(result["indexed"]["p99"], 1e-6), 1
        )
        return result


def bench_transfer(dossiers: int) -> dict[str, Any]:
    from app.catalog.store import import_bundled_catalog
    from app.context import AppContext
    from app.domain.status import Role
    from app.intake import ApplicantInput, ComponentChoice, IntakeRequest, IntakeService
    from app.security import create_user
    from app.storage.migrate import upgrade
    from app.transfer.service import open_queue
    from tests.conftest import make_settings, paper_image

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        ca = make_ca("Bench CA")
        key, cert = make_agency_cert(ca, "UBND XÃ ĐÔNG SƠN")
        p12 = write_pkcs12(tmp / "agency.p12", key, cert, ca[1], b"bench-password")
        with run_hub(tmp / "hub", trusted_ca=write_ca_bundle(tmp / "ca.pem", ca[1])) as hub:
            settings = make_settings(tmp / "counter")
            upgrade(settings.resolved_database_url)
            ctx = AppContext.open(settings)
            import_bundled_catalog(ctx.db)
            officer = create_user(ctx.db, "canbo", "Lê Thị Cán Bộ", "matkhau2026", Role.OFFICER)
            settings.hub.url = hub.url
            settings.hub.token = hub.add_token("quay", "counter", AGENCY)
            settings.signing.pkcs12, settings.signing.password = p12, "bench-password"
            files = {
                code: paper_image(tmp / f"{code}.png", title, pages=3) for code, title in PAPERS
            }
            service = IntakeService(ctx)
            for index in range(dossiers):
                applicant = ApplicantInput(
                    personal_id=f"0381930{index:05d}", full_name="Trần Thị Bình",
                    date_of_birth=__import__("datetime").date(1993, 5, 2), sex="Nữ",
                )  # fmt: skip
                service.submit(
                    IntakeRequest(
                        applicant=applicant, procedure_code="1.001193",
                        choices={c: ComponentChoice(files=(f,)) for c, f in files.items()},
                    ),
                    officer,
                )  # fmt: skip
            queue = open_queue(ctx)
            started = time.perf_counter()
            results = queue.run_once()
            elapsed = time.perf_counter() - started
            ctx.close()
        delivered = sum(1 for r in results if r.state == "delivered")
        return {
            "dossiers": dossiers,
            "components_each": 3,
            "pages_each": 9,
            "delivered": delivered,
            "seconds": round(elapsed, 2),
            "dossiers_per_s": round(delivered / elapsed, 2),
            "mode": "one sender, sequential (build + sign + send + hub verification)",
        }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--dossiers", type=int, default=40)
    args = parser.parse_args()
    report = {
        "benchmark": "hub",
        "lookup": bench_lookup(args.documents, args.seconds, args.workers),
        "transfer": bench_transfer(args.dossiers),
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
