"""SANE scanners (Linux, and macOS with sane-backends) through python-sane.

* ``sane.init()`` runs once per process (SANE cannot be initialised twice); call
  :func:`configure` first to point SANE at a directory of its own ``dll.conf`` (the tests
  do, see ``tests/support/sane.py``). If python-sane or libsane is missing, the backend
  reports SANE as unavailable (:func:`sane_available`, :class:`SaneUnavailable`) instead of
  crashing the application.
* One device handle per scan, opened and closed (in ``finally``) by the thread that scans;
  init, discovery, open and close are serialised by a module lock.
* The profile is mapped onto what the device offers: its source names ("Flatbed",
  "Automatic Document Feeder", "ADF Duplex"…), its mode names, its resolution list or range
  and its scan area; what does not fit is clamped and said in :attr:`SaneSource.notes`.
* A flatbed scan gives one page; a feeder scan reads sheet after sheet until the feeder
  reports no documents (the end of the batch, not an error).
* SANE status errors become :class:`PageError` kinds: JAMMED → ``jammed``, COVER_OPEN →
  ``cover_open``, NO_DOCS → ``no_documents`` (only when it is not the normal end of a
  feeder batch), IO_ERROR / NO_MEM / ACCESS_DENIED / DEVICE_BUSY / INVAL → ``io_error`` (or
  ``unplugged`` when the device has left the device list), CANCELLED → ``cancelled``, an
  empty or malformed frame → ``unreadable``.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from scanner.acquisition.base import (
    PAGE_SIZES_MM,
    DeviceCapabilities,
    DeviceInfo,
    DeviceUnavailable,
    FaultKind,
    Mode,
    ScannerBusy,
    ScanProfile,
    ScanSource,
    SourceKind,
    fault_message,
    is_cancelled,
)
from scanner.page import Image, Page, PageError

SANE_PREFIX = "sane:"

# SANE constants (sane.h); python-sane exposes them too, but these must be usable without it.
TYPE_BOOL, TYPE_INT, TYPE_FIXED, TYPE_STRING, TYPE_BUTTON, TYPE_GROUP = range(6)
UNIT_NONE, UNIT_PIXEL, UNIT_BIT, UNIT_MM, UNIT_DPI, UNIT_PERCENT, UNIT_MICROSECOND = range(7)
CAP_SOFT_SELECT, CAP_INACTIVE = 1, 32
INFO_INEXACT, INFO_RELOAD_OPTIONS = 1, 2

STANDARD_RESOLUTIONS = (75, 100, 150, 200, 240, 300, 400, 600, 1200)

# sane_strstatus() texts (sanei/sane_strstatus.c); python-sane raises _sane.error(text).
STATUS_KINDS: tuple[tuple[str, FaultKind, str], ...] = (
    ("document feeder jammed", "jammed", ""),
    ("document feeder out of documents", "no_documents", ""),
    ("scanner cover is open", "cover_open", ""),
    ("operation was cancel", "cancelled", ""),
    ("error during device i/o", "io_error", "lỗi vào/ra"),
    ("out of memory", "io_error", "máy hết bộ nhớ"),
    ("access to resource has been denied", "io_error", "không có quyền dùng máy quét"),
    ("device busy", "io_error", "máy quét đang bận"),
    ("invalid argument", "io_error", "máy không nhận thiết lập"),
    ("operation not supported", "io_error", "máy không hỗ trợ thao tác này"),
    ("lamp not ready", "io_error", "đèn máy quét chưa sẵn sàng, hãy đợi rồi thử lại"),
    ("warming up", "io_error", "máy quét đang khởi động đèn, hãy đợi rồi thử lại"),
    ("object is closed", "unplugged", ""),
)

STOPPING_KINDS: frozenset[str] = frozenset(
    {"jammed", "cover_open", "no_documents", "io_error", "unplugged", "cancelled"}
)
"""After these the batch stops (the officer fixes the device, then presses Quét tiếp);
an ``unreadable`` frame lets a feeder batch carry on with the next sheet."""

MAX_CONSECUTIVE_UNREADABLE = 3


class SaneUnavailable(DeviceUnavailable):
    """python-sane or libsane is not installed or SANE could not start."""


# --------------------------------------------------------------------------- runtime


class _Runtime:
    """The process-wide SANE state: sane.init() once, discovery and open serialised."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.module: Any = None
        self.error_module: Any = None
        self.failure: str | None = None
        self.initialised = False
        self.config_dir: Path | None = None
        self.busy: dict[str, threading.Lock] = {}
        self.version: str | None = None
        """The SANE version libsane reported at ``sane.init()`` (``"1.1.1"``)."""

    def device_lock(self, name: str) -> threading.Lock:
        with self.lock:
            return self.busy.setdefault(name, threading.Lock())


_RUNTIME = _Runtime()


def keep_sigpipe_ignored() -> None:
    """Put SIGPIPE back to "ignore" after libsane has run.

    libsane's thread helper resets SIGPIPE to its default action (terminate) while scanning.
    Python ignores SIGPIPE so that a write to a closed pipe raises BrokenPipeError; with the
    default action, a page worker that dies would kill the whole counter program. ``signal``
    from the standard library only works in the main thread and scans run in a worker, so
    libc is called directly (the disposition is per process).
    """
    libc = ctypes.CDLL(None, use_errno=True)
    libc.signal(signal.SIGPIPE, ctypes.c_void_p(1))  # 1 == SIG_IGN


def configure(config_dir: Path | str | None) -> None:
    """Use *config_dir* (holding ``dll.conf`` and the backends' ``*.conf``) instead of the
    system's SANE configuration. Must come before SANE is first used in this process;
    calling it again with the same directory is harmless."""
    path = Path(config_dir).resolve() if config_dir is not None else None
    with _RUNTIME.lock:
        if _RUNTIME.initialised:
            if path == _RUNTIME.config_dir:
                return
            raise RuntimeError(
                "SANE is already initialised in this process with "
                f"SANE_CONFIG_DIR={_RUNTIME.config_dir}; it cannot be re-configured."
            )
        _RUNTIME.config_dir = path
        if path is None:
            os.environ.pop("SANE_CONFIG_DIR", None)
        else:
            # SANE and each backend read it when they load (lazily), so it stays set.
            os.environ["SANE_CONFIG_DIR"] = str(path)


def _module() -> Any:
    """python-sane, initialised. Raises :class:`SaneUnavailable`."""
    with _RUNTIME.lock:
        if _RUNTIME.initialised:
            return _RUNTIME.module
        if _RUNTIME.failure is not None:
            raise SaneUnavailable(_RUNTIME.failure)
        try:
            import _sane
            import sane
        except ImportError as exc:
            _RUNTIME.failure = (
                "Chưa cài thư viện SANE cho Python (python-sane) nên không dùng được máy quét "
                "qua SANE. Hãy nhờ kỹ thuật viên cài gói python-sane và libsane, hoặc dùng "
                f"thư mục quét / tệp có sẵn. ({exc})"
            )
            raise SaneUnavailable(_RUNTIME.failure) from exc
        if _RUNTIME.config_dir is None and "SANE_CONFIG_DIR" in os.environ:
            _RUNTIME.config_dir = Path(os.environ["SANE_CONFIG_DIR"].rstrip(":")).resolve()
        try:
            _code, major, minor, patch = sane.init()
        except Exception as exc:  # _sane.error or a broken libsane
            _RUNTIME.failure = (
                f"Không khởi động được SANE ({exc}). Hãy nhờ kỹ thuật viên kiểm tra cài đặt "
                "máy quét."
            )
            raise SaneUnavailable(_RUNTIME.failure) from exc
        _RUNTIME.module = sane
        _RUNTIME.error_module = _sane
        _RUNTIME.version = f"{major}.{minor}.{patch}"
        _RUNTIME.initialised = True
        return sane


def sane_available() -> bool:
    try:
        _module()
    except SaneUnavailable:
        return False
    return True


def sane_version() -> str:
    """The version of libsane (initialising SANE). Raises :class:`SaneUnavailable`."""
    _module()
    return _RUNTIME.version or "?"


def sane_unavailable_reason() -> str | None:
    try:
        _module()
    except SaneUnavailable as exc:
        return exc.message
    return None


def _is_sane_error(exc: BaseException) -> bool:
    error_type = getattr(_RUNTIME.error_module, "error", None)
    return isinstance(error_type, type) and isinstance(exc, error_type)


def classify_status(text: str) -> tuple[FaultKind, str]:
    """Our fault kind (and a Vietnamese detail) for a SANE status text."""
    lowered = text.lower()
    for needle, kind, detail in STATUS_KINDS:
        if needle in lowered:
            return kind, detail
    return "io_error", text


# --------------------------------------------------------------------------- options


@dataclass(frozen=True)
class SaneOption:
    index: int
    name: str
    title: str
    type: int
    unit: int
    cap: int
    constraint: object

    @property
    def active(self) -> bool:
        return not self.cap & CAP_INACTIVE

    @property
    def settable(self) -> bool:
        return bool(self.cap & CAP_SOFT_SELECT)

    @property
    def usable(self) -> bool:
        return self.active and self.settable and self.type not in (TYPE_BUTTON, TYPE_GROUP)

    @property
    def choices(self) -> list[str | int | float]:
        if isinstance(self.constraint, list):
            return [c for c in self.constraint if isinstance(c, str | int | float)]
        return []

    @property
    def range(self) -> tuple[float, float, float] | None:
        c = self.constraint
        if isinstance(c, tuple) and len(c) == 3 and all(isinstance(v, int | float) for v in c):
            return (float(c[0]), float(c[1]), float(c[2]))
        return None


def _key(name: str) -> str:
    return name.replace("_", "-").lower()


@dataclass(frozen=True)
class Frame:
    data: bytes | bytearray
    width: int
    height: int
    samples: int


class SaneDevice:
    """A typed wrapper around one open python-sane handle (all untyped calls live here)."""

    def __init__(self, name: str) -> None:
        sane = _module()
        with _RUNTIME.lock:
            self._wrapper: Any = sane.open(name)
        self.name = name
        self._dev: Any = self._wrapper.dev
        self.options: dict[str, SaneOption] = {}
        self.reload()

    def reload(self) -> None:
        options: dict[str, SaneOption] = {}
        for raw in self._dev.get_options():
            index, name, title, _desc, type_, unit, _size, cap, constraint = raw
            if not isinstance(name, str) or not name or type_ == TYPE_GROUP:
                continue
            options[_key(name)] = SaneOption(
                int(index), name, str(title or ""), int(type_), int(unit), int(cap), constraint
            )
        self.options = options

    def option(self, name: str) -> SaneOption | None:
        option = self.options.get(_key(name))
        return option if option is not None and option.usable else None

    def get(self, name: str) -> object:
        option = self.options.get(_key(name))
        if option is None or not option.active:
            return None
        value: object = self._dev.get_option(option.index)
        return value

    def set(self, name: str, value: object) -> int:
        """Set an option by its SANE name (``-`` or ``_``); returns SANE's info bits."""
        option = self.options.get(_key(name))
        if option is None:
            raise KeyError(name)
        if option.type == TYPE_FIXED and isinstance(value, int | bool):
            value = float(value)
        elif option.type in (TYPE_INT, TYPE_BOOL) and isinstance(value, bool | float):
            value = int(value)
        info = int(self._dev.set_option(option.index, value))
        self.reload()
        return info

    def parameters(self) -> tuple[str, int, int, int]:
        """(format, pixels per line, lines, depth) as the device predicts them."""
        fmt, _last, (ppl, lines), depth, _bpl = self._dev.get_parameters()
        return str(fmt), int(ppl), int(lines), int(depth)

    def start(self) -> None:
        self._dev.start()

    def snap(self, *, keep_batch: bool, progress: Callable[[int, int], None]) -> Frame:
        data, width, height, samples, _size = self._dev.snap(1 if keep_batch else 0, 0, progress)
        return Frame(data or b"", int(width), int(height), int(samples))

    def cancel(self) -> None:
        with contextlib.suppress(Exception):  # closed or gone: nothing left to cancel
            self._dev.cancel()

    def close(self) -> None:
        with _RUNTIME.lock, contextlib.suppress(Exception):  # already closed
            self._dev.close()


class SaneOptions:
    """What a per-sheet hook may touch: the open device's options by SANE name."""

    def __init__(self, device: SaneDevice) -> None:
        self._device = device

    def names(self) -> list[str]:
        return [o.name for o in self._device.options.values()]

    def get(self, name: str) -> object:
        return self._device.get(name)

    def set(self, name: str, value: object) -> None:
        self._device.set(name, value)


SheetHook = Callable[[int, SaneOptions], None]
"""Called before each sheet is started, with the sheet's number (0-based, counting sheets
that failed too) and the device's options — e.g. to select the next file on the ``pnm``
test device or to force a fault there."""


# --------------------------------------------------------------------------- mapping

FLATBED_WORDS = ("flatbed", "platen", "normal", "document table", "glass", "bed")
FEEDER_WORDS = ("adf", "feeder", "automatic document", "sheetfed", "sheet-fed", "adf front")
OTHER_SOURCE_WORDS = ("transparen", "tpu", "tma", "film", "negative", "slide", "back")


def classify_source(name: str) -> str | None:
    """``flatbed``, ``feeder``, ``duplex`` or None for a SANE source name."""
    n = name.lower()
    if "duplex" in n:
        return "duplex"
    if any(word in n for word in FEEDER_WORDS) and "back" not in n:
        return "feeder"
    if any(word in n for word in OTHER_SOURCE_WORDS):
        return None
    if any(word in n for word in FLATBED_WORDS):
        return "flatbed"
    return None


LINEART_WORDS = ("lineart", "line art", "binary", "black & white", "black and white", "bw")
HALFTONE_WORDS = ("halftone", "dither")
GRAY_WORDS = ("gray", "grey")
COLOR_WORDS = ("color", "colour", "rgb", "24bit", "24 bit")


def classify_mode(name: str) -> Mode | None:
    n = name.lower()
    if any(word in n for word in LINEART_WORDS) or n in ("mono", "monochrome"):
        return "lineart"
    if any(word in n for word in GRAY_WORDS):
        return "gray"
    if any(word in n for word in COLOR_WORDS):
        return "color"
    return None


def choose_mode(offered: Sequence[str], want: Mode) -> tuple[str | None, bool]:
    """(mode name to set, whether lineart is made with depth 1 of that mode). The name is
    None when nothing offered is recognised."""
    by_kind: dict[str, str] = {}
    for name in offered:
        kind = classify_mode(name)
        if kind is not None and kind not in by_kind:
            by_kind[kind] = name
    if want in by_kind:
        return by_kind[want], False
    if want == "lineart":
        if "gray" in by_kind:
            return by_kind["gray"], True
        halftone = next((n for n in offered if any(w in n.lower() for w in HALFTONE_WORDS)), None)
        if halftone is not None:
            return halftone, False
    fallback_order: dict[Mode, tuple[Mode, ...]] = {
        "color": ("gray", "lineart"),
        "gray": ("color", "lineart"),
        "lineart": ("color",),
    }
    for kind in fallback_order[want]:
        if kind in by_kind:
            return by_kind[kind], False
    return None, False


def nearest_resolution(option: SaneOption, want: int) -> float:
    """The value closest to *want* that the option allows (ties go to the higher value)."""
    value_range = option.range
    if value_range is not None:
        low, high, step = value_range
        value = min(max(float(want), low), high)
        if step > 0:
            value = low + round((value - low) / step) * step
            value = min(max(value, low), high)
        return value
    numbers = [float(c) for c in option.choices if isinstance(c, int | float)]
    if numbers:
        return min(numbers, key=lambda v: (abs(v - want), -v))
    return float(want)


def resolutions_of(option: SaneOption) -> tuple[int, ...]:
    value_range = option.range
    if value_range is not None:
        low, high, _step = value_range
        return tuple(r for r in STANDARD_RESOLUTIONS if low <= r <= high)
    numbers = sorted({round(float(c)) for c in option.choices if isinstance(c, int | float)})
    return tuple(n for n in numbers if n > 0)


# --------------------------------------------------------------------------- plan


@dataclass
class _Plan:
    feeder: bool
    duplex: bool
    mode: Mode
    convert_to: Mode | None
    dpi: int
    notes: list[str]


def _label(name: str) -> str:
    return f"máy quét {name}"


def _apply_profile(device: SaneDevice, profile: ScanProfile, *, sheet_fed: bool | None) -> _Plan:
    notes: list[str] = []
    feeder = False
    duplex = False

    def try_set(option_name: str, value: object) -> bool:
        try:
            device.set(option_name, value)
        except Exception as exc:
            if not _is_sane_error(exc) and not isinstance(exc, TypeError | KeyError):
                raise
            notes.append(f"Máy quét không nhận thiết lập {option_name}={value!r} ({exc}).")
            return False
        return True

    # Source: flatbed, feeder or duplex, by what the device offers.
    source_option = device.option("source")
    if source_option is not None:
        offered = [str(c) for c in source_option.choices]
        kinds = {name: classify_source(name) for name in offered}
        flatbed = next((n for n in offered if kinds[n] == "flatbed"), None)
        simplex = next((n for n in offered if kinds[n] == "feeder"), None)
        both = next((n for n in offered if kinds[n] == "duplex"), None)
        chosen: str | None
        if profile.source == "flatbed":
            chosen = flatbed
            if chosen is None and (simplex or both):
                chosen = simplex or both
                feeder, duplex = True, chosen == both
                notes.append("Máy quét chỉ có khay nạp giấy; đã quét bằng khay nạp.")
        elif profile.duplex and both is not None:
            chosen, feeder, duplex = both, True, True
        elif simplex is not None:
            chosen, feeder = simplex, True
        elif both is not None:
            chosen, feeder, duplex = both, True, True
        else:
            chosen = flatbed
            notes.append(
                "Máy quét không có khay nạp giấy; đã quét một trang trên mặt kính. "
                "Hãy đặt từng trang lên mặt kính và bấm Quét cho mỗi trang."
            )
        if chosen is not None:
            try_set("source", chosen)
    elif sheet_fed:
        feeder = True  # no source option, but the technician marked it as sheet-fed
    elif profile.source == "feeder":
        notes.append(
            "Máy quét không cho chọn khay nạp giấy; đã quét một trang. Nếu đây là máy quét "
            "nạp giấy, hãy đánh dấu nó là máy nạp giấy trong phần thiết lập."
        )
    if profile.duplex and feeder and not duplex:
        duplex_option = device.option("duplex")
        adf_mode = device.option("adf-mode")
        if duplex_option is not None and duplex_option.type == TYPE_BOOL:
            duplex = try_set("duplex", 1)
        elif adf_mode is not None and any("duplex" in str(c).lower() for c in adf_mode.choices):
            name = next(str(c) for c in adf_mode.choices if "duplex" in str(c).lower())
            duplex = try_set("adf-mode", name)
        if not duplex:
            notes.append("Máy quét không quét được 2 mặt; chỉ quét mặt trước của mỗi tờ.")

    # Colour mode.
    mode: Mode = profile.mode
    convert_to: Mode | None = None
    mode_option = device.option("mode")
    if mode_option is not None:
        mode_name, lineart_by_depth = choose_mode([str(c) for c in mode_option.choices], mode)
        if mode_name is not None:
            try_set("mode", mode_name)
            got = classify_mode(mode_name) or mode
            if lineart_by_depth:
                got = "lineart"
                depth = device.option("depth")
                if depth is not None and 1 in depth.choices:
                    try_set("depth", 1)
                else:
                    got = "gray"
            if got != mode:
                convert_to = mode
                converted = "" if mode == "color" else f" rồi chuyển sang {_MODE_WORDS[mode]}"
                notes.append(
                    f"Máy quét không có chế độ {_MODE_WORDS[mode]}; đã quét "
                    f"{_MODE_WORDS[got]}{converted}."
                )
    else:
        convert_to = mode  # converted after the scan when the frame does not match
    if mode != "lineart":
        depth = device.option("depth")
        if depth is not None and 8 in depth.choices:
            try_set("depth", 8)

    # Resolution.
    dpi = profile.resolution
    resolution = device.option("resolution")
    if resolution is None and device.option("x-resolution") is not None:
        resolution = device.option("x-resolution")
        y_resolution = device.option("y-resolution")
        if y_resolution is not None:
            try_set("y-resolution", nearest_resolution(y_resolution, profile.resolution))
    if resolution is not None:
        value = nearest_resolution(resolution, profile.resolution)
        if try_set(resolution.name, value):
            read_back = device.get(resolution.name)
            if isinstance(read_back, int | float) and read_back > 0:
                value = float(read_back)
        dpi = max(1, round(value))
        if dpi != profile.resolution:
            notes.append(f"Máy quét không hỗ trợ {profile.resolution} dpi; đã quét ở {dpi} dpi.")
    else:
        notes.append(f"Máy quét không cho chọn độ phân giải; coi như {profile.resolution} dpi.")

    # Scan area.
    _apply_area(device, profile, feeder, notes, try_set)
    return _Plan(feeder, duplex, mode, convert_to, dpi, notes)


_MODE_WORDS: dict[str, str] = {"color": "màu", "gray": "xám", "lineart": "đen trắng"}


def _area_ranges(device: SaneDevice) -> list[tuple[float, float, float]] | None:
    ranges: list[tuple[float, float, float]] = []
    for name in ("tl-x", "tl-y", "br-x", "br-y"):
        option = device.option(name)
        if option is None or option.unit != UNIT_MM or option.range is None:
            return None
        ranges.append(option.range)
    return ranges


def _apply_area(
    device: SaneDevice,
    profile: ScanProfile,
    feeder: bool,
    notes: list[str],
    try_set: Callable[[str, object], bool],
) -> None:
    ranges = _area_ranges(device)
    if ranges is None:
        return
    if profile.page_size == "auto":
        tl_x, tl_y, br_x, br_y = ranges
        width, height = br_x[1] - tl_x[0], br_y[1] - tl_y[0]
    else:
        width, height = PAGE_SIZES_MM[profile.page_size]
        if feeder:
            for option_name, value in (("page-width", width), ("page-height", height)):
                page_option = device.option(option_name)
                if page_option is not None and page_option.range is not None:
                    low, high, _ = page_option.range
                    try_set(option_name, min(max(value, low), high))
            ranges = _area_ranges(device)  # page-width/height may change the br ranges
            if ranges is None:
                return
    tl_x, tl_y, br_x, br_y = ranges
    max_w, max_h = br_x[1] - tl_x[0], br_y[1] - tl_y[0]
    use_w, use_h = min(width, max_w), min(height, max_h)
    try_set("tl-x", tl_x[0])
    try_set("tl-y", tl_y[0])
    try_set("br-x", tl_x[0] + use_w)
    try_set("br-y", tl_y[0] + use_h)
    if profile.page_size != "auto" and (use_w + 0.5 < width or use_h + 0.5 < height):
        notes.append(
            f"Vùng quét tối đa của máy là {max_w:.0f}×{max_h:.0f} mm, nhỏ hơn khổ "
            f"{profile.page_size} ({width:.0f}×{height:.0f} mm); mép trang có thể bị thiếu."
        )


def capabilities_of(device: SaneDevice) -> DeviceCapabilities:
    sources: list[SourceKind] = []
    duplex = False
    source_option = device.option("source")
    if source_option is not None:
        for choice in source_option.choices:
            kind = classify_source(str(choice))
            if kind == "duplex":
                duplex = True
                kind = "feeder"
            if kind in ("flatbed", "feeder") and kind not in sources:
                sources.append("flatbed" if kind == "flatbed" else "feeder")
    else:
        sources.append("flatbed")
    if device.option("duplex") is not None:
        duplex = True
    modes: list[Mode] = []
    mode_option = device.option("mode")
    if mode_option is not None:
        for choice in mode_option.choices:
            kind_mode = classify_mode(str(choice))
            if kind_mode is not None and kind_mode not in modes:
                modes.append(kind_mode)
        depth = device.option("depth")
        if "gray" in modes and "lineart" not in modes and depth is not None and 1 in depth.choices:
            modes.append("lineart")
    else:
        try:
            fmt = device.parameters()[0]
        except Exception:
            fmt = "color"
        modes.append("gray" if fmt == "gray" else "color")
    resolution = device.option("resolution") or device.option("x-resolution")
    resolutions = resolutions_of(resolution) if resolution is not None else ()
    width = height = None
    br_x, br_y = device.option("br-x"), device.option("br-y")
    if (
        br_x is not None
        and br_y is not None
        and br_x.unit == UNIT_MM
        and br_x.range is not None
        and br_y.range is not None
    ):
        width, height = br_x.range[1], br_y.range[1]
    order = {"color": 0, "gray": 1, "lineart": 2}
    return DeviceCapabilities(
        sources=tuple(sources),
        modes=tuple(sorted(modes, key=order.__getitem__)),
        resolutions=resolutions,
        duplex=duplex,
        max_width_mm=width,
        max_height_mm=height,
    )


# --------------------------------------------------------------------------- discovery

VIRTUAL_LABELS = {
    "test": "Máy quét thử nghiệm SANE",
    "pnm": "Máy quét giả lập (đọc tệp ảnh PNM)",
}


def device_label(name: str, vendor: str, model: str) -> str:
    backend = name.split(":", 1)[0]
    if backend in VIRTUAL_LABELS:
        return f"{VIRTUAL_LABELS[backend]} ({name})"
    maker = "" if vendor.lower() in ("", "noname", "unknown") else vendor
    words = " ".join(w for w in (maker, model) if w).strip() or name
    return f"Máy quét {words} ({name})"


def list_sane_devices(*, probe: bool = True) -> list[DeviceInfo]:
    """The SANE devices present. With *probe*, each is opened briefly to read what it offers
    (a device busy elsewhere is listed without capabilities). Empty if SANE is missing."""
    try:
        sane = _module()
    except SaneUnavailable:
        return []
    with _RUNTIME.lock:
        try:
            raw_devices = list(sane.get_devices())
        except Exception:
            return []
    devices: list[DeviceInfo] = []
    for raw in raw_devices:
        name, vendor, model, _type = (str(part) for part in raw)
        capabilities = DeviceCapabilities()
        if probe:
            lock = _RUNTIME.device_lock(name)
            if lock.acquire(blocking=False):
                try:
                    device = SaneDevice(name)
                    try:
                        capabilities = capabilities_of(device)
                    finally:
                        device.close()
                except Exception as exc:
                    if not _is_sane_error(exc):
                        raise
                finally:
                    lock.release()
        devices.append(
            DeviceInfo(
                id=SANE_PREFIX + name,
                vendor=vendor,
                model=model,
                kind="sane",
                label=device_label(name, vendor, model),
                capabilities=capabilities,
            )
        )
    return devices


def device_present(name: str) -> bool:
    try:
        sane = _module()
    except SaneUnavailable:
        return False
    with _RUNTIME.lock:
        try:
            return any(str(raw[0]) == name for raw in sane.get_devices())
        except Exception:
            return False


# --------------------------------------------------------------------------- source


class SaneSource(ScanSource):
    """One SANE device by its SANE name (``test:0``, ``epson2:net:192.168.1.20``…).

    *sheet_fed*: the device has no ``source`` option but is a sheet-fed scanner (True) or a
    flatbed (False); None (default) trusts the ``source`` option. *extra_options* are set
    after the profile (SANE names, e.g. ``{"test-picture": "Color pattern"}``).
    *before_sheet* is called before each sheet with the open device's options.
    """

    def __init__(
        self,
        name: str,
        *,
        sheet_fed: bool | None = None,
        extra_options: Mapping[str, object] | None = None,
        before_sheet: SheetHook | None = None,
        max_sheets: int = 500,
        info: DeviceInfo | None = None,
    ) -> None:
        super().__init__()
        self.name = name.removeprefix(SANE_PREFIX)
        self.sheet_fed = sheet_fed
        self.extra_options = dict(extra_options or {})
        self.before_sheet = before_sheet
        self.max_sheets = max_sheets
        self._info = info

    @property
    def info(self) -> DeviceInfo:
        if self._info is None:
            self._info = DeviceInfo(
                id=SANE_PREFIX + self.name,
                vendor="",
                model="",
                kind="sane",
                label=device_label(self.name, "", ""),
            )
        return self._info

    @property
    def device_name(self) -> str:
        return _label(self.name)

    def scan(
        self, profile: ScanProfile, cancel: threading.Event | None = None
    ) -> Iterator[Page | PageError]:
        self.notes = []
        lock = _RUNTIME.device_lock(self.name)
        if not lock.acquire(blocking=False):
            yield ScannerBusy(
                f"Máy quét {self.name} đang quét cho một yêu cầu khác. Hãy đợi lượt quét đó "
                "xong rồi bấm Quét.",
                page_index=0,
            )
            return
        try:
            for item in self._scan_locked(profile, cancel):
                keep_sigpipe_ignored()
                yield item
        finally:
            keep_sigpipe_ignored()
            lock.release()

    # The body, with the device lock held.
    def _scan_locked(
        self, profile: ScanProfile, cancel: threading.Event | None
    ) -> Iterator[Page | PageError]:
        if is_cancelled(cancel):
            yield self._fault("cancelled", 0, 0)
            return
        try:
            _module()
        except SaneUnavailable as exc:
            yield PageError(exc.message, page_index=0, kind="unplugged")
            return
        try:
            device = SaneDevice(self.name)
        except Exception as exc:
            if not _is_sane_error(exc):
                raise
            yield self._open_failure(str(exc))
            return
        try:
            try:
                plan = _apply_profile(device, profile, sheet_fed=self.sheet_fed)
                for option_name, value in self.extra_options.items():
                    device.set(option_name, value)
            except Exception as exc:
                if not (_is_sane_error(exc) or isinstance(exc, KeyError | TypeError)):
                    raise
                yield PageError(
                    f"Không thiết lập được {self.device_name} ({exc}). Hãy kiểm tra hồ sơ "
                    "quét hoặc nhờ kỹ thuật viên.",
                    page_index=0,
                    kind="io_error",
                )
                return
            self.notes.extend(plan.notes)
            yield from self._sheets(device, plan, cancel)
        finally:
            device.cancel()
            device.close()

    def _sheets(
        self, device: SaneDevice, plan: _Plan, cancel: threading.Event | None
    ) -> Iterator[Page | PageError]:
        pages = 0  # page images yielded: page numbers in messages count these
        sheets = 0  # sheets started, including those that failed
        unreadable_in_a_row = 0
        options = SaneOptions(device)
        keep_batch = plan.feeder  # no sane_cancel between the sheets of a feeder batch
        while True:
            if is_cancelled(cancel):
                yield self._fault("cancelled", pages, pages)
                return
            if pages >= self.max_sheets:
                self.notes.append(
                    f"Đã dừng sau {pages} trang (giới hạn một lượt quét). Bấm Quét tiếp để "
                    "quét các trang còn lại."
                )
                return
            if self.before_sheet is not None:
                self.before_sheet(sheets, options)
            sheets += 1
            watch = _CancelWatch(device, cancel)
            failure: BaseException | None = None
            during_read = False
            frame: Frame | None = None
            try:
                device.start()
            except Exception as exc:
                failure = exc
                if keep_batch and pages > 0 and _is_sane_error(exc) and _is_eof(exc):
                    # Some backends (pnm, a few drivers) want sane_cancel between pages:
                    # cancel, start again, and cancel between pages from now on.
                    keep_batch = False
                    device.cancel()
                    try:
                        device.start()
                        failure = None
                    except Exception as again:
                        failure = again
            if failure is None:
                during_read = True
                try:
                    frame = device.snap(keep_batch=keep_batch, progress=watch)
                except Exception as exc:
                    failure = exc
            if failure is not None:
                if not _is_sane_error(failure):
                    raise failure
                kind, detail = classify_status(str(failure))
                if kind == "no_documents" and plan.feeder and pages > 0 and not during_read:
                    return  # the feeder is empty: the normal end of a batch
                if kind == "cancelled" or watch.fired:
                    yield self._fault("cancelled", pages, pages)
                    return
                if kind in ("io_error", "unplugged") and not device_present(self.name):
                    kind = "unplugged"
                yield self._fault(kind, pages, pages, detail, mid_page=during_read)
                if kind in STOPPING_KINDS:
                    return
                continue
            if frame is None:  # pragma: no cover - start and read succeeded without a frame
                return
            page = self._page(frame, plan, pages)
            if isinstance(page, PageError):
                yield page
                unreadable_in_a_row += 1
                if not plan.feeder or unreadable_in_a_row >= MAX_CONSECUTIVE_UNREADABLE:
                    return
                device.cancel()  # reset the device's read state before the next sheet
                continue
            unreadable_in_a_row = 0
            yield page
            pages += 1
            if not plan.feeder:
                return

    def _page(self, frame: Frame, plan: _Plan, index: int) -> Page | PageError:
        expected = frame.width * frame.height * frame.samples
        if frame.width <= 0 or frame.height <= 0 or len(frame.data) < expected:
            return self._fault("unreadable", index, index, "máy gửi về ảnh rỗng")
        array = np.frombuffer(frame.data, dtype=np.uint8, count=expected)
        if frame.samples == 1:
            image: Image = array.reshape(frame.height, frame.width).copy()
        elif frame.samples == 3:
            image = array.reshape(frame.height, frame.width, 3).copy()
        else:
            return self._fault("unreadable", index, index, f"{frame.samples} kênh màu")
        image = _convert(image, plan.convert_to)
        meta = {
            "device": SANE_PREFIX + self.name,
            "source": "feeder" if plan.feeder else "flatbed",
            "mode": plan.mode,
        }
        if plan.duplex:
            meta["side"] = "front" if index % 2 == 0 else "back"
        if self.notes:
            meta["notes"] = " ".join(self.notes)
        return Page(
            image=image,
            dpi=plan.dpi,
            origin=f"Máy quét {self.name}, trang {index + 1}",
            index=index,
            meta=meta,
        )

    def _fault(
        self,
        kind: FaultKind,
        index: int,
        kept: int,
        detail: str = "",
        *,
        mid_page: bool = False,
    ) -> PageError:
        message = fault_message(
            kind,
            page_number=index + 1,
            pages_kept=kept,
            device=self.device_name,
            detail=detail,
            mid_page=mid_page,
        )
        return PageError(message, page_index=index, kind=kind)

    def _open_failure(self, text: str) -> PageError:
        if "busy" in text.lower():
            return ScannerBusy(
                f"Máy quét {self.name} đang được chương trình khác sử dụng. Hãy đóng chương "
                "trình đó (hoặc đợi nó quét xong) rồi bấm Quét.",
                page_index=0,
            )
        if "denied" in text.lower():
            return PageError(
                f"Không có quyền dùng máy quét {self.name}. Hãy nhờ kỹ thuật viên cấp quyền "
                "(nhóm scanner) cho tài khoản này.",
                page_index=0,
                kind="io_error",
            )
        return PageError(
            f"Không tìm thấy hoặc không mở được máy quét {self.name}. Hãy kiểm tra cáp USB "
            "hoặc mạng và nguồn điện, rồi chọn lại máy quét.",
            page_index=0,
            kind="unplugged",
        )


def _is_eof(exc: BaseException) -> bool:
    return "end of file" in str(exc).lower()


class _CancelWatch:
    """The per-line progress callback of a read: cancels the read when asked to. It must
    never raise — python-sane crashes on an exception from this callback."""

    def __init__(self, device: SaneDevice, cancel: threading.Event | None) -> None:
        self.device = device
        self.cancel = cancel
        self.fired = False

    def __call__(self, _line: int, _lines: int) -> None:
        if not self.fired and is_cancelled(self.cancel):
            self.fired = True
            self.device.cancel()


def _convert(image: Image, target: Mode | None) -> Image:
    """Bring a frame to the profile's mode when the device could not scan in it."""
    if target is None:
        return image
    result: Image = image
    if target in ("gray", "lineart") and result.ndim == 3:
        result = np.asarray(cv2.cvtColor(result, cv2.COLOR_RGB2GRAY), dtype=np.uint8)
    if target == "lineart" and result.ndim == 2 and np.unique(result).size > 2:
        _, binary = cv2.threshold(result, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        result = np.asarray(binary, dtype=np.uint8)
    return np.ascontiguousarray(result)


__all__ = [
    "SANE_PREFIX",
    "SaneDevice",
    "SaneOptions",
    "SaneSource",
    "SaneUnavailable",
    "SheetHook",
    "capabilities_of",
    "classify_mode",
    "classify_source",
    "classify_status",
    "configure",
    "device_label",
    "device_present",
    "list_sane_devices",
    "sane_available",
    "sane_unavailable_reason",
]
