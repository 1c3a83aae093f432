"""Vault lookup with 100k citizens and 1M documents in SQLite: p50/p99.

What is timed is what intake does when the officer has typed the ID and chosen a procedure:
``IntakeService.vault_hits`` (procedure + citizen + the newest valid paper per re-usable
document type). The peer, in the same run, is the same query forced to scan the table
(``NOT INDEXED``): the ratio shows what the composite index buys.

Usage: python bench/vault_lookup.py [--citizens 100000] [--docs-per-citizen 10] [-n 2000]
The generated database is kept in bench/out/ and re-used when it has the requested size.
Prints one JSON object. Not a test.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import time
from datetime import date, datetime

from common import ROOT, stats_ms

from app.catalog.store import import_bundled_catalog
from app.config import AgencySettings, Settings
from app.context import AppContext
from app.intake import IntakeService
from app.storage.migrate import upgrade

PROCEDURE = "1.001193"


def personal_id(index: int) -> str:
    return f"001{index % 2}{93:02d}{index:06d}"


def populate(path: str, citizens: int, per_citizen: int, type_codes: list[str]) -> None:
    conn = sqlite3.connect(path)
    now = datetime(2026, 1, 1).isoformat(sep=" ")
    rng = random.Random(7)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO citizens (id, personal_id, full_name, name_search, address, phone, email,"
        " updated_at) VALUES (?, ?, ?, ?, '', '', '', ?)",
        ((i + 1, personal_id(i), f"Công dân {i}", f"cong dan {i}", now) for i in range(citizens)),
    )

    def documents():  # type: ignore[no-untyped-def]
        doc_id = 0
        for citizen in range(citizens):
            for n in range(per_citizen):
                doc_id += 1
                type_code = rng.choice(type_codes)
                expired = rng.random() < 0.2
                valid_until = (date(2025, 1, 1) if expired else date(2027, 1, 1)).isoformat()
                yield (
                    doc_id,
                    f"{personal_id(citizen)}.{type_code}.{n:02d}",
                    citizen + 1,
                    type_code,
                    "Giấy tờ",
                    f"{doc_id:064x}",
                    1000,
                    "application/pdf",
                    1,
                    "",
                    "hub",
                    "2025-01-01",
                    valid_until,
                    now,
                )

    conn.executemany(
        "INSERT INTO vault_documents (id, code, citizen_id, document_type_code, title, sha256,"
        " size_bytes, mime_type, page_count, original_filename, origin, valid_from, valid_until,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        documents(),
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--citizens", type=int, default=100_000)
    parser.add_argument("--docs-per-citizen", type=int, default=10)
    parser.add_argument("-n", type=int, default=2000)
    parser.add_argument("--peer-n", type=int, default=20)
    args = parser.parse_args()
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    db_file = out / f"vault-{args.citizens}-{args.docs_per_citizen}.db"
    settings = Settings(
        data_dir=out,
        database_url=f"sqlite:///{db_file}",
        agency=AgencySettings(code="000.00.06.H56", name="UBND"),
    )
    built = 0.0
    if not db_file.exists():
        started = time.perf_counter()
        upgrade(settings.resolved_database_url)
        ctx = AppContext.open(settings)
        import_bundled_catalog(ctx.db)
        ctx.close()
        types = [
            d["code"]
            for d in json.loads((ROOT / "resources/catalog/document_types.json").read_text())[
                "document_types"
            ]
        ]
        populate(str(db_file), args.citizens, args.docs_per_citizen, types)
        built = time.perf_counter() - started
    ctx = AppContext.open(settings)
    service = IntakeService(ctx)
    rng = random.Random(1)
    for _ in range(50):  # warm the page cache and the statement cache
        service.vault_hits(personal_id(rng.randrange(args.citizens)), PROCEDURE)
    samples, hits = [], 0
    for _ in range(args.n):
        pid = personal_id(rng.randrange(args.citizens))
        started = time.perf_counter()
        found = service.vault_hits(pid, PROCEDURE)
        samples.append(time.perf_counter() - started)
        hits += len(found)

    raw = sqlite3.connect(str(db_file))
    peer = []
    for _ in range(args.peer_n):
        citizen = rng.randrange(args.citizens) + 1
        started = time.perf_counter()
        raw.execute(
            "SELECT * FROM vault_documents NOT INDEXED WHERE citizen_id = ? AND"
            " document_type_code IN ('GCS', 'CCCD', 'GCNKH') AND"
            " (valid_until IS NULL OR valid_until >= ?) ORDER BY created_at DESC",
            (citizen, date.today().isoformat()),
        ).fetchall()
        peer.append(time.perf_counter() - started)
    with sqlite3.connect(str(db_file)) as conn:
        documents = conn.execute("SELECT count(*) FROM vault_documents").fetchone()[0]
        citizens = conn.execute("SELECT count(*) FROM citizens").fetchone()[0]
    lookup = stats_ms(samples)
    peer_stats = stats_ms(peer)
    print(
        json.dumps(
            {
                "benchmark": "vault_lookup",
                "database": "sqlite",
                "citizens": citizens,
                "documents": documents,
                "lookups": args.n,
                "mean_hits_per_lookup": round(hits / args.n, 2),
                "vault_hits_ms": lookup,
                "peer_table_scan_ms": peer_stats,
                "ratio_median_peer_over_indexed": round(peer_stats["median"] / lookup["median"], 1),
                "target_p99_ms": 20,
                "build_seconds": round(built, 1) if built else None,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
