"""Pages are cleaned and OCR'd in a pool of processes, one per core, while the scanner feeds.

:class:`PagePipeline` owns a :class:`~concurrent.futures.ProcessPoolExecutor` (``spawn``
start method: safe beside Qt's threads, the same on Windows) whose workers are set up by
:func:`scanner.cleanup.init_worker` (one OpenMP/OpenCV thread each: with one Tesseract per core
that is the fastest arrangement, STACK-NOTES). :meth:`PagePipeline.submit` only queues the page
and returns a future at once, so the thread that scans never waits for OCR. Keep one pipeline
alive (the GUI does): the workers start once and are reused for every batch.

A page that fails — corrupt image, Tesseract error, even a worker process that dies — ends as
a :class:`~scanner.page.PageError` naming the page; the other pages carry on.

Callbacks (``on_page_done``, ``on_progress``) run on the pool's result thread, not on the
caller's: a GUI must hand them over to its own thread (a Qt signal does).
"""

from __future__ import annotations

import functools
import logging
import multiprocessing
import os
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import CancelledError, Future, InvalidStateError, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

from scanner.cleanup import CleanupOptions, clean_page, init_worker
from scanner.ocr import OcrOptions, ocr_page
from scanner.page import Page, PageError
from scanner.pdf_output import ProcessedPage

log = logging.getLogger(__name__)

PageOutcome = ProcessedPage | PageError
ProgressCallback = Callable[[int, PageOutcome], None]


# -- the work done in a pool process --------------------------------------------------------


def process_page(
    page: Page, options: CleanupOptions | None = None, ocr_options: OcrOptions | None = None
) -> ProcessedPage:
    """Clean one page and OCR it (not a blank one); raises :class:`PageError` naming the page.

    This is what a pool worker runs; it also works in the calling process (the CLI may use it
    for a single page)."""
    opts = options or CleanupOptions()
    cpu = _cpu_seconds()
    started = time.perf_counter()
    try:
        cleaned = clean_page(page, opts)
        cleaned_at = time.perf_counter()
        timings = {"cleanup": round((cleaned_at - started) * 1000, 1)}
        result = None
        if not cleaned.blank:
            result = ocr_page(cleaned.ocr_image, cleaned.dpi, options=ocr_options or OcrOptions())
            timings["ocr"] = round((time.perf_counter() - cleaned_at) * 1000, 1)
        timings["cpu"] = round((_cpu_seconds() - cpu) * 1000, 1)
        return ProcessedPage(cleaned=cleaned, ocr=result, timings=timings)
    except PageError as exc:
        raise _named(exc, page) from None
    except MemoryError:
        raise PageError(
            f"{page_name(page)}: không đủ bộ nhớ để xử lý trang này (ảnh quá lớn). "
            "Hãy quét lại ở 200–300 dpi.",
            page_index=page.index,
            kind="too_large",
        ) from None
    except Exception as exc:
        error = PageError(
            f"{page_name(page)}: không xử lý được trang ({type(exc).__name__}). "
            "Hãy quét lại trang này; nếu lỗi lặp lại, báo kỹ thuật viên.",
            page_index=page.index,
            kind="processing",
        )
        error.detail = traceback.format_exc()  # type: ignore[attr-defined]
        raise error from None


def _cpu_seconds() -> float:
    """CPU time of this process and of the children it waited for (Tesseract)."""
    if resource is None:  # Windows
        return time.process_time()
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def page_name(page: Page) -> str:
    """How messages name a page: its origin ("giay_to.pdf, trang 2"), else its number."""
    return page.origin or f"Trang {page.index + 1}"


def _named(error: PageError, page: Page) -> PageError:
    """The same error, its message starting with the page's name when it does not name it."""
    if page_name(page) in error.message:
        if error.page_index is None:
            error.page_index = page.index
        return error
    return PageError(
        f"{page_name(page)}: {error.message}",
        page_index=page.index if error.page_index is None else error.page_index,
        kind=error.kind,
    )


def _warm_up() -> int:
    """Submitted once per worker by :meth:`PagePipeline.start`: the worker process is
    spawned and has imported everything before the first page arrives."""
    return os.getpid()


def _init_worker() -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"
    init_worker()


# -- the pipeline ----------------------------------------------------------------------------


@dataclass(eq=False)
class _Job:
    page: Page
    outer: Future[ProcessedPage]
    options: CleanupOptions
    ocr_options: OcrOptions
    inner: Future[ProcessedPage] | None = None
    suspect: bool = False
    """In a pool that broke: run again alone to tell the page that kills its worker from
    the pages that were only beside it."""
    pool: ProcessPoolExecutor | None = field(default=None, repr=False)


class PagePipeline:
    """A process pool that cleans and OCRs pages as they are submitted.

    ``on_page_done(page.index, ProcessedPage | PageError)`` is called once per page that
    finished (not for cancelled pages), on the pool's result thread.

    If a worker process dies (a page that makes OpenCV or Tesseract crash, or run out of
    memory), the pages that were in the pool are run again one at a time in a pool of their
    own: the page that kills its worker again ends as a :class:`PageError`, the others
    succeed, and new pages go to a fresh pool meanwhile.
    """

    def __init__(
        self,
        options: CleanupOptions | None = None,
        ocr_options: OcrOptions | None = None,
        *,
        workers: int | None = None,
        on_page_done: ProgressCallback | None = None,
        start_method: str = "spawn",
    ) -> None:
        self.options = options or CleanupOptions()
        self.ocr_options = ocr_options or OcrOptions()
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.on_page_done = on_page_done
        self._context = multiprocessing.get_context(start_method)
        self._lock = threading.RLock()
        self._pool: ProcessPoolExecutor | None = None
        self._jobs: dict[Future[ProcessedPage], _Job] = {}
        self._suspects: deque[_Job] = deque()
        self._isolation: ProcessPoolExecutor | None = None
        self._isolated: _Job | None = None
        self._closed = False

    # life cycle

    def start(self, wait: bool = False) -> None:
        """Start the worker processes now rather than at the first page (the GUI calls this
        when the scan panel opens). With *wait*, return once every worker is ready."""
        with self._lock:
            pool = self._ensure_pool()
            warmers = [pool.submit(_warm_up) for _ in range(self.workers)]
        if wait:
            for warmer in warmers:
                warmer.result()

    def close(self, wait: bool = True) -> None:
        """Cancel what is still queued and stop the workers."""
        self.cancel()
        with self._lock:
            self._closed = True
            pools = [p for p in (self._pool, self._isolation) if p is not None]
            self._pool = self._isolation = None
        for pool in pools:
            pool.shutdown(wait=wait, cancel_futures=True)

    def __enter__(self) -> PagePipeline:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def pending(self) -> int:
        """Pages submitted and not finished yet."""
        with self._lock:
            return len(self._jobs)

    # work

    def submit(
        self,
        page: Page,
        options: CleanupOptions | None = None,
        ocr_options: OcrOptions | None = None,
    ) -> Future[ProcessedPage]:
        """Queue *page*; returns at once. The future gives the :class:`ProcessedPage` or
        raises :class:`PageError`; it is cancelled by :meth:`cancel`. *options* and
        *ocr_options* override the pipeline's for this page (a camera shot, say)."""
        outer: Future[ProcessedPage] = Future()
        job = _Job(
            page=page,
            outer=outer,
            options=options or self.options,
            ocr_options=ocr_options or self.ocr_options,
        )
        with self._lock:
            if self._closed:
                raise RuntimeError("the page pipeline is closed")
            self._jobs[outer] = job
            self._dispatch(job)
        return outer

    def cancel(self, futures: Iterable[Future[ProcessedPage]] | None = None) -> int:
        """Cancel the given pages (default: every page not finished) and return at once.

        All their futures are cancelled. Queued pages never start; a page a worker is
        already on is finished in the background and its result dropped. Returns how many
        pages were stopped before they started."""
        with self._lock:
            jobs = (
                list(self._jobs.values())
                if futures is None
                else [self._jobs[f] for f in futures if f in self._jobs]
            )
            stopped = 0
            for job in jobs:
                job.outer.cancel()
                self._jobs.pop(job.outer, None)
                if job in self._suspects:
                    self._suspects.remove(job)
                    stopped += 1
                elif job.inner is not None and job.inner.cancel():
                    stopped += 1
        return stopped

    # internals

    def _new_pool(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=workers, mp_context=self._context, initializer=_init_worker
        )

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = self._new_pool(self.workers)
        return self._pool

    def _dispatch(self, job: _Job) -> None:
        pool = self._ensure_pool()
        try:
            inner = pool.submit(process_page, job.page, job.options, job.ocr_options)
        except BrokenProcessPool:
            # The pool broke since the last page: start a new one.
            self._pool = None
            pool = self._ensure_pool()
            inner = pool.submit(process_page, job.page, job.options, job.ocr_options)
        self._watch(job, pool, inner)

    def _watch(self, job: _Job, pool: ProcessPoolExecutor, inner: Future[ProcessedPage]) -> None:
        job.pool, job.inner = pool, inner
        inner.add_done_callback(functools.partial(self._finished, job))

    def _isolate_next(self) -> None:
        """Run the next suspect page alone (called with the lock held)."""
        while self._isolated is None and self._suspects and not self._closed:
            job = self._suspects.popleft()
            if job.outer.cancelled():
                continue
            if self._isolation is None:
                self._isolation = self._new_pool(1)
            try:
                inner = self._isolation.submit(process_page, job.page, job.options, job.ocr_options)
            except BrokenProcessPool:
                self._isolation = None
                self._suspects.appendleft(job)
                continue
            self._isolated = job
            self._watch(job, self._isolation, inner)

    def _finished(self, job: _Job, inner: Future[ProcessedPage]) -> None:
        with self._lock:
            if self._isolated is job:
                self._isolated = None
                self._isolate_next()
        if inner.cancelled() or job.outer.cancelled():
            with self._lock:
                self._jobs.pop(job.outer, None)
            return
        outcome: PageOutcome
        error = inner.exception()
        if error is None:
            outcome = inner.result()
        elif isinstance(error, BrokenProcessPool):
            with self._lock:
                # A broken pool has already failed its futures and is ending its workers;
                # it is not shut down from here (this runs on its own manager thread).
                if self._pool is job.pool:
                    self._pool = None
                if self._isolation is job.pool:
                    self._isolation = None
                if not job.suspect and not self._closed:
                    job.suspect = True
                    log.warning("page pool broke; running %s again alone", job.page.origin)
                    self._suspects.append(job)
                    self._isolate_next()
                    return
            outcome = PageError(
                f"{page_name(job.page)}: chương trình xử lý trang bị dừng đột ngột "
                "(ảnh có thể hỏng hoặc quá lớn). Hãy quét lại trang này.",
                page_index=job.page.index,
                kind="crashed",
            )
        elif isinstance(error, PageError):
            outcome = error
            detail = getattr(error, "detail", None)
            if detail:
                log.error("%s\n%s", error.message, detail)
        else:
            log.error("page %s failed", job.page.origin, exc_info=error)
            outcome = PageError(
                f"{page_name(job.page)}: không xử lý được trang ({type(error).__name__}). "
                "Hãy quét lại trang này; nếu lỗi lặp lại, báo kỹ thuật viên.",
                page_index=job.page.index,
                kind="processing",
            )
        with self._lock:
            self._jobs.pop(job.outer, None)
        try:
            if isinstance(outcome, PageError):
                job.outer.set_exception(outcome)
            else:
                job.outer.set_result(outcome)
        except InvalidStateError:  # cancelled meanwhile
            return
        if self.on_page_done is not None:
            try:
                self.on_page_done(job.page.index, outcome)
            except Exception:
                log.exception("on_page_done callback failed")


def process_pages(
    pages: Iterable[Page],
    options: CleanupOptions | None = None,
    on_progress: ProgressCallback | None = None,
    cancel_event: threading.Event | None = None,
    *,
    ocr_options: OcrOptions | None = None,
    pipeline: PagePipeline | None = None,
) -> list[PageOutcome]:
    """Clean and OCR *pages*; the outcomes in page order, without the blank pages when
    ``options.drop_blank``.

    Pages are submitted as the iterable yields them (a scanner's generator keeps scanning
    while earlier pages are processed). ``on_progress(position, outcome)`` is called as each
    page finishes, *position* counting from 0 in the order given. Setting *cancel_event*
    stops taking pages, cancels those not finished and returns at once with the pages that
    had finished (in order). Pass the application's *pipeline* to reuse its workers (the
    options given here apply to these pages); otherwise one is started and closed.
    """
    own = pipeline is None
    pipe = pipeline or PagePipeline(options, ocr_options)
    opts = options or pipe.options
    futures: list[Future[ProcessedPage]] = []
    try:
        for position, page in enumerate(pages):
            if cancel_event is not None and cancel_event.is_set():
                break
            future = pipe.submit(page, opts, ocr_options)
            if on_progress is not None:
                future.add_done_callback(_progress_reporter(on_progress, position))
            futures.append(future)
        for future in futures:
            if not _wait(future, cancel_event):
                pipe.cancel(futures)
                break
        outcomes = [_outcome(f) for f in futures if f.done() and not f.cancelled()]
        return _kept(outcomes, opts.drop_blank)
    finally:
        if own:
            pipe.close(wait=cancel_event is None or not cancel_event.is_set())


def _outcome(future: Future[ProcessedPage]) -> PageOutcome:
    error = future.exception()
    if error is None:
        return future.result()
    if isinstance(error, PageError):
        return error
    raise error


def _wait(future: Future[ProcessedPage], cancel_event: threading.Event | None) -> bool:
    """Wait for *future*; False if the batch was cancelled first."""
    while True:
        if cancel_event is not None and cancel_event.is_set():
            return False
        try:
            future.exception(timeout=0.05 if cancel_event is not None else None)
            return not future.cancelled()
        except CancelledError:
            return False
        except TimeoutError:
            continue


def _progress_reporter(
    on_progress: ProgressCallback, position: int
) -> Callable[[Future[ProcessedPage]], None]:
    def report(future: Future[ProcessedPage]) -> None:
        if future.cancelled():
            return
        error = future.exception()
        outcome: PageOutcome = error if isinstance(error, PageError) else future.result()
        try:
            on_progress(position, outcome)
        except Exception:
            log.exception("on_progress callback failed")

    return report


def _kept(outcomes: list[PageOutcome], drop_blank: bool) -> list[PageOutcome]:
    if not drop_blank:
        return outcomes
    return [o for o in outcomes if isinstance(o, PageError) or not o.blank]
