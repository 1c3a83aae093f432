"""Shared by the benchmarks: timing statistics and a set-up counter database."""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def stats_ms(samples: list[float]) -> dict[str, float]:
    """median / p99 / min / max of samples given in seconds, in milliseconds."""
    ms = sorted(s * 1000 for s in samples)
    p99 = statistics.quantiles(ms, n=100, method="inclusive")[98] if len(ms) > 1 else ms[0]
    return {
        "median": round(statistics.median(ms), 3),
        "p99": round(p99, 3),
        "min": round(ms[0], 3),
        "max": round(ms[-1], 3),
    }
