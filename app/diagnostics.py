"""The technician's diagnostics: what is installed, what is reachable, what needs doing.

:func:`run_diagnostics` runs every check at the same time, each in its own thread, and
returns within about ``timeout_s`` even when the hub does not answer or a scanner hangs (a
check still running then is reported as not finished). A check never raises: its exception
becomes its ``problem``. ``ok`` is True (fine), False (needs action: ``problem`` says what to
do, in Vietnamese) or None (not configured here, e.g. no hub).
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import importlib.metadata
import logging
import os
import platform
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.config import Settings
from app.config_edit import mask_url
from app.errors import UserError

log = logging.getLogger(__name__)

MIN_FREE_BYTES = 1_000_000_000
MAX_CLOCK_SKEW_S = 60.0
CERT_WARNING_DAYS = 30
REQUIRED_OCR_LANGUAGES = ("vie",)


@dataclass
class Check:
    name: str
    """Stable identifier (``tesseract``, ``database``…)."""
    label: str
    """What is checked, in Vietnamese."""
    ok: bool | None
    value: str = ""
    """Version or detail."""
    problem: str = ""
    """What is wrong and what to do (Vietnamese); empty when ok."""
    details: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["seconds"] = round(self.seconds, 3)
        return data


@dataclass
class Diagnostics:
    checks: list[Check]
    computed_at: datetime
    seconds: float

    @property
    def ok(self) -> bool:
        """Every configured check is fine (None, "not configured", does not count)."""
        return all(check.ok is not False for check in self.checks)

    @property
    def problems(self) -> list[Check]:
        return [check for check in self.checks if check.ok is False]

    def by_name(self, name: str) -> Check:
        return next(check for check in self.checks if check.name == name)

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "computed_at": self.computed_at.isoformat(timespec="seconds"),
            "seconds": round(self.seconds, 3),
            "checks": [check.as_json() for check in self.checks],
        }


Probe = Callable[[Settings, float], Check]


# --------------------------------------------------------------------------- the checks


def check_app(settings: Settings, timeout_s: float) -> Check:
    try:
        version = importlib.metadata.version("onestop-counter")
    except importlib.metadata.PackageNotFoundError:
        version = "chưa cài đặt (chạy từ mã nguồn)"
    return Check("app", "Phần mềm Một cửa", True, version)


def check_python(settings: Settings, timeout_s: float) -> Check:
    return Check(
        "python",
        "Python",
        True,
        platform.python_version(),
        details={"executable": sys.executable, "platform": platform.platform()},
    )


def check_qt(settings: Settings, timeout_s: float) -> Check:
    try:
        import PySide6
        from PySide6 import QtCore
    except ImportError as exc:
        return Check(
            "qt",
            "Qt (PySide6)",
            False,
            problem=f"Chưa cài PySide6 ({exc}). Hãy cài lại chương trình.",
        )
    return Check(
        "qt",
        "Qt (PySide6)",
        True,
        f"Qt {QtCore.qVersion()}, PySide6 {PySide6.__version__}",
    )


def check_tesseract(settings: Settings, timeout_s: float) -> Check:
    import pytesseract

    from scanner.ocr import tesseract_version
    from scanner.page import PageError

    label = "Nhận dạng chữ (Tesseract)"
    try:
        version = tesseract_version()
    except PageError as exc:
        return Check(
            "tesseract",
            label,
            False,
            problem=exc.message + " Gói cần cài: tesseract-ocr, tesseract-ocr-vie.",
        )
    languages = sorted(pytesseract.get_languages(config=""))
    wanted = list(dict.fromkeys([*REQUIRED_OCR_LANGUAGES, *settings.scanning.ocr_languages]))
    missing = [lang for lang in wanted if lang not in languages]
    value = f"{version}; ngôn ngữ: {', '.join(languages) or 'không có'}"
    details = {"version": version, "languages": languages, "missing": missing}
    if missing:
        packages = " ".join(f"tesseract-ocr-{lang}" for lang in missing)
        return Check(
            "tesseract",
            label,
            False,
            value,
            f"Thiếu dữ liệu ngôn ngữ {', '.join(missing)} cho Tesseract. "
            f"Hãy cài gói: sudo apt install {packages}",
            details,
        )
    return Check("tesseract", label, True, value, details=details)


def check_zbar(settings: Settings, timeout_s: float) -> Check:
    label = "Đọc mã QR (zbar)"
    try:
        from pyzbar import zbar_library

        library, _dependencies = zbar_library.load()
    except (ImportError, OSError) as exc:
        return Check(
            "zbar",
            label,
            False,
            problem=f"Không nạp được thư viện zbar ({exc}). Hãy cài gói libzbar0.",
        )
    major, minor, patch = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    try:
        library.zbar_version(ctypes.byref(major), ctypes.byref(minor), ctypes.byref(patch))
        version = f"{major.value}.{minor.value}"
    except AttributeError:
        version = "?"
    return Check("zbar", label, True, f"libzbar {version}, pyzbar {_dist('pyzbar')}")


def check_zxing(settings: Settings, timeout_s: float) -> Check:
    label = "Đọc mã QR (zxing-cpp)"
    try:
        import zxingcpp  # noqa: F401
    except ImportError as exc:
        return Check(
            "zxing",
            label,
            False,
            problem=f"Chưa cài zxing-cpp ({exc}). Hãy cài lại chương trình.",
        )
    return Check("zxing", label, True, _dist("zxing-cpp"))


def check_sane(settings: Settings, timeout_s: float) -> Check:
    from app.scanning import configure_sane
    from scanner.acquisition.sane_backend import (
        SANE_PREFIX,
        SaneUnavailable,
        list_sane_devices,
        sane_version,
    )

    label = "Máy quét (SANE)"
    configure_sane(settings)
    try:
        version = sane_version()
    except SaneUnavailable as exc:
        return Check("sane", label, None if os.name == "nt" else False, problem=exc.message)
    devices = list_sane_devices(probe=False)
    names = [f"{SANE_PREFIX}{d.id.removeprefix(SANE_PREFIX)}" for d in devices]
    details: dict[str, Any] = {
        "version": version,
        "devices": [d.to_dict() for d in devices],
        "config_dir": os.environ.get("SANE_CONFIG_DIR", ""),
    }
    listed = ", ".join(f"{d.id} ({d.label})" for d in devices) or "không thấy máy quét nào"
    value = f"SANE {version}; {listed}"
    chosen = settings.scanning.device
    if chosen.startswith(SANE_PREFIX) and chosen not in names:
        return Check(
            "sane",
            label,
            False,
            value,
            f"Không thấy máy quét đã chọn «{chosen}». Hãy kiểm tra nguồn điện, cáp USB/mạng "
            "và xem máy có đang bị chương trình khác dùng không; rồi chạy: onestop devices.",
            details,
        )
    if not devices:
        return Check(
            "sane",
            label,
            None,
            value,
            "Không thấy máy quét nào qua SANE. Nếu quầy có máy quét: kiểm tra nguồn, cáp và "
            "trình điều khiển (sane-find-scanner, scanimage -L).",
            details,
        )
    return Check("sane", label, True, value, details=details)


def check_database(settings: Settings, timeout_s: float) -> Check:
    from alembic.script import ScriptDirectory
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    from app.storage.migrate import alembic_config, current_revision, head_revision

    label = "Cơ sở dữ liệu"
    url = settings.resolved_database_url
    shown = mask_url(url)
    parsed = make_url(url)
    head = head_revision()
    details: dict[str, Any] = {"url": shown, "head": head, "current": None}
    in_file = parsed.get_backend_name() == "sqlite" and parsed.database not in ("", ":memory:")
    if in_file and parsed.database and not Path(parsed.database).exists():
        return Check(
            "database",
            label,
            False,
            shown,
            "Chưa có cơ sở dữ liệu. Hãy chạy: onestop db upgrade",
            details,
        )
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql":
        connect_args["connect_timeout"] = max(1, int(timeout_s))
    engine = create_engine(url, connect_args=connect_args)
    try:
        current = current_revision(engine)
    except Exception as exc:
        return Check(
            "database",
            label,
            False,
            shown,
            f"Không kết nối được cơ sở dữ liệu ({type(exc).__name__}: {_short(exc)}). "
            "Hãy kiểm tra máy chủ cơ sở dữ liệu, mật khẩu và mục database_url.",
            details,
        )
    finally:
        engine.dispose()
    details["current"] = current
    value = f"{shown}; phiên bản {current or 'chưa có'} (mới nhất {head})"
    if current == head:
        return Check("database", label, True, value, details=details)
    known = {s.revision for s in ScriptDirectory.from_config(alembic_config(url)).walk_revisions()}
    if current is not None and current not in known:
        problem = (
            f"Cơ sở dữ liệu ở phiên bản {current}, mới hơn chương trình này. Hãy cài bản "
            "chương trình mới nhất (đừng dùng bản cũ với dữ liệu mới)."
        )
    else:
        problem = "Cơ sở dữ liệu chưa được cập nhật. Hãy chạy: onestop db upgrade"
    return Check("database", label, False, value, problem, details)


def check_hub(settings: Settings, timeout_s: float) -> Check:
    from app.transfer.client import RETRIES, HubClient

    label = "Máy chủ tỉnh"
    if not settings.hub.url:
        return Check("hub", label, None, "chưa cấu hình (mục hub.url)")
    # the client tries 1 + RETRIES times: keep the whole check within timeout_s
    per_try = max(0.5, min(settings.hub.timeout_s, timeout_s / (RETRIES + 1)))
    hub_settings = settings.hub.model_copy(update={"timeout_s": per_try})
    with HubClient(hub_settings) as client:
        result = client.check()
    skew = result.clock_skew_s
    details = {
        "url": settings.hub.url,
        "reachable": result.reachable,
        "authenticated": result.authenticated,
        "clock_skew_s": None if skew is None else round(skew, 3),
        "identity": result.identity,
    }
    value = settings.hub.url + ("" if skew is None else f"; lệch đồng hồ {skew:+.1f} giây")
    if not result.reachable or not result.authenticated:
        return Check("hub", label, False, value, result.message, details)
    if skew is not None and abs(skew) > MAX_CLOCK_SKEW_S:
        return Check(
            "hub",
            label,
            False,
            value,
            f"Đồng hồ máy này lệch {skew:+.0f} giây so với máy chủ tỉnh (cho phép "
            f"{MAX_CLOCK_SKEW_S:.0f} giây). Hãy bật đồng bộ giờ tự động (NTP) hoặc chỉnh giờ máy.",
            details,
        )
    return Check("hub", label, True, value, details=details)


def check_certificate(settings: Settings, timeout_s: float) -> Check:
    from app.certificates import expiry_warning, read_certificate, require_usable

    label = "Chứng thư số của cơ quan"
    path = settings.signing.pkcs12
    if path is None:
        return Check("certificate", label, None, "chưa cấu hình (mục signing.pkcs12)")
    try:
        info = read_certificate(path, settings.signing.password)
    except UserError as exc:  # cannot open: not a PKCS#12 file, wrong password, no file
        return Check("certificate", label, False, str(path), exc.message)
    today = datetime.now(UTC).astimezone().date()
    until = info.not_after.astimezone().strftime("%d/%m/%Y")
    details = {
        "file": str(path),
        "subject": info.subject,
        "issuer": info.issuer,
        "serial": info.serial,
        "not_after": info.not_after.isoformat(),
        "days_left": info.days_left(today),
    }
    value = f"{info.subject}; hết hạn {until}"
    try:
        require_usable(info)  # no key, expired, not valid yet
    except UserError as exc:
        return Check("certificate", label, False, value, exc.message, details)
    warning = expiry_warning(info, today, within_days=CERT_WARNING_DAYS)
    if warning:
        return Check("certificate", label, False, value, warning, details)
    return Check("certificate", label, True, value, details=details)


def check_printers(settings: Settings, timeout_s: float) -> Check:
    """The CUPS queues, and whether the A4 and receipt printers chosen in the settings can
    take jobs now (the same check as printing)."""
    from printing.cups import PrintError, list_printers, printer_problem

    label = "Máy in (CUPS)"
    printing = settings.printing
    server = printing.cups_server or None
    chosen = {"A4": printing.a4_printer, "giấy hẹn": printing.receipt_printer}
    try:
        printers = list_printers(server)
    except PrintError as exc:
        # with no printer chosen for the counter, forms are saved as PDF: not an error
        needed = any(chosen.values()) and exc.reason != "no-tools"
        return Check("printers", label, False if needed else None, problem=exc.message)
    by_name = {p.name: p for p in printers}
    default = next((p.name for p in printers if p.is_default), "")
    details = {
        "printers": [p.name for p in printers],
        "default": default,
        "a4_printer": printing.a4_printer,
        "receipt_printer": printing.receipt_printer,
        "server": printing.cups_server,
    }
    value = ", ".join(p.name for p in printers) or "chưa có máy in nào"
    if default:
        value += f"; mặc định: {default}"
    problems = []
    for role, name in chosen.items():
        if not name:
            continue
        problem = printer_problem(name, by_name.get(name))
        if problem:
            problems.append(f"Máy in {role}: {problem.message}")
    if problems:
        return Check("printers", label, False, value, " ".join(problems), details)
    if not any(chosen.values()):
        return Check(
            "printers",
            label,
            None,
            value,
            "Chưa chọn máy in cho quầy: mỗi lần in sẽ hỏi máy in. Hãy chọn máy in A4 và máy in "
            "giấy hẹn trong Cài đặt → Máy in (hoặc onestop config set printing.a4_printer …).",
            details,
        )
    return Check("printers", label, True, value, details=details)


def _existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def check_disk(settings: Settings, timeout_s: float) -> Check:
    label = "Chỗ trống trên ổ dữ liệu"
    where = _existing(settings.data_dir)
    free = shutil.disk_usage(where).free
    value = f"{free / 1e9:.1f} GB trống ({where})"
    if free < MIN_FREE_BYTES:
        return Check(
            "disk",
            label,
            False,
            value,
            f"Ổ chứa dữ liệu chỉ còn {free / 1e6:.0f} MB. Hãy dọn ổ đĩa hoặc chuyển thư mục dữ "
            "liệu (data_dir) sang ổ khác, kẻo không lưu được hồ sơ.",
            {"free_bytes": free},
        )
    return Check("disk", label, True, value, details={"free_bytes": free})


def check_data_dir(settings: Settings, timeout_s: float) -> Check:
    label = "Thư mục dữ liệu"
    directory = settings.data_dir
    target = directory if directory.exists() else _existing(directory)
    try:
        with tempfile.TemporaryFile(dir=target):
            pass
    except OSError as exc:
        return Check(
            "data_dir",
            label,
            False,
            str(directory),
            f"Không ghi được vào {target} ({exc.strerror or exc}). Hãy cấp quyền ghi cho tài "
            "khoản chạy chương trình hoặc chọn thư mục dữ liệu khác (data_dir).",
        )
    note = "" if directory.exists() else " (chưa có, sẽ được tạo)"
    return Check("data_dir", label, True, f"{directory}{note}")


CHECKS: tuple[Probe, ...] = (
    check_app,
    check_python,
    check_qt,
    check_tesseract,
    check_zbar,
    check_zxing,
    check_sane,
    check_database,
    check_hub,
    check_certificate,
    check_printers,
    check_disk,
    check_data_dir,
)


# --------------------------------------------------------------------------- running


def _short(exc: BaseException, limit: int = 300) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else "")[:limit]


def _dist(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def _name_of(probe: Probe) -> str:
    return probe.__name__.removeprefix("check_")


LABELS = {
    "sane": "Máy quét (SANE)",
    "database": "Cơ sở dữ liệu",
    "hub": "Máy chủ tỉnh",
    "certificate": "Chứng thư số của cơ quan",
    "printers": "Máy in (CUPS)",
    "tesseract": "Nhận dạng chữ (Tesseract)",
}


def _label_of(probe: Probe) -> str:
    return LABELS.get(_name_of(probe), _name_of(probe))


def _guarded(probe: Probe, settings: Settings, timeout_s: float) -> Check:
    began = time.perf_counter()
    try:
        check = probe(settings, timeout_s)
    except UserError as exc:
        check = Check(_name_of(probe), _label_of(probe), False, problem=exc.message)
    except Exception as exc:
        log.exception("diagnostic check %s failed", _name_of(probe))
        check = Check(
            _name_of(probe),
            _label_of(probe),
            False,
            problem=f"Lỗi khi kiểm tra: {type(exc).__name__}: {_short(exc)}",
        )
    check.seconds = time.perf_counter() - began
    return check


#: What the checks import, imported on the calling thread before they start: imports racing
#: in the check threads have failed now and then ("No module named 'app.reports.model'",
#: "No module named 'urllib.error'": a package half initialised by another thread).
CHECK_MODULES = (
    "PySide6.QtCore",
    "pytesseract",
    "scanner.ocr",
    "scanner.page",
    "pyzbar.zbar_library",
    "zxingcpp",
    "app.scanning",
    "scanner.acquisition.sane_backend",
    "alembic.script",
    "app.storage.migrate",
    "app.transfer.client",
    "app.certificates",
    "printing.cups",
)


def _import_check_modules() -> None:
    for name in CHECK_MODULES:
        # missing or broken (a native library that does not load): the check itself says so
        with contextlib.suppress(Exception):
            importlib.import_module(name)


#: SANE's discovery loads and probes every backend of dll.conf; on a stock Debian the
#: parallel-port ones alone take 3–4 s on an idle PC, so 5 s was not enough on a busy one.
DEFAULT_TIMEOUT_S = 15.0


def run_diagnostics(
    settings: Settings, *, timeout_s: float = DEFAULT_TIMEOUT_S, checks: tuple[Probe, ...] = CHECKS
) -> Diagnostics:
    """Run every check at once; returns after at most about ``timeout_s`` + 1 s.

    Each check runs in a daemon thread (not a pool): a check stuck in a driver call (a hung
    scanner) must neither delay the answer nor keep the program from exiting."""
    _import_check_modules()
    began = time.perf_counter()
    results: list[Check | None] = [None] * len(checks)

    def run(index: int, probe: Probe) -> None:
        results[index] = _guarded(probe, settings, timeout_s)

    threads = [
        threading.Thread(target=run, args=(i, probe), name=f"diag-{_name_of(probe)}", daemon=True)
        for i, probe in enumerate(checks)
    ]
    for thread in threads:
        thread.start()
    deadline = began + timeout_s + 1
    for thread in threads:
        thread.join(max(0.0, deadline - time.perf_counter()))
    final: list[Check] = []
    for probe, result in zip(checks, results, strict=True):
        if result is None:
            result = Check(
                _name_of(probe),
                _label_of(probe),
                False,
                problem=f"Kiểm tra chưa xong sau {timeout_s:.0f} giây (thiết bị hoặc dịch vụ "
                "không trả lời). Hãy kiểm tra lại thiết bị/kết nối này.",
                seconds=time.perf_counter() - began,
            )
        final.append(result)
    return Diagnostics(final, datetime.now(UTC), time.perf_counter() - began)


SYMBOLS = {True: "✓", False: "✗", None: "–"}


def format_table(diagnostics: Diagnostics) -> str:
    """The human-readable report: one line per check, what to do under each problem."""
    width = max(len(check.label) for check in diagnostics.checks)
    lines = []
    for check in diagnostics.checks:
        lines.append(f"{SYMBOLS[check.ok]} {check.label:<{width}}  {check.value}".rstrip())
        if check.problem:
            lines.append(f"  {' ' * width}  → {check.problem}")
    problems = len(diagnostics.problems)
    lines.append(
        "Mọi mục đã cấu hình đều bình thường."
        if problems == 0
        else f"{problems} mục cần xử lý (đánh dấu ✗)."
    )
    return "\n".join(lines)
