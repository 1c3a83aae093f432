"""Scan-to-folder devices: a network scanner or MFP that drops files into a directory.

The directory is polled (every 0.5 s by default; no extra dependency). A file is taken only
once it is complete: its size and modification time are unchanged across two polls and it
opens as a PDF, JPEG, PNG or TIFF. A file that stays unreadable for ``broken_after`` seconds
is given up. Pages of a taken file are yielded in order; the file is then moved to ``done/``,
or to ``failed/`` with a ``<name>.reason.txt`` beside it (Vietnamese) when it or one of its
pages could not be read. Originals are never deleted.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from scanner.acquisition.base import (
    DeviceCapabilities,
    DeviceInfo,
    ScanProfile,
    ScanSource,
    is_cancelled,
    kept_clause,
)
from scanner.acquisition.render import iter_file_pages
from scanner.files import FileLimits, UnreadableFile, inspect_file
from scanner.page import Page, PageError

HOTFOLDER_PREFIX = "hotfolder:"
DONE_DIR = "done"
FAILED_DIR = "failed"
REASON_SUFFIX = ".reason.txt"
TEMPORARY_SUFFIXES = (
    ".tmp",
    ".temp",
    ".part",
    ".partial",
    ".crdownload",
    ".download",
    ".filepart",
    ".lock",
    REASON_SUFFIX,
)


def is_temporary(path: Path) -> bool:
    """Names scanners and copy tools use while a file is still being written."""
    name = path.name.lower()
    return name.startswith((".", "~")) or name.endswith(TEMPORARY_SUFFIXES)


@dataclass
class _Seen:
    size: int
    mtime_ns: int
    stable_since: float | None = None


class HotFolder:
    """The polling state of one directory, without threads or sleeping: call :meth:`poll`
    every interval, then :meth:`take` each file it returns."""

    def __init__(
        self,
        directory: Path,
        *,
        limits: FileLimits | None = None,
        broken_after: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.directory = Path(directory)
        self.done_dir = self.directory / DONE_DIR
        self.failed_dir = self.directory / FAILED_DIR
        self.limits = limits or FileLimits()
        self.broken_after = broken_after
        self.clock = clock
        self._seen: dict[Path, _Seen] = {}
        self._taken: dict[Path, tuple[int, int]] = {}  # returned, not yet moved away

    @property
    def pending(self) -> list[Path]:
        """Files seen but not yet complete (still being written)."""
        return sorted(self._seen)

    def poll(self) -> list[Path]:
        """Files that are complete now, oldest first. Each is returned once."""
        now = self.clock()
        present: dict[Path, tuple[int, int]] = {}
        try:
            entries = list(self.directory.iterdir())
        except OSError:
            return []
        for entry in entries:
            if is_temporary(entry):
                continue
            try:
                if not entry.is_file():
                    continue
                stat = entry.stat()
            except OSError:
                continue  # vanished or not accessible yet
            present[entry] = (stat.st_size, stat.st_mtime_ns)
        for gone in set(self._seen) - set(present):
            del self._seen[gone]
        for gone in [p for p, sig in self._taken.items() if present.get(p) != sig]:
            del self._taken[gone]
        ready: list[tuple[int, str, Path]] = []
        for path, (size, mtime_ns) in present.items():
            if path in self._taken:
                continue
            seen = self._seen.get(path)
            if seen is None or (seen.size, seen.mtime_ns) != (size, mtime_ns):
                self._seen[path] = _Seen(size, mtime_ns)
                continue
            if seen.stable_since is None:
                seen.stable_since = now
            if self._complete(path) or now - seen.stable_since >= self.broken_after:
                del self._seen[path]
                self._taken[path] = (size, mtime_ns)
                ready.append((mtime_ns, path.name, path))
        return [path for _, _, path in sorted(ready)]

    def _complete(self, path: Path) -> bool:
        try:
            with path.open("rb") as handle:  # fails on Windows while the writer holds it
                head = handle.read(1024)
                if b"%PDF-" in head:
                    # pdfium opens a half-written PDF; a whole one ends with %%EOF.
                    handle.seek(max(0, path.stat().st_size - 1024))
                    if b"%%EOF" not in handle.read():
                        return False
            inspect_file(path, self.limits)
        except (OSError, UnreadableFile):
            return False
        return True

    def take(
        self, path: Path, *, profile_dpi: int = 300, first_index: int = 0
    ) -> Iterator[Page | PageError]:
        """Yield the pages of *path*, then move it to ``done/`` (or ``failed/`` with the
        reason). If the caller stops early the file stays where it is and is taken again."""
        errors: list[PageError] = []
        pages = 0
        index = first_index
        for item in iter_file_pages(path, dpi=profile_dpi, limits=self.limits, first_index=0):
            if isinstance(item, Page):
                yield replace(item, index=index)
                index += 1
                pages += 1
            else:
                item.page_index = index
                errors.append(item)
                yield item
        if errors:
            reason = "\n".join(e.message for e in errors)
            if pages:
                reason += (
                    f"\nĐã lấy được {pages} trang khác của tệp này; hãy quét lại các trang hỏng."
                )
            self.move_failed(path, reason)
        else:
            self.move_done(path)

    def move_done(self, path: Path) -> Path:
        return _move_aside(path, self.done_dir)

    def move_failed(self, path: Path, reason: str) -> Path:
        target = _move_aside(path, self.failed_dir)
        stamp = datetime.now().astimezone().isoformat(timespec="seconds")
        text = f"Tệp: {path.name}\nThời điểm: {stamp}\nLý do: {reason}\n"
        target.with_name(target.name + REASON_SUFFIX).write_text(text, encoding="utf-8")
        return target


def _move_aside(path: Path, directory: Path) -> Path:
    """Move *path* into *directory* without overwriting anything there."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / path.name
    counter = 1
    while target.exists() or target.with_name(target.name + REASON_SUFFIX).exists():
        target = directory / f"{path.stem} ({counter}){path.suffix}"
        counter += 1
    shutil.move(str(path), str(target))
    return target


class HotFolderSource(ScanSource):
    """Pages from files dropped into *directory*.

    A scan waits up to *first_file_timeout* seconds for the first file, then ends once no
    file has arrived or been in progress for *settle_time* seconds (or after *max_files*).
    The device's own panel sets resolution and colour; the profile's resolution is used to
    rasterize PDFs.
    """

    def __init__(
        self,
        directory: Path | str,
        *,
        poll_interval: float = 0.5,
        first_file_timeout: float = 120.0,
        settle_time: float = 5.0,
        broken_after: float = 5.0,
        max_files: int | None = None,
        limits: FileLimits | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.directory = Path(directory)
        self.poll_interval = poll_interval
        self.first_file_timeout = first_file_timeout
        self.settle_time = settle_time
        self.broken_after = broken_after
        self.max_files = max_files
        self.limits = limits or FileLimits()
        self.clock = clock

    @property
    def info(self) -> DeviceInfo:
        return hotfolder_info(self.directory)

    def scan(
        self, profile: ScanProfile, cancel: threading.Event | None = None
    ) -> Iterator[Page | PageError]:
        self.notes = []
        if not self.directory.is_dir():
            yield PageError(
                f"Không thấy thư mục quét «{self.directory}». Hãy kiểm tra ổ mạng hoặc nhờ kỹ "
                "thuật viên thiết lập lại thư mục nhận bản quét.",
                page_index=0,
                kind="unplugged",
            )
            return
        folder = HotFolder(
            self.directory, limits=self.limits, broken_after=self.broken_after, clock=self.clock
        )
        started = self.clock()
        last_activity: float | None = None
        index = 0
        files = 0
        while True:
            if is_cancelled(cancel):
                yield PageError(
                    f"Đã dừng nhận tệp từ thư mục quét theo yêu cầu{kept_clause(index)}.",
                    page_index=index,
                    kind="cancelled",
                )
                return
            for path in folder.poll():
                for item in folder.take(path, profile_dpi=profile.resolution, first_index=index):
                    if isinstance(item, Page):
                        index += 1
                    yield item
                files += 1
                last_activity = self.clock()
                if self.max_files is not None and files >= self.max_files:
                    return
            now = self.clock()
            if folder.pending:
                last_activity = now
            if last_activity is None and now - started >= self.first_file_timeout:
                yield PageError(
                    f"Chưa nhận được tệp nào trong thư mục quét «{self.directory.name}» sau "
                    f"{self.first_file_timeout:.0f} giây. Hãy kiểm tra máy quét đã gửi bản quét "
                    "vào đúng thư mục rồi bấm Quét lại.",
                    page_index=0,
                    kind="no_documents",
                )
                return
            if last_activity is not None and now - last_activity >= self.settle_time:
                return
            if cancel is not None:
                cancel.wait(self.poll_interval)
            else:
                time.sleep(self.poll_interval)


def hotfolder_info(directory: Path) -> DeviceInfo:
    return DeviceInfo(
        id=HOTFOLDER_PREFIX + str(directory),
        vendor="",
        model="",
        kind="hotfolder",
        label=f"Thư mục nhận bản quét: {directory}",
        capabilities=DeviceCapabilities(sources=("feeder",), modes=("color", "gray")),
    )
