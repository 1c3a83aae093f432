"""Pages already in memory (an ID card just read, a camera capture) offered as a scan source,
so they join a paper through the same clean-up and OCR as any scanned page."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence

from scanner.acquisition.base import (
    DeviceCapabilities,
    DeviceInfo,
    ScanProfile,
    ScanSource,
    is_cancelled,
)
from scanner.page import Page, PageError

MEMORY_INFO = DeviceInfo(
    id="memory",
    vendor="",
    model="",
    kind="file",
    label="Ảnh vừa đọc",
    capabilities=DeviceCapabilities(sources=("flatbed",), modes=("color",)),
)


class MemorySource(ScanSource):
    def __init__(self, pages: Sequence[Page]) -> None:
        super().__init__()
        self.pages = list(pages)

    @property
    def info(self) -> DeviceInfo:
        return MEMORY_INFO

    def scan(
        self, profile: ScanProfile, cancel: threading.Event | None = None
    ) -> Iterator[Page | PageError]:
        for page in self.pages:
            if is_cancelled(cancel):
                return
            yield page
