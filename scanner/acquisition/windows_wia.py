"""Windows Image Acquisition (WIA) scanners.

The pure parts — mapping a :class:`ScanProfile` onto WIA property ids and values, and WIA
error HRESULTs onto our fault kinds — work everywhere and are unit-tested on Linux. The
device part uses the WIA Automation Layer (``WIA.DeviceManager``) through ``comtypes`` and
is imported only on Windows, inside the functions that need it.

Constants are those of the Windows SDK header ``wiadef.h`` (property ids) and ``wia.h`` /
``wiadef.h`` (``WIA_ERROR_*`` = ``MAKE_HRESULT(SEVERITY_ERROR, FACILITY_WIA=33, n)``).
"""

from __future__ import annotations

import io
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from scanner.acquisition.base import (
    PAGE_SIZES_MM,
    DeviceCapabilities,
    DeviceInfo,
    DeviceUnavailable,
    FaultKind,
    ScanProfile,
    ScanSource,
    fault_message,
    is_cancelled,
)
from scanner.page import Page, PageError

WIA_PREFIX = "wia:"

# Device (WIA_DPS_*) and item (WIA_IPS_*, WIA_IPA_*) property ids, wiadef.h.
WIA_DPS_DOCUMENT_HANDLING_CAPABILITIES = 3086
WIA_DPS_DOCUMENT_HANDLING_STATUS = 3087
WIA_DPS_DOCUMENT_HANDLING_SELECT = 3088
WIA_DPS_PAGES = 3096
WIA_DPS_PAGE_SIZE = 3097
WIA_IPA_DATATYPE = 4103
WIA_IPA_DEPTH = 4104
WIA_IPS_CUR_INTENT = 6146
WIA_IPS_XRES = 6147
WIA_IPS_YRES = 6148
WIA_IPS_XPOS = 6149
WIA_IPS_YPOS = 6150
WIA_IPS_XEXTENT = 6151
WIA_IPS_YEXTENT = 6152

# WIA_DPS_DOCUMENT_HANDLING_SELECT flags.
FEEDER = 0x001
FLATBED = 0x002
DUPLEX = 0x004
FRONT_FIRST = 0x008
# WIA_DPS_DOCUMENT_HANDLING_CAPABILITIES flags.
CAP_FEED = 0x01
CAP_FLAT = 0x02
CAP_DUP = 0x04
# WIA_IPA_DATATYPE.
WIA_DATA_THRESHOLD = 0
WIA_DATA_GRAYSCALE = 2
WIA_DATA_COLOR = 3
# WIA_IPS_CUR_INTENT.
WIA_INTENT_IMAGE_TYPE_COLOR = 0x1
WIA_INTENT_IMAGE_TYPE_GRAYSCALE = 0x2
WIA_INTENT_IMAGE_TYPE_TEXT = 0x4
# WIA_DPS_PAGE_SIZE.
WIA_PAGE_A4 = 0
WIA_PAGE_LETTER = 1
WIA_PAGE_CUSTOM = 2
WIA_PAGE_ISO_A5 = 11
WIA_PAGE_AUTO = 100  # WIA 2.0

# Error HRESULTs (unsigned 32-bit).
WIA_ERROR_GENERAL_ERROR = 0x80210001
WIA_ERROR_PAPER_JAM = 0x80210002
WIA_ERROR_PAPER_EMPTY = 0x80210003
WIA_ERROR_PAPER_PROBLEM = 0x80210004
WIA_ERROR_OFFLINE = 0x80210005
WIA_ERROR_BUSY = 0x80210006
WIA_ERROR_WARMING_UP = 0x80210007
WIA_ERROR_USER_INTERVENTION = 0x80210008
WIA_ERROR_ITEM_DELETED = 0x80210009
WIA_ERROR_DEVICE_COMMUNICATION = 0x8021000A
WIA_ERROR_INVALID_COMMAND = 0x8021000B
WIA_ERROR_INCORRECT_HARDWARE_SETTING = 0x8021000C
WIA_ERROR_DEVICE_LOCKED = 0x8021000D
WIA_ERROR_EXCEPTION_IN_DRIVER = 0x8021000E
WIA_ERROR_INVALID_DRIVER_RESPONSE = 0x8021000F
WIA_ERROR_COVER_OPEN = 0x80210010
WIA_ERROR_LAMP_OFF = 0x80210011
WIA_ERROR_DESTINATION = 0x80210012
WIA_ERROR_NETWORK_RESERVATION_FAILED = 0x80210013
WIA_ERROR_MULTI_FEED = 0x80210014
WIA_S_NO_DEVICE_AVAILABLE = 0x80210015
E_ABORT = 0x80004004
HRESULT_ERROR_CANCELLED = 0x800704C7

WIA_FORMAT_BMP = "{B96B3CAB-0728-11D3-9D7B-0000F81EF32E}"
WIA_FORMAT_PNG = "{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}"

WIA_ERRORS: dict[int, tuple[FaultKind, str]] = {
    WIA_ERROR_PAPER_JAM: ("jammed", ""),
    WIA_ERROR_PAPER_PROBLEM: ("jammed", ""),
    WIA_ERROR_MULTI_FEED: ("jammed", "máy kéo nhiều tờ một lúc"),
    WIA_ERROR_PAPER_EMPTY: ("no_documents", ""),
    WIA_ERROR_COVER_OPEN: ("cover_open", ""),
    WIA_ERROR_OFFLINE: ("unplugged", ""),
    WIA_ERROR_ITEM_DELETED: ("unplugged", ""),
    WIA_ERROR_DEVICE_COMMUNICATION: ("unplugged", ""),
    WIA_S_NO_DEVICE_AVAILABLE: ("unplugged", ""),
    WIA_ERROR_BUSY: ("io_error", "máy quét đang bận"),
    WIA_ERROR_NETWORK_RESERVATION_FAILED: ("io_error", "máy quét mạng đang được người khác dùng"),
    WIA_ERROR_WARMING_UP: ("io_error", "máy quét đang khởi động đèn, hãy đợi rồi thử lại"),
    WIA_ERROR_LAMP_OFF: ("io_error", "đèn máy quét đang tắt"),
    WIA_ERROR_USER_INTERVENTION: ("io_error", "máy cần người thao tác, hãy xem màn hình máy"),
    WIA_ERROR_DEVICE_LOCKED: ("io_error", "đầu quét đang khóa vận chuyển, hãy mở khóa"),
    WIA_ERROR_INCORRECT_HARDWARE_SETTING: ("io_error", "thiết lập trên máy quét không đúng"),
    WIA_ERROR_INVALID_COMMAND: ("io_error", "máy không hỗ trợ thao tác này"),
    WIA_ERROR_EXCEPTION_IN_DRIVER: ("io_error", "lỗi trình điều khiển máy quét"),
    WIA_ERROR_INVALID_DRIVER_RESPONSE: ("io_error", "lỗi trình điều khiển máy quét"),
    WIA_ERROR_DESTINATION: ("io_error", "lỗi nơi nhận bản quét"),
    WIA_ERROR_GENERAL_ERROR: ("io_error", "lỗi không rõ của máy quét"),
    E_ABORT: ("cancelled", ""),
    HRESULT_ERROR_CANCELLED: ("cancelled", ""),
}


@dataclass(frozen=True)
class WiaSettings:
    """Property values to write: on the device root and on the scan item."""

    device: dict[int, int]
    item: dict[int, int]


def wia_settings(profile: ScanProfile) -> WiaSettings:
    """The WIA properties for *profile* (feeder/flatbed, duplex, resolution, colour, size)."""
    device: dict[int, int] = {}
    if profile.source == "feeder":
        select = FEEDER | (DUPLEX | FRONT_FIRST if profile.duplex else 0)
        device[WIA_DPS_DOCUMENT_HANDLING_SELECT] = select
    else:
        device[WIA_DPS_DOCUMENT_HANDLING_SELECT] = FLATBED
    # One page per Transfer() call; the feeder batch loops until WIA_ERROR_PAPER_EMPTY.
    device[WIA_DPS_PAGES] = 1
    device[WIA_DPS_PAGE_SIZE] = {
        "A4": WIA_PAGE_A4,
        "A5": WIA_PAGE_ISO_A5,
        "Letter": WIA_PAGE_LETTER,
        "auto": WIA_PAGE_AUTO,
    }[profile.page_size]
    datatype, depth, intent = {
        "color": (WIA_DATA_COLOR, 24, WIA_INTENT_IMAGE_TYPE_COLOR),
        "gray": (WIA_DATA_GRAYSCALE, 8, WIA_INTENT_IMAGE_TYPE_GRAYSCALE),
        "lineart": (WIA_DATA_THRESHOLD, 1, WIA_INTENT_IMAGE_TYPE_TEXT),
    }[profile.mode]
    item: dict[int, int] = {
        WIA_IPS_CUR_INTENT: intent,
        WIA_IPA_DATATYPE: datatype,
        WIA_IPA_DEPTH: depth,
        WIA_IPS_XRES: profile.resolution,
        WIA_IPS_YRES: profile.resolution,
    }
    if profile.page_size != "auto":
        width_mm, height_mm = PAGE_SIZES_MM[profile.page_size]
        item[WIA_IPS_XPOS] = 0
        item[WIA_IPS_YPOS] = 0
        item[WIA_IPS_XEXTENT] = round(width_mm / 25.4 * profile.resolution)
        item[WIA_IPS_YEXTENT] = round(height_mm / 25.4 * profile.resolution)
    return WiaSettings(device=device, item=item)


def normalize_hresult(value: int) -> int:
    """COM libraries give HRESULTs signed (-2145320958); compare them unsigned."""
    return value & 0xFFFFFFFF


def hresult_of(exc: BaseException) -> int | None:
    """The HRESULT carried by a comtypes ``COMError`` or pywin32 ``com_error``."""
    for attribute in ("hresult", "hr"):
        value = getattr(exc, attribute, None)
        if isinstance(value, int):
            return normalize_hresult(value)
    args = getattr(exc, "args", ())
    if args and isinstance(args[0], int):
        code = normalize_hresult(args[0])
        # pywin32: DISP_E_EXCEPTION with the real scode in excepinfo[5].
        if code == 0x80020009 and len(args) > 2 and isinstance(args[2], tuple):
            excepinfo = args[2]
            if len(excepinfo) > 5 and isinstance(excepinfo[5], int):
                return normalize_hresult(excepinfo[5])
        return code
    return None


def wia_fault_kind(hresult: int) -> tuple[FaultKind, str]:
    return WIA_ERRORS.get(normalize_hresult(hresult), ("io_error", f"mã lỗi 0x{hresult:08X}"))


def wia_fault(
    hresult: int, *, page_index: int, pages_kept: int, device: str, mid_page: bool = True
) -> PageError:
    kind, detail = wia_fault_kind(hresult)
    message = fault_message(
        kind,
        page_number=page_index + 1,
        pages_kept=pages_kept,
        device=device,
        detail=detail,
        mid_page=mid_page,
    )
    return PageError(message, page_index=page_index, kind=kind)


def wia_available() -> bool:
    if sys.platform != "win32":
        return False
    try:
        import comtypes.client  # noqa: F401
    except ImportError:
        return False
    return True


def _manager() -> Any:
    if sys.platform != "win32":
        raise DeviceUnavailable("Máy quét WIA chỉ dùng được trên Windows.")
    try:
        import comtypes.client
    except ImportError as exc:
        raise DeviceUnavailable(
            "Chưa cài thư viện comtypes nên không dùng được máy quét WIA."
        ) from exc
    return comtypes.client.CreateObject("WIA.DeviceManager")


def list_wia_devices() -> list[DeviceInfo]:
    """WIA scanners (type 1) known to Windows. Empty off Windows."""
    if not wia_available():
        return []
    devices: list[DeviceInfo] = []
    try:
        manager = _manager()
        for number in range(1, int(manager.DeviceInfos.Count) + 1):
            info = manager.DeviceInfos.Item(number)
            if int(info.Type) != 1:  # 1 = ScannerDeviceType
                continue
            properties = {str(p.Name): p.Value for p in info.Properties}
            name = str(properties.get("Name", info.DeviceID))
            vendor = str(properties.get("Manufacturer", ""))
            devices.append(
                DeviceInfo(
                    id=WIA_PREFIX + str(info.DeviceID),
                    vendor=vendor,
                    model=name,
                    kind="wia",
                    label=f"Máy quét {name} (WIA)",
                    capabilities=DeviceCapabilities(
                        sources=("flatbed", "feeder"), modes=("color", "gray", "lineart")
                    ),
                )
            )
    except Exception:
        return devices
    return devices


class WiaSource(ScanSource):
    """A WIA scanner by its WIA device id. Windows only (comtypes)."""

    def __init__(self, device_id: str, *, label: str | None = None) -> None:
        super().__init__()
        self.device_id = device_id.removeprefix(WIA_PREFIX)
        self.label = label or f"máy quét WIA {self.device_id}"

    @property
    def info(self) -> DeviceInfo:
        return DeviceInfo(
            id=WIA_PREFIX + self.device_id, vendor="", model="", kind="wia", label=self.label
        )

    def scan(
        self, profile: ScanProfile, cancel: threading.Event | None = None
    ) -> Iterator[Page | PageError]:  # pragma: no cover - needs Windows and a WIA scanner
        self.notes = []
        try:
            manager = _manager()
        except DeviceUnavailable as exc:
            yield PageError(exc.message, page_index=0, kind="unplugged")
            return
        settings = wia_settings(profile)
        try:
            device = _connect(manager, self.device_id)
            _write_properties(device.Properties, settings.device, self.notes)
            item = device.Items.Item(1)
            _write_properties(item.Properties, settings.item, self.notes)
        except Exception as exc:
            code = hresult_of(exc)
            if code is None:
                raise
            yield wia_fault(code, page_index=0, pages_kept=0, device=self.label, mid_page=False)
            return
        pages = 0
        feeder = profile.source == "feeder"
        while True:
            if is_cancelled(cancel):
                yield wia_fault(E_ABORT, page_index=pages, pages_kept=pages, device=self.label)
                return
            try:
                image_file = item.Transfer(WIA_FORMAT_PNG)
                data = bytes(image_file.FileData.BinaryData)
            except Exception as exc:
                code = hresult_of(exc)
                if code is None:
                    raise
                kind, _ = wia_fault_kind(code)
                if kind == "no_documents" and feeder and pages > 0:
                    return  # end of the batch
                yield wia_fault(code, page_index=pages, pages_kept=pages, device=self.label)
                return
            yield _page_from_bytes(data, profile.resolution, self.device_id, pages)
            pages += 1
            if not feeder:
                return


def _connect(manager: Any, device_id: str) -> Any:  # pragma: no cover - Windows only
    for number in range(1, int(manager.DeviceInfos.Count) + 1):
        info = manager.DeviceInfos.Item(number)
        if str(info.DeviceID) == device_id:
            return info.Connect()
    raise DeviceUnavailable(f"Không thấy máy quét WIA «{device_id}».")


def _write_properties(
    properties: Any, values: dict[int, int], notes: list[str]
) -> None:  # pragma: no cover - Windows only
    by_id = {int(p.PropertyID): p for p in properties}
    for property_id, value in values.items():
        prop = by_id.get(property_id)
        if prop is None:
            continue
        try:
            prop.Value = value
        except Exception:
            notes.append(f"Máy quét WIA không nhận thiết lập {property_id}={value}.")


def _page_from_bytes(data: bytes, dpi: int, device_id: str, index: int) -> Page:
    from PIL import Image as PILImage

    from scanner.acquisition.render import to_array

    with PILImage.open(io.BytesIO(data)) as image:
        image.load()
        array = to_array(image)
        raw_dpi = image.info.get("dpi")
    if isinstance(raw_dpi, tuple) and raw_dpi and float(raw_dpi[0]) >= 50:
        dpi = round(float(raw_dpi[0]))
    return Page(
        image=np.ascontiguousarray(array),
        dpi=dpi,
        origin=f"Máy quét WIA, trang {index + 1}",
        index=index,
        meta={"device": WIA_PREFIX + device_id},
    )
