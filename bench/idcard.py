"""ID-card reading: decode rate and time per image, zxing-cpp and pyzbar side by side.

Generated cards (tests/support/idcards.py), fresh seeds per run-set:

* fronts scanned at 300 dpi anywhere on a 110×80 mm glass area, turned up to ±5°;
* fronts anywhere on a whole A4 glass at 300 dpi;
* fronts photographed with a phone (perspective, blur σ 0.8–1.4 px, JPEG, ~200 dpi) and a
  harder set (blur σ 1.4–1.9 px);
* backs scanned and photographed, for the MRZ;
* the printed-front OCR fallback on scans and photos.

QR: a payload counts only if it equals the encoded text byte for byte (UTF-8). "card" is the
whole front path of ``read_card`` (decode + parse + cross-check) with the default engine
order. MRZ: an image counts only when every field (ID, date of birth, sex, expiry, name) is
right. Targets (issue 4): 100% of QR payloads on scans and photos; MRZ ≥ 95%; ≤ 50 ms median
per front image.

Usage: python bench/idcard.py [--count 100] [--mrz-count 60] [--ocr-count 20]
Prints one JSON object. Not a test.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from common import ROOT, stats_ms  # noqa: F401  (puts the project on sys.path)

from scanner.idcard.front_ocr import read_front
from scanner.idcard.model import CardReadError
from scanner.idcard.mrz_reader import read_mrz
from scanner.idcard.qr_decode import decode_qr
from scanner.idcard.reader import read_card
from scanner.page import Image
from tests.support import idcards

TODAY = date(2026, 11, 24)
SEED_BASE = 90_000  # apart from the seeds the tests use


def front_images(kind: str, count: int) -> list[tuple[Image, idcards.Holder]]:
    out = []
    for index in range(count):
        seed = SEED_BASE + index
        holder = idcards.random_holder(seed)
        card = idcards.render_front(holder, seed=seed)
        out.append((make(kind, card, seed), holder))
    return out


def make(kind: str, card: Image, seed: int) -> Image:
    if kind == "scan":
        return idcards.on_glass(card, seed=seed)
    if kind == "scan_a4_glass":
        return idcards.on_glass(card, seed=seed, glass_mm=(210, 297))
    if kind == "photo":
        return idcards.phone_photo(card, seed=seed)
    if kind == "photo_hard":
        return idcards.phone_photo(card, seed=seed, blur=(1.4, 1.9))
    raise ValueError(kind)


def timed(function: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = function()
    return result, time.perf_counter() - start


def bench_qr(kind: str, count: int) -> dict[str, Any]:
    images = front_images(kind, count)
    result: dict[str, Any] = {"images": len(images), "size_px": list(images[0][0].shape[:2])}
    for engine in ("zxing", "pyzbar"):
        hits, times = 0, []
        for image, holder in images:
            symbols, seconds = timed(lambda i=image, e=engine: decode_qr(i, engine=e))
            times.append(seconds)
            hits += idcards.qr_text(holder) in [s.text for s in symbols]
        result[engine] = {"decode_rate": round(hits / len(images), 4), **stats_ms(times)}
    hits, times = 0, []
    for image, holder in images:
        try:
            reading, seconds = timed(lambda i=image: read_card([i], today=TODAY))
        except CardReadError:
            continue
        times.append(seconds)
        hits += (
            reading.values.get("full_name") == holder.full_name
            and reading.values.get("id_number") == holder.id_number
        )
    result["card"] = {"read_rate": round(hits / len(images), 4), **stats_ms(times or [0.0])}
    result["zxing_speedup_vs_pyzbar"] = round(
        result["pyzbar"]["median"] / max(result["zxing"]["median"], 1e-6), 1
    )
    return result


def mrz_right(card: Any, holder: idcards.Holder) -> bool:
    return bool(
        card is not None
        and card.id_number == holder.id_number
        and card.date_of_birth == holder.date_of_birth
        and card.sex is not None
        and card.sex.value == holder.sex
        and card.expiry_date == holder.expiry_date
        and card.full_name == idcards.ascii_upper(holder.full_name)
    )


def bench_mrz(kind: str, count: int) -> dict[str, Any]:
    hits, times, failures = 0, [], []
    for index in range(count):
        seed = SEED_BASE + 5000 + index
        holder = idcards.random_holder(seed)
        image = make(kind, idcards.render_back(holder, seed=seed), seed)
        try:
            card, seconds = timed(lambda i=image: read_mrz(i, today=TODAY))
        except CardReadError as exc:
            failures.append(f"{seed}: {exc.message[:80]}")
            continue
        times.append(seconds)
        if mrz_right(card, holder):
            hits += 1
        else:
            failures.append(f"{seed}: wrong or missing")
    return {
        "images": count,
        "all_fields_right_rate": round(hits / count, 4),
        **stats_ms(times or [0.0]),
        "failures": failures[:10],
    }


def bench_front_ocr(kind: str, count: int) -> dict[str, Any]:
    fields = {"id_number": 0, "full_name": 0, "date_of_birth": 0}
    times = []
    for index in range(count):
        seed = SEED_BASE + 9000 + index
        holder = idcards.random_holder(seed)
        image = make(kind, idcards.render_front(holder, seed=seed), seed)
        front, seconds = timed(lambda i=image: read_front(i))
        times.append(seconds)
        if front is None:
            continue
        fields["id_number"] += front.id_number == holder.id_number
        fields["full_name"] += front.full_name == holder.full_name
        fields["date_of_birth"] += front.date_of_birth == holder.date_of_birth
    return {
        "images": count,
        "field_rate": {name: round(hits / count, 4) for name, hits in fields.items()},
        **stats_ms(times),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--mrz-count", type=int, default=60)
    parser.add_argument("--ocr-count", type=int, default=20)
    args = parser.parse_args()
    report = {
        "benchmark": "idcard",
        "qr": {
            kind: bench_qr(kind, args.count if kind != "scan_a4_glass" else args.count // 4)
            for kind in ("scan", "scan_a4_glass", "photo", "photo_hard")
        },
        "mrz": {kind: bench_mrz(kind, args.mrz_count) for kind in ("scan", "photo")},
        "front_ocr": {kind: bench_front_ocr(kind, args.ocr_count) for kind in ("scan", "photo")},
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
