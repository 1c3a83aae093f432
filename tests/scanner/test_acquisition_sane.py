"""Real SANE through python-sane: the ``test`` backend (virtual flatbed and feeder) and the
``pnm`` backend (scans a chosen file, forces faults). See tests/support/sane.py."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Generator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import cast

import numpy as np
import pytest

from scanner.acquisition import (
    ScannerBusy,
    ScanProfile,
    discover_devices,
    open_source,
    sane_backend,
)
from scanner.acquisition.sane_backend import (
    SaneOptions,
    SaneSource,
    classify_mode,
    classify_source,
    classify_status,
    list_sane_devices,
    sane_available,
)
from scanner.page import Page, PageError
from tests.support.sane import (  # sane_config: the session fixture
    PNM_FAULT_OPTIONS,
    ensure_sane_test_config,
    sample_page,
    sane_config,  # noqa: F401
    write_pnm,
)

pytestmark = pytest.mark.usefixtures("sane_config")

FLATBED = ScanProfile("Mặt kính", resolution=100, mode="color", source="flatbed")
FEEDER = ScanProfile("Khay", resolution=50, mode="gray", source="feeder")


def pages_of(items: list[Page | PageError]) -> list[Page]:
    return [item for item in items if isinstance(item, Page)]


def errors_of(items: list[Page | PageError]) -> list[PageError]:
    return [item for item in items if isinstance(item, PageError)]


# --------------------------------------------------------------------------- discovery


def test_discovery_lists_test_and_pnm_devices() -> None:
    assert sane_available()
    devices = {d.id: d for d in list_sane_devices()}
    assert {"sane:test:0", "sane:test:1", "sane:pnm:0", "sane:pnm:1"} <= set(devices)
    test = devices["sane:test:0"]
    assert test.kind == "sane"
    assert "test:0" in test.label and "thử nghiệm" in test.label
    assert test.capabilities.sources == ("flatbed", "feeder")
    assert {"color", "gray", "lineart"} <= set(test.capabilities.modes)
    assert 300 in test.capabilities.resolutions
    assert test.capabilities.max_width_mm == pytest.approx(200.0)
    pnm = devices["sane:pnm:0"]
    assert pnm.capabilities.resolutions[-1] == 300
    assert discover_devices()[-1].id == "files"
    assert {"sane:test:0", "sane:pnm:0"} <= {d.id for d in discover_devices()}


# --------------------------------------------------------------------------- test backend


@pytest.mark.parametrize(
    ("mode", "ndim"),
    [("color", 3), ("gray", 2), ("lineart", 2)],
)
def test_flatbed_scan_gives_one_page_of_right_dpi_and_mode(mode: str, ndim: int) -> None:
    profile = ScanProfile("p", resolution=150, mode=mode, source="flatbed", page_size="A5")  # type: ignore[arg-type]
    source = open_source("sane:test:0", extra_options={"test-picture": "Color pattern"})
    items = list(source.scan(profile))
    assert errors_of(items) == []
    (page,) = pages_of(items)
    assert page.dpi == 150
    assert page.image.dtype == np.uint8
    assert page.image.ndim == ndim
    # A5 is 148 × 210 mm: at 150 dpi that is 874 × 1240 pixels (±1 for rounding).
    height, width = page.image.shape[:2]
    assert abs(width - 148 / 25.4 * 150) <= 2
    assert abs(height - 200 / 25.4 * 150) <= 2  # the test device stops at 200 mm
    assert page.origin == "Máy quét test:0, trang 1"
    assert page.meta["source"] == "flatbed" and page.meta["mode"] == mode
    if mode == "lineart":
        assert set(np.unique(page.image)) <= {0, 255}
    if mode == "color":
        packed = page.image.astype(np.uint32) @ np.array([1 << 16, 1 << 8, 1], dtype=np.uint32)
        assert np.unique(packed).size > 4  # a real colour pattern
    assert any("200×200 mm" in note for note in source.notes)  # A5 is taller than the bed


def test_feeder_batch_ends_cleanly_after_ten_sheets() -> None:
    source = SaneSource("test:0")
    items = list(source.scan(FEEDER))
    pages = pages_of(items)
    assert errors_of(items) == []  # "no documents" after the last sheet is the end, not a fault
    assert len(pages) == 10
    assert [p.index for p in pages] == list(range(10))
    assert pages[9].origin == "Máy quét test:0, trang 10"
    assert all(p.meta["source"] == "feeder" and p.dpi == 50 for p in pages)
    assert any("2 mặt" not in n for n in source.notes)


def test_duplex_on_a_simplex_feeder_scans_front_sides_with_a_note() -> None:
    profile = ScanProfile("d", resolution=50, mode="gray", source="feeder", duplex=True)
    source = SaneSource("test:1")
    pages = pages_of(list(source.scan(profile)))
    assert len(pages) == 10
    assert any("2 mặt" in note for note in source.notes)


def test_feeder_requested_on_a_flatbed_only_device_scans_one_page_with_a_note(
    tmp_path: Path,
) -> None:
    image = sample_page(1)
    source = SaneSource(
        "pnm:0", extra_options={"filename": str(write_pnm(tmp_path / "a.ppm", image))}
    )
    items = list(source.scan(ScanProfile("k", resolution=100, source="feeder")))
    assert len(pages_of(items)) == 1 and not errors_of(items)
    assert any("khay nạp" in note for note in source.notes)


def test_resolution_is_clamped_to_what_the_device_offers(tmp_path: Path) -> None:
    path = write_pnm(tmp_path / "a.ppm", sample_page(2))
    source = SaneSource("pnm:0", extra_options={"filename": str(path)})
    (page,) = pages_of(list(source.scan(ScanProfile("hi", resolution=600))))
    assert page.dpi == 300  # pnm offers 75…300 dpi
    assert any("600 dpi" in note and "300 dpi" in note for note in source.notes)
    (page,) = pages_of(list(source.scan(ScanProfile("odd", resolution=205))))
    assert page.dpi in (200, 210)


def test_scan_from_a_worker_thread() -> None:
    def scan(name: str) -> list[Page | PageError]:
        return list(SaneSource(name).scan(FLATBED))

    # One worker thread, as the GUI uses: two devices one after the other. (Two libsane
    # `test` devices read at the same moment from two threads can stall inside libsane.)
    with ThreadPoolExecutor(max_workers=1) as pool:
        futures = [pool.submit(scan, name) for name in ("test:0", "test:1")]
        results = [f.result(timeout=30) for f in futures]
    assert all(len(pages_of(r)) == 1 and not errors_of(r) for r in results)


def test_a_second_scan_on_a_busy_device_is_refused() -> None:
    first = cast(Generator[Page | PageError, None, None], SaneSource("test:0").scan(FEEDER))
    assert isinstance(next(first), Page)  # holds test:0
    try:
        items = list(SaneSource("test:0").scan(FLATBED))
        assert len(items) == 1 and isinstance(items[0], ScannerBusy)
        assert items[0].kind == "io_error" and "đang quét" in items[0].message
    finally:
        first.close()
    assert len(pages_of(list(SaneSource("test:0").scan(FLATBED)))) == 1  # released


def test_cancel_between_sheets_stops_the_batch_and_keeps_pages() -> None:
    cancel = threading.Event()
    items: list[Page | PageError] = []
    for item in SaneSource("test:0").scan(FEEDER, cancel):
        items.append(item)
        if len(items) == 3:
            cancel.set()
    assert len(pages_of(items)) == 3
    (error,) = errors_of(items)
    assert error.kind == "cancelled" and error.page_index == 3
    assert "trang 4" in error.message and "3 trang đã quét được giữ lại" in error.message


def test_cancel_during_a_page_read_stops_the_batch() -> None:
    cancel = threading.Event()

    def cancel_on_third(sheet: int, _options: SaneOptions) -> None:
        if sheet == 2:
            cancel.set()  # seen by the per-line progress check while sheet 3 is read

    # The check before each sheet comes before the hook, so sheet 3 is started and its
    # read is cancelled from inside python-sane's progress callback.
    source = SaneSource("test:0", before_sheet=cancel_on_third)
    items = list(source.scan(FEEDER, cancel))
    assert len(pages_of(items)) == 2
    (error,) = errors_of(items)
    assert error.kind == "cancelled" and error.page_index == 2


def test_already_cancelled_scan_yields_only_the_cancellation() -> None:
    cancel = threading.Event()
    cancel.set()
    items = list(SaneSource("test:0").scan(FLATBED, cancel))
    assert [type(i) for i in items] == [PageError] and items[0].kind == "cancelled"  # type: ignore[union-attr]


def test_unknown_device_is_reported_as_unplugged() -> None:
    items = list(SaneSource("test:42").scan(FLATBED))
    assert len(items) == 1 and isinstance(items[0], PageError)
    assert items[0].kind == "unplugged"
    assert "test:42" in items[0].message and "cáp" in items[0].message


# --------------------------------------------------------------------------- pnm backend


def test_pnm_scan_equals_the_generated_image(tmp_path: Path) -> None:
    image = sample_page(7, height=120, width=77)
    path = write_pnm(tmp_path / "giay_to.ppm", image)
    source = open_source("sane:pnm:0", extra_options={"filename": str(path)})
    (page,) = pages_of(list(source.scan(ScanProfile("p", resolution=300))))
    assert page.image.shape == image.shape
    assert np.array_equal(page.image, image)
    assert page.dpi == 300


def test_pnm_gray_profile_converts_a_colour_file(tmp_path: Path) -> None:
    path = write_pnm(tmp_path / "c.ppm", sample_page(8))
    source = SaneSource("pnm:1", extra_options={"filename": str(path)})
    (page,) = pages_of(list(source.scan(ScanProfile("g", resolution=200, mode="gray"))))
    assert page.image.ndim == 2 and page.image.shape == (90, 64)


def _batch_of_files(tmp_path: Path, count: int) -> list[tuple[Path, np.ndarray]]:
    files = []
    for number in range(count):
        image = sample_page(100 + number)
        files.append((write_pnm(tmp_path / f"trang_{number + 1}.ppm", image), image))
    return files


def _feeder_hook(
    files: list[tuple[Path, np.ndarray]], fault_option: str | None, fault_at: int
) -> object:
    """A sheet-fed pnm device: sheet i scans file i; *fault_option* is forced at sheet
    *fault_at*; after the last file the feeder reports no documents."""

    def before_sheet(sheet: int, options: SaneOptions) -> None:
        options.set("status", 1)  # clears any forced status
        if fault_option is not None and sheet == fault_at:
            options.set(fault_option, 1)
        elif sheet >= len(files):
            options.set("status-nodocs", 1)
        else:
            options.set("filename", str(files[sheet][0]))

    return before_sheet


def test_pnm_sheet_fed_batch_scans_each_file_in_turn(tmp_path: Path) -> None:
    files = _batch_of_files(tmp_path, 4)
    source = SaneSource("pnm:0", sheet_fed=True, before_sheet=_feeder_hook(files, None, -1))  # type: ignore[arg-type]
    items = list(source.scan(ScanProfile("k", resolution=200, source="feeder")))
    pages = pages_of(items)
    assert [p.index for p in pages] == [0, 1, 2, 3]
    assert all(np.array_equal(p.image, img) for p, (_, img) in zip(pages, files, strict=True))
    assert all(p.dpi == 200 and p.meta["source"] == "feeder" for p in pages)
    # pnm reports NO_DOCS from sane_read, i.e. while pulling a sheet in — a misfeed, not the
    # empty feeder that sane_start reports at the end of a batch (see the test device).
    (error,) = errors_of(items)
    assert error.kind == "no_documents" and error.page_index == 4
    assert "giữa chừng" in error.message and "4 trang đã quét được giữ lại" in error.message


@pytest.mark.parametrize("kind", sorted(PNM_FAULT_OPTIONS))
def test_pnm_fault_mid_batch_names_the_page_and_keeps_the_pages_before(
    tmp_path: Path, kind: str
) -> None:
    files = _batch_of_files(tmp_path, 5)
    hook = _feeder_hook(files, PNM_FAULT_OPTIONS[kind], fault_at=2)
    source = SaneSource("pnm:0", sheet_fed=True, before_sheet=hook)  # type: ignore[arg-type]
    items = list(source.scan(ScanProfile("k", resolution=200, source="feeder")))
    pages = pages_of(items)
    assert len(pages) == 2
    assert all(np.array_equal(p.image, img) for p, (_, img) in zip(pages, files[:2], strict=True))
    error = items[-1]
    assert isinstance(error, PageError) and len(errors_of(items)) == 1
    assert error.kind == kind
    assert error.page_index == 2
    assert "trang 3" in error.message
    assert "2 trang đã quét được giữ lại" in error.message
    if kind == "jammed":
        assert error.message == (
            "Kẹt giấy ở trang 3. Hãy gỡ giấy kẹt rồi bấm Quét tiếp; 2 trang đã quét được giữ lại."
        )


def test_io_error_from_a_device_that_left_the_list_is_unplugged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The pnm device cannot be unplugged here; what the backend sees after a real unplug is
    # an I/O error and the device gone from sane_get_devices(): stand in for the second part.
    monkeypatch.setattr(sane_backend, "device_present", lambda name: False)
    files = _batch_of_files(tmp_path, 4)
    hook = _feeder_hook(files, "status-ioerror", fault_at=1)
    items = list(SaneSource("pnm:0", sheet_fed=True, before_sheet=hook).scan(FEEDER))  # type: ignore[arg-type]
    assert len(pages_of(items)) == 1
    error = items[-1]
    assert isinstance(error, PageError) and error.kind == "unplugged"
    assert error.message.startswith("Mất kết nối với máy quét pnm:0 khi quét trang 2.")


def test_sane_cannot_be_reconfigured_once_started(tmp_path: Path) -> None:
    sane_backend.configure(ensure_sane_test_config())  # the same directory again: harmless
    with pytest.raises(RuntimeError, match="already initialised"):
        sane_backend.configure(tmp_path)


def test_pnm_fault_on_the_first_page_keeps_nothing(tmp_path: Path) -> None:
    files = _batch_of_files(tmp_path, 2)
    hook = _feeder_hook(files, "status-coveropen", fault_at=0)
    items = list(SaneSource("pnm:0", sheet_fed=True, before_sheet=hook).scan(FEEDER))  # type: ignore[arg-type]
    assert len(items) == 1 and isinstance(items[0], PageError)
    assert items[0].kind == "cover_open" and "trang 1" in items[0].message
    assert "giữ lại" not in items[0].message


def test_pnm_empty_frame_is_unreadable_and_the_feeder_carries_on(tmp_path: Path) -> None:
    files = _batch_of_files(tmp_path, 3)

    def hook(sheet: int, options: SaneOptions) -> None:
        options.set("status", 1)
        if sheet == 1:
            options.set("status-eof", 1)  # the device sends a page with no lines
        elif sheet >= 4:
            options.set("status-nodocs", 1)
        else:
            options.set("filename", str(files[min(sheet, 2)][0]))

    items = list(SaneSource("pnm:0", sheet_fed=True, before_sheet=hook).scan(FEEDER))
    kinds = [item.kind if isinstance(item, PageError) else "page" for item in items]
    assert kinds[:4] == ["page", "unreadable", "page", "page"]
    assert "ảnh rỗng" in items[1].message  # type: ignore[union-attr]


def test_flatbed_with_no_documents_asks_for_paper(tmp_path: Path) -> None:
    def hook(_sheet: int, options: SaneOptions) -> None:
        options.set("status-nodocs", 1)

    items = list(SaneSource("pnm:1", before_sheet=hook).scan(FLATBED))
    assert len(items) == 1 and isinstance(items[0], PageError)
    assert items[0].kind == "no_documents"


# --------------------------------------------------------------------------- pure mapping


def test_source_and_mode_names_are_classified() -> None:
    assert classify_source("Flatbed") == "flatbed"
    assert classify_source("Automatic Document Feeder") == "feeder"
    assert classify_source("ADF Front") == "feeder"
    assert classify_source("ADF Duplex") == "duplex"
    assert classify_source("ADF Back") is None
    assert classify_source("Transparency Adapter") is None
    assert classify_mode("Color") == "color" and classify_mode("24bit Color") == "color"
    assert classify_mode("Gray") == "gray" and classify_mode("Grayscale") == "gray"
    assert classify_mode("Lineart") == "lineart" and classify_mode("Binary") == "lineart"
    assert classify_status("Document feeder jammed") == ("jammed", "")
    assert classify_status("Scanner cover is open")[0] == "cover_open"
    assert classify_status("Operation was canceled")[0] == "cancelled"
    assert classify_status("Something new")[0] == "io_error"


def test_without_python_sane_the_backend_reports_sane_unavailable() -> None:
    code = (
        "import sys; sys.modules['sane'] = None; sys.modules['_sane'] = None\n"
        "from scanner.acquisition import discover_devices, ScanProfile\n"
        "from scanner.acquisition.sane_backend import SaneSource, sane_available, "
        "sane_unavailable_reason\n"
        "assert not sane_available()\n"
        "assert 'python-sane' in sane_unavailable_reason()\n"
        "assert [d.id for d in discover_devices()] == ['files']\n"
        "items = list(SaneSource('test:0').scan(ScanProfile('x')))\n"
        "assert len(items) == 1 and items[0].kind == 'unplugged', items\n"
        "print('ok')\n"
    )
    env = dict(os.environ)
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def _sigpipe_ignored() -> bool:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("SigIgn:"):
            return bool(int(line.split()[1], 16) & (1 << (signal.SIGPIPE - 1)))
    raise AssertionError("no SigIgn line")


def test_scanning_leaves_sigpipe_ignored() -> None:
    """libsane resets SIGPIPE to "terminate": after a scan a dead page worker would kill the
    program. The backend puts "ignore" back (checked at the kernel, not Python's cache)."""
    assert _sigpipe_ignored()
    source = SaneSource("test:0")
    scanned = source.scan(ScanProfile(name="t", resolution=75, mode="gray"))
    pages = [p for p in scanned if not isinstance(p, PageError)]
    assert pages
    assert _sigpipe_ignored()
