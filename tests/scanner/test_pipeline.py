"""The page pool: real clean-up and real Tesseract in worker processes."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import CancelledError, Future

import numpy as np
import pytest

from scanner.cleanup import CleanupOptions
from scanner.page import Page, PageError
from scanner.pdf_output import ProcessedPage
from scanner.pipeline import PageOutcome, PagePipeline, process_pages
from tests.scanner.test_ocr import DPI, cer, short_page
from tests.support.testpages import blank_page, document_page, rotate

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline() -> Iterator[PagePipeline]:
    """One pool for the module, as the GUI keeps one: started once."""
    pipe = PagePipeline(CleanupOptions())
    pipe.start(wait=True)
    yield pipe
    pipe.close()


def page_set(seeds: range, lines: int = 6) -> tuple[list[Page], list[str]]:
    pages, truths = [], []
    for index, seed in enumerate(seeds):
        image, truth = short_page(seed, lines=lines)
        if index == 1:
            image = rotate(image, 180)
        pages.append(Page(image, DPI, f"thử.pdf, trang {index + 1}", index))
        truths.append(truth)
    return pages, truths


def test_pool_is_sized_to_the_cores(pipeline: PagePipeline) -> None:
    assert pipeline.workers == (os.cpu_count() or 1)


def test_pages_come_back_in_order(pipeline: PagePipeline) -> None:
    pages, truths = page_set(range(31, 35))
    progress: list[tuple[int, PageOutcome]] = []
    lock = threading.Lock()

    def on_progress(position: int, outcome: PageOutcome) -> None:
        with lock:
            progress.append((position, outcome))

    outcomes = process_pages(pages, on_progress=on_progress, pipeline=pipeline)
    assert len(outcomes) == 4
    for index, (outcome, truth) in enumerate(zip(outcomes, truths, strict=True)):
        assert isinstance(outcome, ProcessedPage), outcome
        assert outcome.index == index
        assert outcome.origin == f"thử.pdf, trang {index + 1}"
        assert cer(outcome.text, truth) <= 0.02, (index, outcome.text)
    assert outcomes[1].rotation == 180
    assert sorted(position for position, _ in progress) == [0, 1, 2, 3]


def test_scanning_never_waits_for_ocr(pipeline: PagePipeline) -> None:
    """While a full 300 dpi page is being processed, more pages are submitted at once."""
    done: list[int] = []
    pipeline.on_page_done = lambda index, outcome: done.append(index)
    try:
        slow, _ = document_page(41, 300)
        first = pipeline.submit(Page(slow, 300, "chậm", 0))
        timings = []
        futures = [first]
        for index in range(1, 4):
            image, _ = short_page(41 + index, lines=4)
            started = time.perf_counter()
            futures.append(pipeline.submit(Page(image, DPI, f"trang {index}", index)))
            timings.append(time.perf_counter() - started)
        assert not first.done()  # still being cleaned and read
        assert max(timings) < 0.1, timings
        results = [f.result(timeout=120) for f in futures]
        assert [r.index for r in results] == [0, 1, 2, 3]
        assert sorted(done) == [0, 1, 2, 3]
    finally:
        pipeline.on_page_done = None


def test_cancel_stops_queued_pages(pipeline: PagePipeline) -> None:
    pages, _ = page_set(range(51, 59), lines=4)
    futures = [pipeline.submit(page) for page in pages]
    started = time.perf_counter()
    stopped = pipeline.cancel()
    assert time.perf_counter() - started < 0.5
    # at most one page per worker plus one queued had left the queue
    assert stopped >= len(pages) - (pipeline.workers + 1)
    assert all(f.cancelled() for f in futures)
    with pytest.raises(CancelledError):
        futures[-1].result()
    assert pipeline.pending == 0
    # the pipeline goes on working
    image, truth = short_page(59, lines=4)
    result = pipeline.submit(Page(image, DPI, "sau khi hủy", 0)).result(timeout=120)
    assert cer(result.text, truth) <= 0.02


def test_cancel_event_stops_a_batch(pipeline: PagePipeline) -> None:
    pages, _ = page_set(range(61, 67), lines=4)
    cancel = threading.Event()
    seen: list[int] = []

    def on_progress(position: int, outcome: PageOutcome) -> None:
        seen.append(position)
        cancel.set()  # the officer presses "Hủy" after the first page

    started = time.perf_counter()
    done = process_pages(pages, on_progress=on_progress, cancel_event=cancel, pipeline=pipeline)
    # back as soon as the first page is done, with the pages finished by then, in order
    assert time.perf_counter() - started < 15
    assert 1 <= len(done) < len(pages)
    assert all(isinstance(o, ProcessedPage) for o in done)
    assert [o.index for o in done] == sorted(o.index for o in done)
    assert pipeline.pending == 0


def test_bad_page_is_a_page_error_and_the_batch_carries_on(pipeline: PagePipeline) -> None:
    pages, truths = page_set(range(71, 73), lines=4)
    broken = [
        Page(np.zeros((0, 0), np.uint8), DPI, "hỏng.jpg, trang 1", 1),
        Page(np.zeros((40, 0), np.uint8), DPI, "rỗng", 2),
    ]
    batch = [pages[0], broken[0], broken[1], pages[1]]
    outcomes = process_pages(batch, pipeline=pipeline)
    assert len(outcomes) == 4
    assert isinstance(outcomes[0], ProcessedPage) and isinstance(outcomes[3], ProcessedPage)
    assert cer(outcomes[0].text, truths[0]) <= 0.02
    assert cer(outcomes[3].text, truths[1]) <= 0.02
    for outcome, page in zip(outcomes[1:3], broken, strict=True):
        assert isinstance(outcome, PageError)
        assert page.origin in outcome.message
        assert outcome.page_index == page.index


def test_blank_pages_dropped_or_kept(pipeline: PagePipeline) -> None:
    image, _ = short_page(81, lines=4)
    pages = [
        Page(image, DPI, "trang 1", 0),
        Page(blank_page(dpi=DPI, seed=3), DPI, "trang 2 (trắng)", 1),
    ]
    dropped = process_pages(pages, pipeline=pipeline)
    assert [o.index for o in dropped if isinstance(o, ProcessedPage)] == [0]
    # options per batch, on the same pool
    kept = process_pages(pages, CleanupOptions(drop_blank=False), pipeline=pipeline)
    assert len(kept) == 2  # not even looked for: OCR'd as any page
    assert isinstance(kept[1], ProcessedPage) and not kept[1].blank
    assert kept[1].low_confidence


class _KillsItsWorker:
    """Unpickled in a worker, it ends the process at once, as a crash in native code does."""

    def __reduce__(self) -> tuple[object, tuple[int]]:
        return (os._exit, (3,))


def test_a_worker_that_dies_fails_only_its_page() -> None:
    pages, truths = page_set(range(91, 94), lines=4)
    killer = Page(pages[1].image, DPI, "trang độc", 1, meta={"x": _KillsItsWorker()})  # type: ignore[dict-item]
    batch = [pages[0], killer, pages[2]]
    with PagePipeline(workers=2) as pipe:
        outcomes = process_pages(batch, pipeline=pipe)
        assert isinstance(outcomes[1], PageError)
        assert outcomes[1].kind == "crashed"
        assert outcomes[1].message.startswith("trang độc")
        for outcome, truth in ((outcomes[0], truths[0]), (outcomes[2], truths[2])):
            assert isinstance(outcome, ProcessedPage), outcome
            assert cer(outcome.text, truth) <= 0.02
        # and the next page goes through a fresh pool
        again: Future[ProcessedPage] = pipe.submit(pages[0])
        assert cer(again.result(timeout=120).text, truths[0]) <= 0.02


def test_closed_pipeline_refuses_pages() -> None:
    pipe = PagePipeline(workers=1)
    pipe.close()
    with pytest.raises(RuntimeError):
        pipe.submit(Page(np.full((10, 10), 255, np.uint8), DPI, "x"))
