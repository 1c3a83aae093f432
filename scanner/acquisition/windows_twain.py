"""TWAIN scanners (Windows) through ``pytwain`` (import name ``twain``).

The pure parts — the capabilities a :class:`ScanProfile` sets, and TWAIN condition codes /
pytwain exceptions mapped onto our fault kinds — are unit-tested on Linux. The device part
imports ``twain`` only on Windows, inside the functions that need it. Constants are those of
the TWAIN 2.x header ``twain.h``.
"""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from scanner.acquisition.base import (
    DeviceCapabilities,
    DeviceInfo,
    FaultKind,
    ScanProfile,
    ScanSource,
    fault_message,
)
from scanner.page import Page, PageError

TWAIN_PREFIX = "twain:"

# Capabilities.
CAP_XFERCOUNT = 0x0001
ICAP_PIXELTYPE = 0x0101
ICAP_UNITS = 0x0102
CAP_FEEDERENABLED = 0x1002
CAP_AUTOFEED = 0x1007
CAP_DUPLEXENABLED = 0x1013
ICAP_XRESOLUTION = 0x1118
ICAP_YRESOLUTION = 0x1119
ICAP_SUPPORTEDSIZES = 0x1122
ICAP_BITDEPTH = 0x112B
ICAP_AUTOMATICBORDERDETECTION = 0x1150
# Item types.
TWTY_INT16 = 0x0001
TWTY_UINT16 = 0x0004
TWTY_BOOL = 0x0006
TWTY_FIX32 = 0x0007
# ICAP_PIXELTYPE.
TWPT_BW = 0
TWPT_GRAY = 1
TWPT_RGB = 2
# ICAP_UNITS.
TWUN_INCHES = 0
# ICAP_SUPPORTEDSIZES.
TWSS_NONE = 0
TWSS_A4 = 1
TWSS_USLETTER = 3
TWSS_A5 = 5
# Return codes.
TWRC_SUCCESS = 0
TWRC_FAILURE = 1
TWRC_CANCEL = 3
# Condition codes.
TWCC_SUCCESS = 0
TWCC_BUMMER = 1
TWCC_LOWMEMORY = 2
TWCC_NODS = 3
TWCC_MAXCONNECTIONS = 4
TWCC_OPERATIONERROR = 5
TWCC_BADCAP = 6
TWCC_BADVALUE = 10
TWCC_SEQERROR = 11
TWCC_CAPUNSUPPORTED = 13
TWCC_DENIED = 16
TWCC_PAPERJAM = 20
TWCC_PAPERDOUBLEFEED = 21
TWCC_CHECKDEVICEONLINE = 23
TWCC_INTERLOCK = 24
TWCC_DAMAGEDCORNER = 25
TWCC_FOCUSERROR = 26
TWCC_DOCTOOLIGHT = 27
TWCC_DOCTOODARK = 28
TWCC_NOMEDIA = 29

TWAIN_CONDITIONS: dict[int, tuple[FaultKind, str]] = {
    TWCC_PAPERJAM: ("jammed", ""),
    TWCC_PAPERDOUBLEFEED: ("jammed", "máy kéo nhiều tờ một lúc"),
    TWCC_DAMAGEDCORNER: ("jammed", "góc tờ giấy bị gấp hoặc rách"),
    TWCC_INTERLOCK: ("cover_open", ""),
    TWCC_NOMEDIA: ("no_documents", ""),
    TWCC_CHECKDEVICEONLINE: ("unplugged", ""),
    TWCC_NODS: ("unplugged", ""),
    TWCC_MAXCONNECTIONS: ("io_error", "máy quét đang được chương trình khác dùng"),
    TWCC_LOWMEMORY: ("io_error", "thiếu bộ nhớ"),
    TWCC_OPERATIONERROR: ("io_error", "lỗi bên trong máy quét"),
    TWCC_BUMMER: ("io_error", "lỗi không rõ của máy quét"),
    TWCC_DENIED: ("io_error", "không có quyền"),
    TWCC_FOCUSERROR: ("unreadable", "ảnh bị mờ"),
    TWCC_DOCTOOLIGHT: ("unreadable", "giấy quá sáng"),
    TWCC_DOCTOODARK: ("unreadable", "giấy quá tối"),
}

PYTWAIN_EXCEPTIONS: dict[str, int] = {
    "PaperJam": TWCC_PAPERJAM,
    "PaperDoubleFeedError": TWCC_PAPERDOUBLEFEED,
    "CheckDeviceOnlineError": TWCC_CHECKDEVICEONLINE,
    "NoDataSourceError": TWCC_NODS,
    "MaxConnectionsError": TWCC_MAXCONNECTIONS,
    "OperationError": TWCC_OPERATIONERROR,
    "GeneralFailure": TWCC_BUMMER,
    "DeniedError": TWCC_DENIED,
    "SMLoadFileFailed": TWCC_NODS,
    "SMOpenFailed": TWCC_NODS,
}
"""pytwain raises one exception class per condition code (twain/exceptions.py)."""

CANCEL_EXCEPTIONS = frozenset({"DSTransferCancelled", "CancelAll"})


@dataclass(frozen=True)
class TwainCap:
    cap: int
    type: int
    value: int | float | bool
    required: bool = False
    """A required capability that fails stops the scan; others only leave a note."""


def twain_capabilities(profile: ScanProfile) -> list[TwainCap]:
    """Capabilities to set for *profile*, in the order TWAIN needs (units before
    resolution, pixel type before bit depth, feeder before auto-feed and duplex)."""
    feeder = profile.source == "feeder"
    pixel_type, bit_depth = {
        "color": (TWPT_RGB, 24),
        "gray": (TWPT_GRAY, 8),
        "lineart": (TWPT_BW, 1),
    }[profile.mode]
    caps = [
        TwainCap(ICAP_UNITS, TWTY_UINT16, TWUN_INCHES),
        TwainCap(ICAP_PIXELTYPE, TWTY_UINT16, pixel_type, required=True),
        TwainCap(ICAP_BITDEPTH, TWTY_UINT16, bit_depth),
        TwainCap(ICAP_XRESOLUTION, TWTY_FIX32, float(profile.resolution), required=True),
        TwainCap(ICAP_YRESOLUTION, TWTY_FIX32, float(profile.resolution), required=True),
        TwainCap(CAP_FEEDERENABLED, TWTY_BOOL, feeder, required=feeder),
    ]
    if feeder:
        caps.append(TwainCap(CAP_AUTOFEED, TWTY_BOOL, True))
        caps.append(TwainCap(CAP_DUPLEXENABLED, TWTY_BOOL, profile.duplex))
    caps.append(TwainCap(CAP_XFERCOUNT, TWTY_INT16, -1 if feeder else 1))
    if profile.page_size == "auto":
        caps.append(TwainCap(ICAP_SUPPORTEDSIZES, TWTY_UINT16, TWSS_NONE))
        caps.append(TwainCap(ICAP_AUTOMATICBORDERDETECTION, TWTY_BOOL, True))
    else:
        size = {"A4": TWSS_A4, "A5": TWSS_A5, "Letter": TWSS_USLETTER}[profile.page_size]
        caps.append(TwainCap(ICAP_SUPPORTEDSIZES, TWTY_UINT16, size))
    return caps


def condition_of(exc: BaseException) -> int | None:
    """The TWAIN condition code behind a pytwain exception (by class name, so this works
    without pytwain installed), or a ``condition_code`` attribute if present."""
    code = getattr(exc, "condition_code", None)
    if isinstance(code, int):
        return code
    for klass in type(exc).__mro__:
        if klass.__name__ in PYTWAIN_EXCEPTIONS:
            return PYTWAIN_EXCEPTIONS[klass.__name__]
    return None


def is_cancel(exc: BaseException) -> bool:
    return any(klass.__name__ in CANCEL_EXCEPTIONS for klass in type(exc).__mro__)


def twain_fault_kind(condition: int) -> tuple[FaultKind, str]:
    return TWAIN_CONDITIONS.get(condition, ("io_error", f"mã TWAIN {condition}"))


def twain_fault(
    condition: int, *, page_index: int, pages_kept: int, device: str, mid_page: bool = True
) -> PageError:
    kind, detail = twain_fault_kind(condition)
    message = fault_message(
        kind,
        page_number=page_index + 1,
        pages_kept=pages_kept,
        device=device,
        detail=detail,
        mid_page=mid_page,
    )
    return PageError(message, page_index=page_index, kind=kind)


def exception_fault(
    exc: BaseException, *, page_index: int, pages_kept: int, device: str
) -> PageError | None:
    """Our PageError for a pytwain exception, None if it is not a TWAIN one."""
    if is_cancel(exc):
        message = fault_message(
            "cancelled", page_number=page_index + 1, pages_kept=pages_kept, device=device
        )
        return PageError(message, page_index=page_index, kind="cancelled")
    condition = condition_of(exc)
    if condition is None:
        if any(k.__name__ == "TwainError" for k in type(exc).__mro__):
            condition = TWCC_BUMMER
        else:
            return None
    return twain_fault(condition, page_index=page_index, pages_kept=pages_kept, device=device)


def twain_available() -> bool:
    if sys.platform != "win32":
        return False
    try:
        import twain  # noqa: F401
    except ImportError:
        return False
    return True


def list_twain_devices() -> list[DeviceInfo]:
    """TWAIN data sources. Empty off Windows or without pytwain."""
    if not twain_available():
        return []
    try:  # pragma: no cover - Windows only
        import twain

        with twain.SourceManager() as manager:
            names = list(manager.source_list)
    except Exception:
        return []
    return [  # pragma: no cover - Windows only
        DeviceInfo(
            id=TWAIN_PREFIX + name,
            vendor="",
            model=name,
            kind="twain",
            label=f"Máy quét {name} (TWAIN)",
            capabilities=DeviceCapabilities(
                sources=("flatbed", "feeder"), modes=("color", "gray", "lineart")
            ),
        )
        for name in names
    ]


class TwainSource(ScanSource):
    """A TWAIN data source by product name. Windows only (pytwain). TWAIN runs its own
    message loop, so acquisition runs on a helper thread feeding a queue."""

    def __init__(self, name: str, *, label: str | None = None) -> None:
        super().__init__()
        self.name = name.removeprefix(TWAIN_PREFIX)
        self.label = label or f"máy quét {self.name}"

    @property
    def info(self) -> DeviceInfo:
        return DeviceInfo(
            id=TWAIN_PREFIX + self.name, vendor="", model=self.name, kind="twain", label=self.label
        )

    def scan(
        self, profile: ScanProfile, cancel: threading.Event | None = None
    ) -> Iterator[Page | PageError]:  # pragma: no cover - needs Windows and a TWAIN source
        self.notes = []
        if not twain_available():
            yield PageError(
                "Máy quét TWAIN chỉ dùng được trên Windows có cài pytwain.",
                page_index=0,
                kind="unplugged",
            )
            return
        items: queue.Queue[Page | PageError | None] = queue.Queue(maxsize=4)
        worker = threading.Thread(
            target=self._acquire, args=(profile, cancel, items), daemon=True, name="twain"
        )
        worker.start()
        while True:
            item = items.get()
            if item is None:
                break
            yield item
        worker.join()

    def _acquire(
        self,
        profile: ScanProfile,
        cancel: threading.Event | None,
        items: queue.Queue[Page | PageError | None],
    ) -> None:  # pragma: no cover - Windows only
        import twain

        from scanner.acquisition.windows_wia import _page_from_bytes

        pages = 0
        try:
            with twain.SourceManager() as manager:
                source: Any = manager.open_source(self.name)
                try:
                    for cap in twain_capabilities(profile):
                        try:
                            source.set_capability(cap.cap, cap.type, cap.value)
                        except Exception:
                            if cap.required:
                                raise
                            self.notes.append(f"Máy quét không nhận khả năng 0x{cap.cap:04X}.")

                    def before(_info: object) -> None:
                        if cancel is not None and cancel.is_set():
                            raise twain.exceptions.CancelAll()

                    def after(image: Any, _more: int) -> None:
                        nonlocal pages
                        import io

                        buffer = io.BytesIO()
                        image.save(buffer)
                        image.close()
                        page = _page_from_bytes(
                            buffer.getvalue(), profile.resolution, self.name, pages
                        )
                        page = Page(
                            image=page.image,
                            dpi=page.dpi,
                            origin=f"Máy quét {self.name}, trang {pages + 1}",
                            index=pages,
                            meta={"device": TWAIN_PREFIX + self.name},
                        )
                        items.put(page)
                        pages += 1

                    source.acquire_natively(after=after, before=before, show_ui=False)
                finally:
                    source.close()
        except Exception as exc:
            fault = exception_fault(exc, page_index=pages, pages_kept=pages, device=self.label)
            if fault is None:
                fault = PageError(
                    f"Lỗi khi quét bằng {self.label} ({exc}). Hãy thử lại hoặc nhờ kỹ thuật viên.",
                    page_index=pages,
                    kind="io_error",
                )
            if not (fault.kind == "no_documents" and pages > 0):
                items.put(fault)
        finally:
            items.put(None)
