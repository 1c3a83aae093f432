"""A scan source over files the officer chose (PDF, JPEG, PNG, multi-page TIFF).

Pages come in the order of the files and, within a file, in page order. A corrupt,
encrypted, empty or mis-named file gives a :class:`PageError` naming it; the other files
are still taken.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from scanner.acquisition.base import (
    DeviceCapabilities,
    DeviceInfo,
    ScanProfile,
    ScanSource,
    is_cancelled,
)
from scanner.acquisition.render import PDF_DPI, iter_file_pages
from scanner.files import FileLimits
from scanner.page import Page, PageError

FILES_DEVICE_ID = "files"

FILES_INFO = DeviceInfo(
    id=FILES_DEVICE_ID,
    vendor="",
    model="",
    kind="file",
    label="Tệp có sẵn trên máy tính (PDF, JPEG, PNG, TIFF)",
    capabilities=DeviceCapabilities(
        sources=("flatbed",), modes=("color", "gray"), resolutions=(PDF_DPI,)
    ),
)


class FileSource(ScanSource):
    """Pages of *paths*. PDFs are rasterized at the profile's resolution (300 dpi by
    default); images keep their own pixels and dpi."""

    def __init__(self, paths: Sequence[Path | str] = (), *, limits: FileLimits | None = None):
        super().__init__()
        self.paths = [Path(p) for p in paths]
        self.limits = limits or FileLimits()

    @property
    def info(self) -> DeviceInfo:
        return FILES_INFO

    def scan(
        self, profile: ScanProfile, cancel: threading.Event | None = None
    ) -> Iterator[Page | PageError]:
        self.notes = []
        index = 0
        for path in self.paths:
            if is_cancelled(cancel):
                yield PageError(
                    f"Đã dừng lấy tệp theo yêu cầu trước tệp «{path.name}».",
                    page_index=index,
                    kind="cancelled",
                )
                return
            for item in iter_file_pages(
                path,
                dpi=profile.resolution,
                limits=self.limits,
                first_index=index,
                cancel=cancel,
            ):
                # Number the pages of all files as one batch, without gaps for failed ones.
                if isinstance(item, Page):
                    yield replace(item, index=index)
                    index += 1
                else:
                    item.page_index = index
                    yield item
