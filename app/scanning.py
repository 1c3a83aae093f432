"""Digitizing papers: acquire pages (scanner, scan-to-folder, camera, files), clean and OCR
them in the page pipeline, and turn them into one searchable PDF per component.

What the GUI's scan panel and the ``devices`` / ``scan`` / ``ocr`` commands share.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.config import Settings
from app.intake import DigitizedPaper
from app.search import PageText
from scanner.acquisition.base import DeviceInfo, ScanProfile, ScanSource, profile_by_name
from scanner.cleanup import CleanupOptions
from scanner.ocr import OcrOptions
from scanner.page import Page, PageError
from scanner.pdf_output import ProcessedPage, searchable_pdf
from scanner.pipeline import PagePipeline, process_pages

Outcome = ProcessedPage | PageError
Progress = Callable[[int, Outcome], None]


def custom_profiles(settings: Settings) -> dict[str, ScanProfile]:
    profiles = (ScanProfile.from_dict(data) for data in settings.scanning.profiles)
    return {profile.name: profile for profile in profiles}


def profile_names(settings: Settings) -> list[str]:
    from scanner.acquisition.base import BUILTIN_PROFILES

    return sorted({*BUILTIN_PROFILES, *custom_profiles(settings)})


def chosen_profile(settings: Settings, name: str | None = None) -> ScanProfile:
    return profile_by_name(name or settings.scanning.profile, custom_profiles(settings))


def cleanup_options(settings: Settings, *, camera: bool = False) -> CleanupOptions:
    return CleanupOptions(drop_blank=settings.scanning.drop_blank_pages, camera=camera)


def ocr_options(settings: Settings) -> OcrOptions:
    return OcrOptions(
        languages=tuple(settings.scanning.ocr_languages),
        low_confidence_below=settings.scanning.low_confidence_below,
    )


def new_pipeline(settings: Settings, on_page_done: Progress | None = None) -> PagePipeline:
    """One pool of page workers (cores) — the GUI keeps it for the whole session."""
    return PagePipeline(cleanup_options(settings), ocr_options(settings), on_page_done=on_page_done)


def configure_sane(settings: Settings) -> None:
    """Use the technician's SANE configuration, if any (before SANE is first used)."""
    from scanner.acquisition.sane_backend import configure

    if settings.scanning.sane_config_dir is not None:
        configure(settings.scanning.sane_config_dir)


def list_devices(settings: Settings, *, include_cameras: bool = False) -> list[DeviceInfo]:
    from scanner.acquisition.devices import discover_devices

    configure_sane(settings)
    folder = settings.scanning.hot_folder
    return discover_devices(
        include_cameras=include_cameras,
        hot_folders=[folder] if folder is not None else (),
        recordings=settings.scanning.camera_recordings,
    )


def open_device(device_id: str, settings: Settings) -> ScanSource:
    from scanner.acquisition.devices import open_source

    configure_sane(settings)
    if device_id.startswith("sane:") and settings.scanning.sane_options:
        return open_source(device_id, extra_options=dict(settings.scanning.sane_options))
    return open_source(device_id)


def file_pages(paths: Sequence[Path]) -> ScanSource:
    from scanner.acquisition.file_source import FileSource

    return FileSource(list(paths))


def page_texts(pages: Sequence[ProcessedPage]) -> tuple[PageText, ...]:
    return tuple(
        PageText(
            page_number=number,
            text=page.text,
            mean_confidence=page.mean_confidence,
            low_confidence=page.low_confidence,
        )
        for number, page in enumerate(pages, start=1)
    )


def to_paper(pages: Sequence[ProcessedPage], source: str) -> DigitizedPaper:
    """One searchable PDF of *pages*, in the order given (the officer's order)."""
    if not pages:
        raise PageError("Không có trang nào để lưu. Hãy quét hoặc chọn lại giấy tờ.")
    return DigitizedPaper(pdf=searchable_pdf(pages), pages=page_texts(pages), source=source)


@dataclass(frozen=True)
class BatchResult:
    """Pages processed in order, and the pages that failed (named in their messages)."""

    pages: tuple[ProcessedPage, ...]
    errors: tuple[PageError, ...]
    notes: tuple[str, ...] = ()


def acquired(
    source: ScanSource,
    profile: ScanProfile,
    cancel: threading.Event | None,
    errors: list[PageError],
) -> Iterator[Page]:
    """The pages of a scan; faults are collected (the batch carries on or ends cleanly)."""
    for item in source.scan(profile, cancel):
        if isinstance(item, PageError):
            errors.append(item)
        else:
            yield item


def run_batch(
    pages: Iterable[Page],
    settings: Settings,
    *,
    pipeline: PagePipeline | None = None,
    on_progress: Progress | None = None,
    cancel: threading.Event | None = None,
    errors: list[PageError] | None = None,
) -> BatchResult:
    """Clean and OCR *pages* as they arrive; scanning never waits for OCR."""
    found = errors if errors is not None else []
    outcomes = process_pages(
        pages,
        cleanup_options(settings),
        on_progress,
        cancel,
        ocr_options=ocr_options(settings),
        pipeline=pipeline,
    )
    done = [o for o in outcomes if isinstance(o, ProcessedPage)]
    found.extend(o for o in outcomes if isinstance(o, PageError))
    return BatchResult(pages=tuple(done), errors=tuple(found))


def scan_batch(
    device_id: str,
    profile: ScanProfile,
    settings: Settings,
    *,
    pipeline: PagePipeline | None = None,
    on_progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> BatchResult:
    errors: list[PageError] = []
    with open_device(device_id, settings) as source:
        result = run_batch(
            acquired(source, profile, cancel, errors),
            settings,
            pipeline=pipeline,
            on_progress=on_progress,
            cancel=cancel,
            errors=errors,
        )
        return BatchResult(result.pages, result.errors, tuple(source.notes))


def import_files(
    paths: Sequence[Path],
    settings: Settings,
    *,
    pipeline: PagePipeline | None = None,
    on_progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> BatchResult:
    errors: list[PageError] = []
    source = file_pages(paths)
    profile = chosen_profile(settings)
    return run_batch(
        acquired(source, profile, cancel, errors),
        settings,
        pipeline=pipeline,
        on_progress=on_progress,
        cancel=cancel,
        errors=errors,
    )
