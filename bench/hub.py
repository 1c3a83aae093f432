"""The provincial hub under load: vault lookups by 50 concurrent clients over 1M documents in
PostgreSQL, and transfer throughput of whole dossiers.

* Lookup: a private PostgreSQL server (tests/support/postgres.py), the hub schema migrated,
  ``--documents`` vault rows for ``--documents / 10`` citizens inserted with
  ``generate_series``, the real hub (``onestop-hub serve --workers N``) on loopback, and wrk
  (``bench/wrk_vault_lookup.lua``) as 50 clients calling ``GET /vault/citizens/{id}/documents``
  for random citizens; every answer checked (200, 10 documents). Two load shapes: counters
  pausing ~200 ms between lookups (5 a second each, far above a real province) and a closed
  loop (each client asks again the moment it is answered: the hub's saturation). Peer in the
  same run: the paced lookup with the hub's index on ``id_number`` dropped.
* Transfer: ``3 × --dossiers`` real intakes at a counter, each with 3 components digitized
  as at the counter (3 pages each: clean-up, Vietnamese OCR, searchable PDF/A); the
  first third delivered one by one (the peer), the second ``--senders`` at a time, the last
  packaged during a hub outage and then drained as a backlog; the hub runs 2 workers. Each
  delivery builds the package from the stored papers, signs it (PAdES + CMS), posts it; the
  hub checks every hash and signature.

Everything (wrk, hub, PostgreSQL, counter) shares this machine's CPUs.
Targets (issue 5): lookup p99 < 50 ms; ≥ 20 dossiers/s.
Usage: python bench/hub.py [--documents 1000000] [--seconds 10] [--dossiers 40] [--senders 4]
Prints one JSON object. Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from common import ROOT, stats_ms  # noqa: F401  (puts the project on sys.path)
from sqlalchemy import create_engine, text

from hub.db import upgrade as hub_upgrade
from tests.hub.support import AGENCY, free_port, run_hub, write_ca_bundle
from tests.support.pki import make_agency_cert, make_ca, write_pkcs12
from tests.support.postgres import postgres_server

CLIENTS = 50
THINK_MS = 200
"""A counter's pause between lookups in the paced run: 50 counters × 5 lookups a second is
far above a province's real rate (one lookup per citizen at the counter)."""
HUB_WORKERS = max(2, os.cpu_count() or 2)
WRK_SCRIPT = Path(__file__).with_name("wrk_vault_lookup.lua")
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


def lookups(base: str, token: str, citizens: int, seconds: float, think_ms: int) -> dict[str, Any]:
    """wrk with CLIENTS connections: each asks for a random citizen's listing, waits for the
    answer, pauses *think_ms* (±50 %; 0 = at once) and asks again."""
    env = {
        **os.environ,
        "BENCH_CITIZENS": str(citizens),
        "BENCH_TOKEN": token,
        "BENCH_THINK_MS": str(think_ms),
        "BENCH_DOCUMENTS_EACH": "10",
    }
    done = subprocess.run(
        [
            *("wrk", "--threads", "2", "--connections", str(CLIENTS)),
            *("--duration", f"{seconds:g}s", "--timeout", "10s", "--script", str(WRK_SCRIPT)),
            base,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["per_second"] = round(result["requests"] / result["seconds"], 1)
    return {"clients": CLIENTS, "think_ms": think_ms, **result}


def bench_lookup(documents: int, seconds: float, workers: int) -> dict[str, Any]:
    with postgres_server() as url, tempfile.TemporaryDirectory() as tmp:
        hub_upgrade(url)
        started = time.perf_counter()
        citizens = fill_vault(url, documents)
        fill_s = time.perf_counter() - started
        result: dict[str, Any] = {"documents": documents, "citizens": citizens,
                                  "fill_s": round(fill_s, 1), "hub_workers": workers}  # fmt: skip
        with run_hub(Path(tmp) / "hub", database_url=url, workers=workers) as hub:
            token = hub.add_token("bench", "counter", AGENCY)
            lookups(hub.url, token, citizens, 2, 0)  # warm up
            result["counters_pausing"] = lookups(hub.url, token, citizens, seconds, THINK_MS)
            result["closed_loop"] = lookups(hub.url, token, citizens, seconds, 0)
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
            result["peer_without_id_index"] = lookups(
                hub.url, token, citizens, min(seconds, 5), THINK_MS
            )
        result["p99_ratio_peer_vs_indexed"] = round(
            result["peer_without_id_index"]["p99"] / max(result["counters_pausing"]["p99"], 1e-6),
            1,
        )
        return result


def bench_transfer(dossiers: int, senders: int) -> dict[str, Any]:
    from app.catalog.store import import_bundled_catalog
    from app.context import AppContext
    from app.domain.status import Role
    from app.intake import ApplicantInput, ComponentChoice, IntakeRequest, IntakeService
    from app.scanning import import_files, to_paper
    from app.security import create_user
    from app.storage.migrate import upgrade
    from app.transfer.service import open_queue
    from tests.conftest import make_settings, paper_image

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        ca = make_ca("Bench CA")
        key, cert = make_agency_cert(ca, "UBND XÃ ĐÔNG SƠN")
        p12 = write_pkcs12(tmp / "agency.p12", key, cert, ca[1], b"bench-password")
        trusted = write_ca_bundle(tmp / "ca.pem", ca[1])
        with run_hub(tmp / "hub", trusted_ca=trusted, workers=HUB_WORKERS) as hub:
            settings = make_settings(tmp / "counter")
            upgrade(settings.resolved_database_url)
            ctx = AppContext.open(settings)
            import_bundled_catalog(ctx.db)
            officer = create_user(ctx.db, "canbo", "Lê Thị Cán Bộ", "matkhau2026", Role.OFFICER)
            settings.hub.url = hub.url
            settings.hub.token = hub.add_token("quay", "counter", AGENCY)
            settings.hub.senders = senders
            settings.signing.pkcs12, settings.signing.password = p12, "bench-password"
            papers = {}  # digitized once, as at the counter: clean-up, OCR, searchable PDF
            for code, title in PAPERS:
                scan = paper_image(tmp / f"{code}.tif", title, pages=3)
                papers[code] = to_paper(import_files([scan], settings).pages, f"{code}.pdf")
            service = IntakeService(ctx)
            codes = []
            for index in range(3 * dossiers):
                applicant = ApplicantInput(
                    personal_id=f"0381930{index:05d}", full_name="Trần Thị Bình",
                    date_of_birth=__import__("datetime").date(1993, 5, 2), sex="Nữ",
                )  # fmt: skip
                receipt = service.submit(
                    IntakeRequest(
                        applicant=applicant, procedure_code="1.001193",
                        choices={c: ComponentChoice(scanned=p) for c, p in papers.items()},
                    ),
                    officer,
                )  # fmt: skip
                codes.append(receipt.dossier_code)
            queue = open_queue(ctx)
            one_by_one, one_s = _timed(lambda: [queue.deliver(c) for c in codes[:dossiers]])
            parallel, parallel_s = _timed(lambda: _deliver_all(queue, codes[dossiers:][:dossiers]))
            # An outage: the last third is packaged and signed while the hub is unreachable,
            # then the backlog drains once it is back (the hub's intake rate).
            settings.hub.url, settings.hub.max_attempts = f"http://127.0.0.1:{free_port()}", 99
            _deliver_all(open_queue(ctx), codes[2 * dossiers :])
            settings.hub.url = hub.url
            drained, drain_s = _timed(lambda: open_queue(ctx).run_once(ignore_backoff=True))
            ctx.close()
        return {
            "dossiers": dossiers,
            "components_each": 3,
            "pages_each": 9,
            "hub_workers": HUB_WORKERS,
            "senders": senders,
            "end_to_end": _rate(parallel, parallel_s),
            "peer_one_sender": _rate(one_by_one, one_s),
            "speedup_vs_one_sender": round(one_s / max(parallel_s, 1e-9), 2),
            "backlog_after_outage": _rate(drained, drain_s),
            "end_to_end_is": "package built from the stored papers, PDFs signed (PAdES), "
            "manifest signed (CMS), POST, hub checks every hash and signature, stores, acks",
            "backlog_is": "packages already built and signed during the outage: POST + the "
            "hub's checks",
        }


def _timed(work: Callable[[], list[Any]]) -> tuple[list[Any], float]:
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started


def _deliver_all(queue: Any, codes: list[str]) -> list[Any]:
    senders = queue.ctx.settings.hub.senders
    with ThreadPoolExecutor(senders) as pool:
        return list(pool.map(queue.deliver, codes))


def _rate(results: list[Any], seconds: float) -> dict[str, Any]:
    delivered = sum(1 for r in results if r.state == "delivered")
    return {
        "delivered": delivered,
        "of": len(results),
        "seconds": round(seconds, 2),
        "dossiers_per_s": round(delivered / seconds, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--dossiers", type=int, default=40)
    parser.add_argument("--senders", type=int, default=4)
    args = parser.parse_args()
    report = {
        "benchmark": "hub",
        "lookup": bench_lookup(args.documents, args.seconds, args.workers),
        "transfer": bench_transfer(args.dossiers, args.senders),
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
