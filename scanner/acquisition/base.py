"""The acquisition interface every device kind implements, and the data it shares.

A :class:`ScanSource` yields :class:`~scanner.page.Page` objects as they come off the device
and a :class:`~scanner.page.PageError` for a fault (paper jam, cover open, unplugged cable…).
It never raises out of the iterator for a device fault: the caller keeps the pages it already
has, shows the message (Vietnamese, naming the page, saying what to do) and may scan again.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal, cast, get_args

from app.errors import UserError
from scanner.page import Page, PageError

Mode = Literal["color", "gray", "lineart"]
SourceKind = Literal["flatbed", "feeder"]
PageSize = Literal["A4", "A5", "Letter", "auto"]
DeviceKind = Literal["sane", "wia", "twain", "hotfolder", "camera", "file"]
FaultKind = Literal[
    "jammed", "cover_open", "no_documents", "io_error", "unplugged", "cancelled", "unreadable"
]

MODES: tuple[Mode, ...] = get_args(Mode)
SOURCES: tuple[SourceKind, ...] = get_args(SourceKind)
PAGE_SIZES: tuple[PageSize, ...] = get_args(PageSize)
FAULT_KINDS: tuple[FaultKind, ...] = get_args(FaultKind)

PAGE_SIZES_MM: dict[str, tuple[float, float]] = {
    "A4": (210.0, 297.0),
    "A5": (148.0, 210.0),
    "Letter": (215.9, 279.4),
}
"""Width × height in millimetres (portrait)."""

MIN_DPI = 50
MAX_DPI = 1200

MODE_LABELS: dict[str, str] = {"color": "màu", "gray": "xám", "lineart": "đen trắng"}
SOURCE_LABELS: dict[str, str] = {"flatbed": "mặt kính", "feeder": "khay nạp giấy"}


class InvalidProfile(UserError):
    """A scan profile read from the settings is not usable; the message says which field."""


class DeviceUnavailable(UserError):
    """A device cannot be opened at all (backend missing, unknown id, folder missing)."""


class ScannerBusy(PageError):
    """The device is already scanning for another request in this program (or another
    program holds it). Yielded like any other fault, kind ``io_error``."""

    def __init__(self, message: str, *, page_index: int | None = None) -> None:
        super().__init__(message, page_index=page_index, kind="io_error")


@dataclass(frozen=True)
class ScanProfile:
    """How to scan: chosen by name at the counter, stored in the TOML settings."""

    name: str
    resolution: int = 300
    mode: Mode = "color"
    source: SourceKind = "flatbed"
    duplex: bool = False
    page_size: PageSize = "A4"

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise InvalidProfile("Hồ sơ quét phải có tên.", field="name")
        if isinstance(self.resolution, bool) or not isinstance(self.resolution, int):
            raise InvalidProfile(
                f"Độ phân giải của hồ sơ quét «{self.name}» phải là số nguyên (dpi).",
                field="resolution",
            )
        if not MIN_DPI <= self.resolution <= MAX_DPI:
            raise InvalidProfile(
                f"Độ phân giải {self.resolution} dpi của hồ sơ quét «{self.name}» nằm ngoài "
                f"khoảng {MIN_DPI}–{MAX_DPI} dpi.",
                field="resolution",
            )
        if self.mode not in MODES:
            raise InvalidProfile(
                f"Chế độ màu «{self.mode}» của hồ sơ quét «{self.name}» không hợp lệ "
                "(color, gray hoặc lineart).",
                field="mode",
            )
        if self.source not in SOURCES:
            raise InvalidProfile(
                f"Nguồn giấy «{self.source}» của hồ sơ quét «{self.name}» không hợp lệ "
                "(flatbed hoặc feeder).",
                field="source",
            )
        if not isinstance(self.duplex, bool):
            raise InvalidProfile(
                f"Mục quét 2 mặt của hồ sơ quét «{self.name}» phải là true hoặc false.",
                field="duplex",
            )
        if self.duplex and self.source != "feeder":
            raise InvalidProfile(
                f"Hồ sơ quét «{self.name}»: chỉ quét 2 mặt được khi dùng khay nạp giấy.",
                field="duplex",
            )
        if self.page_size not in PAGE_SIZES:
            raise InvalidProfile(
                f"Khổ giấy «{self.page_size}» của hồ sơ quét «{self.name}» không hợp lệ "
                "(A4, A5, Letter hoặc auto).",
                field="page_size",
            )

    @property
    def description(self) -> str:
        """Short Vietnamese description for lists: "300 dpi, màu, khay nạp giấy, 2 mặt, A4"."""
        parts = [
            f"{self.resolution} dpi",
            MODE_LABELS[self.mode],
            SOURCE_LABELS[self.source],
        ]
        if self.duplex:
            parts.append("2 mặt")
        parts.append("khổ tự động" if self.page_size == "auto" else f"khổ {self.page_size}")
        return ", ".join(parts)

    def to_dict(self) -> dict[str, str | int | bool]:
        return {
            "name": self.name,
            "resolution": self.resolution,
            "mode": self.mode,
            "source": self.source,
            "duplex": self.duplex,
            "page_size": self.page_size,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object], *, name: str | None = None) -> ScanProfile:
        """Build from a TOML table. *name* (the table key) is used when the table has none.

        Unknown keys are ignored (settings written by a newer version stay loadable);
        missing keys take the defaults; wrong types raise :class:`InvalidProfile`.
        """
        raw_name = data.get("name", name)
        if not isinstance(raw_name, str):
            raise InvalidProfile("Hồ sơ quét phải có tên.", field="name")
        resolution = data.get("resolution", 300)
        if isinstance(resolution, float) and resolution.is_integer():
            resolution = int(resolution)
        duplex = data.get("duplex", False)
        mode = data.get("mode", "color")
        source = data.get("source", "flatbed")
        page_size = data.get("page_size", "A4")
        for key, value in (("mode", mode), ("source", source), ("page_size", page_size)):
            if not isinstance(value, str):
                raise InvalidProfile(
                    f"Mục «{key}» của hồ sơ quét «{raw_name}» phải là chữ.", field=key
                )
        return cls(
            name=raw_name,
            resolution=cast(int, resolution),
            mode=cast(Mode, mode),
            source=cast(SourceKind, source),
            duplex=cast(bool, duplex),
            page_size=cast(PageSize, page_size),
        )


BUILTIN_PROFILES: dict[str, ScanProfile] = {
    profile.name: profile
    for profile in (
        ScanProfile("Màu 300 dpi", resolution=300, mode="color", source="flatbed"),
        ScanProfile("Xám 200 dpi", resolution=200, mode="gray", source="flatbed"),
        ScanProfile(
            "Khay nạp 2 mặt",
            resolution=300,
            mode="color",
            source="feeder",
            duplex=True,
            page_size="auto",
        ),
    )
}
"""Defaults that follow the digitization practice (≥ 200 dpi, colour where the paper has
colour). The settings may add profiles or override these by name."""

DEFAULT_PROFILE_NAME = "Màu 300 dpi"


def profile_by_name(name: str, custom: Mapping[str, ScanProfile] | None = None) -> ScanProfile:
    """The profile called *name*: the settings' own first, then the built-in ones."""
    if custom and name in custom:
        return custom[name]
    if name in BUILTIN_PROFILES:
        return BUILTIN_PROFILES[name]
    known = ", ".join(sorted({*BUILTIN_PROFILES, *(custom or {})}))
    raise InvalidProfile(f"Không có hồ sơ quét «{name}». Các hồ sơ có: {known}.", field="name")


@dataclass(frozen=True)
class DeviceCapabilities:
    """What a device offers, in our own words (``flatbed``/``feeder``, ``color``/…)."""

    sources: tuple[SourceKind, ...] = ()
    modes: tuple[Mode, ...] = ()
    resolutions: tuple[int, ...] = ()
    duplex: bool = False
    max_width_mm: float | None = None
    max_height_mm: float | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "sources": list(self.sources),
            "modes": list(self.modes),
            "resolutions": list(self.resolutions),
            "duplex": self.duplex,
            "max_width_mm": self.max_width_mm,
            "max_height_mm": self.max_height_mm,
        }


@dataclass(frozen=True)
class DeviceInfo:
    """A device as the device list shows it. ``id`` is what :func:`open_source` takes:
    ``sane:test:0``, ``hotfolder:/srv/scan``, ``camera:0``, ``files``, ``wia:…``,
    ``twain:…``."""

    id: str
    vendor: str
    model: str
    kind: DeviceKind
    label: str
    capabilities: DeviceCapabilities = field(default_factory=DeviceCapabilities)

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "vendor": self.vendor,
            "model": self.model,
            "kind": self.kind,
            "label": self.label,
            "capabilities": self.capabilities.to_dict(),
        }


class ScanSource(ABC):
    """One device, ready to scan. Safe to use from a worker thread; one scan at a time.

    ``scan`` yields pages as they come: a feeder batch of many sheets yields many pages,
    which together become one multi-page component. A fault is yielded as a
    :class:`PageError` whose ``kind`` is one of :data:`FAULT_KINDS`; the iterator then stops
    or carries on as the fault allows. ``notes`` lists, after (or during) a scan, what was
    adjusted to fit the device (resolution clamped, no duplex, …) in Vietnamese.
    """

    def __init__(self) -> None:
        self.notes: list[str] = []

    @property
    @abstractmethod
    def info(self) -> DeviceInfo: ...

    @abstractmethod
    def scan(
        self, profile: ScanProfile, cancel: threading.Event | None = None
    ) -> Iterator[Page | PageError]: ...

    def close(self) -> None:  # noqa: B027 - optional hook, most sources hold nothing open
        """Release what the source holds between scans (nothing, for most)."""

    def __enter__(self) -> ScanSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def kept_clause(pages_kept: int) -> str:
    if pages_kept <= 0:
        return ""
    if pages_kept == 1:
        return "; trang đã quét được giữ lại"
    return f"; {pages_kept} trang đã quét được giữ lại"


def fault_message(
    kind: FaultKind,
    *,
    page_number: int,
    pages_kept: int,
    device: str,
    detail: str = "",
    mid_page: bool = False,
) -> str:
    """The Vietnamese message for a device fault at *page_number* (1-based). *mid_page*: the
    fault came while the page was being read (not when the device was asked to start)."""
    kept = kept_clause(pages_kept)
    subject = device[:1].upper() + device[1:]
    page = f"trang {page_number}"
    if kind == "jammed":
        return f"Kẹt giấy ở {page}. Hãy gỡ giấy kẹt rồi bấm Quét tiếp{kept}."
    if kind == "cover_open":
        return (
            f"Nắp máy quét đang mở khi quét {page}. Hãy đóng nắp (và nắp khay nạp) "
            f"rồi bấm Quét tiếp{kept}."
        )
    if kind == "no_documents":
        if pages_kept == 0 and not mid_page:
            return (
                f"{subject} không có giấy để quét. Hãy đặt giấy vào khay nạp "
                "(hoặc lên mặt kính) rồi bấm Quét."
            )
        return (
            f"Máy quét báo hết giấy giữa chừng khi kéo {page}. Hãy đặt lại {page} và các "
            f"trang sau vào khay rồi bấm Quét tiếp{kept}."
        )
    if kind == "io_error":
        extra = f" ({detail})" if detail else ""
        return (
            f"Lỗi khi nhận dữ liệu {page} từ {device}{extra}. Hãy kiểm tra cáp nối và nguồn "
            f"điện của máy quét rồi bấm Quét tiếp{kept}."
        )
    if kind == "unplugged":
        return (
            f"Mất kết nối với {device} khi quét {page}. Hãy kiểm tra cáp USB hoặc mạng và "
            f"nguồn điện, rồi bấm Quét tiếp{kept}."
        )
    if kind == "cancelled":
        return f"Đã dừng quét theo yêu cầu ở {page}{kept}."
    extra = f" ({detail})" if detail else ""
    return f"Không đọc được ảnh {page} từ {device}{extra}. Hãy quét lại trang này{kept}."


def estimate_dpi_a4(width_px: int, height_px: int) -> int:
    """Estimate the dpi of an image assumed to show a whole A4 page (camera frames, images
    without resolution metadata): the page fits the image, so take the smaller estimate."""
    long_px, short_px = max(width_px, height_px), min(width_px, height_px)
    long_in, short_in = 297.0 / 25.4, 210.0 / 25.4
    return max(1, round(min(long_px / long_in, short_px / short_in)))


def is_cancelled(cancel: threading.Event | None) -> bool:
    return cancel is not None and cancel.is_set()
