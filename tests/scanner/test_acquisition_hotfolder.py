"""Scan-to-folder: files taken only once complete, moved to done/ or failed/ (with the
reason), originals never deleted."""

from __future__ import annotations

import io
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from scanner.acquisition import DeviceUnavailable, ScanProfile, open_source
from scanner.acquisition.hotfolder import HotFolder, HotFolderSource, is_temporary
from scanner.page import Page, PageError

PROFILE = ScanProfile("Thư mục")


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def tick(self, seconds: float = 0.5) -> None:
        self.now += seconds


def png_bytes(seed: int, size: tuple[int, int] = (120, 160)) -> bytes:
    rng = np.random.default_rng(seed)
    array = rng.integers(0, 256, size=(size[1], size[0], 3), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, format="PNG", dpi=(300, 300))
    return buffer.getvalue()


def pdf_bytes(pages: int) -> bytes:
    images = [Image.new("RGB", (100, 140), (255, 255 - 40 * i, 255)) for i in range(pages)]
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:])
    return buffer.getvalue()


def test_a_file_being_written_is_not_taken_until_complete(tmp_path: Path) -> None:
    clock = Clock()
    folder = HotFolder(tmp_path, clock=clock, broken_after=10.0)
    data = png_bytes(1)
    target = tmp_path / "scan_0001.png"
    with target.open("wb") as handle:
        handle.write(data[:1000])
        handle.flush()
        assert folder.poll() == []  # first sight
        clock.tick()
        assert folder.poll() == []  # size stable but the image does not open: keep waiting
        clock.tick()
        handle.write(data[1000:2000])
        handle.flush()
        assert folder.poll() == []  # grew
        clock.tick()
        assert folder.poll() == []  # still a truncated PNG
        assert folder.pending == [target]
        handle.write(data[2000:])
    clock.tick()
    assert folder.poll() == []  # changed since the last poll
    clock.tick()
    assert folder.poll() == [target]  # stable across two polls, and it opens
    assert folder.poll() == []  # returned once


def test_a_half_written_pdf_waits_for_its_end_marker(tmp_path: Path) -> None:
    clock = Clock()
    folder = HotFolder(tmp_path, clock=clock, broken_after=10.0)
    data = pdf_bytes(2)
    cut = data.rindex(b"%%EOF")
    target = tmp_path / "lo.pdf"
    target.write_bytes(data[:cut])
    for _ in range(3):
        assert folder.poll() == []
        clock.tick()
    with target.open("ab") as handle:
        handle.write(data[cut:])
    assert folder.poll() == []
    clock.tick()
    assert folder.poll() == [target]


def test_temporary_names_are_ignored(tmp_path: Path) -> None:
    for name in ("a.pdf.part", ".hidden.png", "~lock.pdf", "x.tmp", "b.crdownload"):
        assert is_temporary(Path(name))
        (tmp_path / name).write_bytes(png_bytes(2))
    (tmp_path / "subdir").mkdir()
    clock = Clock()
    folder = HotFolder(tmp_path, clock=clock)
    assert folder.poll() == [] and folder.pending == []
    clock.tick()
    assert folder.poll() == []


def test_corrupt_file_goes_to_failed_with_a_reason_and_the_next_is_processed(
    tmp_path: Path,
) -> None:
    clock = Clock()
    folder = HotFolder(tmp_path, clock=clock, broken_after=1.0)
    bad = tmp_path / "a_hong.jpg"
    bad_data = b"\xff\xd8\xff\xe0" + b"garbage" * 100
    bad.write_bytes(bad_data)
    good = tmp_path / "b_tot.png"
    good_data = png_bytes(3)
    good.write_bytes(good_data)

    ready: list[Path] = []
    for _ in range(5):
        ready += folder.poll()
        clock.tick()
    assert sorted(p.name for p in ready) == ["a_hong.jpg", "b_tot.png"]

    items = [item for path in ready for item in folder.take(path)]
    errors = [i for i in items if isinstance(i, PageError)]
    pages = [i for i in items if isinstance(i, Page)]
    assert len(errors) == 1 and "a_hong.jpg" in errors[0].message
    assert len(pages) == 1 and pages[0].origin == "b_tot.png, trang 1" and pages[0].dpi == 300

    assert not bad.exists() and not good.exists()
    failed = tmp_path / "failed" / "a_hong.jpg"
    assert failed.read_bytes() == bad_data  # the original, untouched
    reason = (tmp_path / "failed" / "a_hong.jpg.reason.txt").read_text(encoding="utf-8")
    assert "a_hong.jpg" in reason and "hỏng" in reason
    assert (tmp_path / "done" / "b_tot.png").read_bytes() == good_data


def test_same_name_twice_never_overwrites(tmp_path: Path) -> None:
    folder = HotFolder(tmp_path)
    first = tmp_path / "scan.png"
    first.write_bytes(png_bytes(4))
    list(folder.take(first))
    first.write_bytes(png_bytes(5))
    list(folder.take(first))
    done = sorted(p.name for p in (tmp_path / "done").iterdir())
    assert done == ["scan (1).png", "scan.png"]


def test_hot_folder_source_waits_for_slow_writers_and_ends_when_quiet(tmp_path: Path) -> None:
    source = HotFolderSource(tmp_path, poll_interval=0.05, settle_time=0.6, first_file_timeout=5.0)
    data = pdf_bytes(3)
    image = png_bytes(6)

    def scanner() -> None:
        time.sleep(0.1)
        with (tmp_path / "1_lo.pdf").open("wb") as handle:
            for start in range(0, len(data), 400):
                handle.write(data[start : start + 400])
                handle.flush()
                time.sleep(0.03)
        time.sleep(0.2)
        (tmp_path / "2_anh.png").write_bytes(image)

    writer = threading.Thread(target=scanner)
    writer.start()
    items = list(source.scan(PROFILE))
    writer.join()
    assert all(isinstance(i, Page) for i in items), items
    assert [i.origin for i in items if isinstance(i, Page)] == [
        "1_lo.pdf, trang 1",
        "1_lo.pdf, trang 2",
        "1_lo.pdf, trang 3",
        "2_anh.png, trang 1",
    ]
    assert [i.index for i in items if isinstance(i, Page)] == [0, 1, 2, 3]
    assert sorted(p.name for p in (tmp_path / "done").iterdir()) == ["1_lo.pdf", "2_anh.png"]
    assert (tmp_path / "done" / "1_lo.pdf").read_bytes() == data


def test_hot_folder_source_without_files_times_out(tmp_path: Path) -> None:
    source = HotFolderSource(tmp_path, poll_interval=0.02, first_file_timeout=0.1)
    (error,) = list(source.scan(PROFILE))
    assert isinstance(error, PageError) and error.kind == "no_documents"


def test_hot_folder_source_cancel(tmp_path: Path) -> None:
    cancel = threading.Event()
    threading.Timer(0.1, cancel.set).start()
    source = HotFolderSource(tmp_path, poll_interval=0.02, first_file_timeout=10.0)
    started = time.monotonic()
    (error,) = list(source.scan(PROFILE, cancel))
    assert isinstance(error, PageError) and error.kind == "cancelled"
    assert time.monotonic() - started < 2.0


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(DeviceUnavailable):
        open_source(f"hotfolder:{tmp_path / 'khong_co'}")
    source = HotFolderSource(tmp_path / "khong_co")
    (error,) = list(source.scan(PROFILE))
    assert isinstance(error, PageError) and error.kind == "unplugged"
    assert open_source(f"hotfolder:{tmp_path}").info.kind == "hotfolder"
