"""Sending PDFs to a CUPS print queue, and asking CUPS about its printers and jobs.

No Qt here: the settings page, the counter and the CLI share these calls.  Printers are
listed and jobs sent with the CUPS command-line tools (``lpstat``, ``lp``), which every
CUPS client machine has; a job's state is read with one IPP ``Get-Job-Attributes`` request
(``lpstat`` does not tell a finished job from a cancelled one).  Every subprocess and
socket has a timeout.  Problems the counter staff or technician can act on are
:class:`PrintError` with a Vietnamese message that says what to do.

``server`` is ``HOST:PORT``, ``HOST`` or the path of CUPS' unix socket; ``None`` means the
system's own choice (``CUPS_SERVER``, client.conf, the local scheduler).
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import struct
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import pypdfium2 as pdfium

from app.errors import UserError

TOOL_TIMEOUT = 15.0  # seconds for one lp/lpstat call
IPP_TIMEOUT = 10.0
DEFAULT_PORT = 631
DEFAULT_SOCKET = "/run/cups/cups.sock"
MM = 72 / 25.4

# What to tell the user.  Every message names the next step.
MSG_NO_TOOLS = (
    "Máy tính này chưa cài hệ thống in CUPS (không có lệnh lp/lpstat). "
    "Hãy nhờ kỹ thuật viên cài gói cups-client rồi thử lại."
)
MSG_SERVER_DOWN = (
    "Không liên lạc được với máy chủ in (CUPS{where}). "
    "Hãy kiểm tra dịch vụ in đã chạy chưa (khởi động lại máy hoặc dịch vụ cups) rồi thử lại."
)
MSG_NO_PRINTER_CHOSEN = "Chưa chọn máy in. Hãy chọn máy in trong phần cài đặt."
MSG_GONE = "Máy in «{name}» không còn trong hệ thống. Hãy chọn lại máy in trong phần cài đặt."
MSG_STOPPED = (
    "Máy in «{name}» đang bị tạm dừng{reason}. Hãy kiểm tra máy in (giấy, mực, kẹt giấy), "
    "rồi bật lại hàng đợi in (cupsenable {name}) hoặc chọn máy in khác."
)
MSG_REJECTING = (
    "Máy in «{name}» đang từ chối nhận lệnh in{reason}. Hãy cho máy in nhận lại lệnh in "
    "(cupsaccept {name}) hoặc chọn máy in khác trong phần cài đặt."
)
MSG_NOT_PDF = "Tài liệu cần in không phải là tệp PDF hợp lệ."
MSG_FAILED = "Không gửi được lệnh in đến máy in «{name}»: {detail}. Hãy thử lại."
MSG_TIMEOUT = (
    "Máy chủ in không trả lời sau {seconds:.0f} giây. Hãy kiểm tra dịch vụ in (cups) rồi thử lại."
)
MSG_JOB_FAILED = "Lệnh in {job} trên máy in «{name}» {what}. Hãy kiểm tra máy in rồi in lại."
MSG_JOB_SLOW = (
    "Lệnh in {job} vẫn chưa in xong sau {seconds:.0f} giây. "
    "Hãy kiểm tra máy in (giấy, mực, kết nối)."
)


class PrintError(UserError):
    """A printing problem, with the Vietnamese message to show."""

    def __init__(self, message: str, *, reason: str = "failed") -> None:
        super().__init__(message, field="printer")
        # a stable code for programs: no-tools, server-down, no-printer, gone, stopped,
        # rejecting, not-pdf, timeout, failed, job-failed
        self.reason = reason


class PrinterState(StrEnum):
    idle = "idle"
    printing = "printing"
    stopped = "stopped"


class JobState(StrEnum):
    pending = "pending"
    held = "held"
    processing = "processing"
    stopped = "stopped"
    canceled = "canceled"
    aborted = "aborted"
    completed = "completed"

    @property
    def finished(self) -> bool:
        return self in (JobState.canceled, JobState.aborted, JobState.completed)


_IPP_JOB_STATES = {
    3: JobState.pending,
    4: JobState.held,
    5: JobState.processing,
    6: JobState.stopped,
    7: JobState.canceled,
    8: JobState.aborted,
    9: JobState.completed,
}


@dataclass(frozen=True, slots=True)
class PrinterInfo:
    name: str
    description: str
    state: PrinterState
    accepting: bool
    is_default: bool
    state_message: str = ""  # why it is stopped / not accepting, as CUPS says it

    @property
    def label(self) -> str:
        """What a combo box shows: the description, with the queue name when different."""
        if self.description and self.description != self.name:
            return f"{self.description} ({self.name})"
        return self.name


# -- running the tools --------------------------------------------------------------------


def _where(server: str | None) -> str:
    return f" tại {server}" if server else ""


def _tool(name: str) -> str:
    found = shutil.which(name) or next(
        (str(p) for d in ("/usr/sbin", "/usr/bin") if (p := Path(d) / name).is_file()), None
    )
    if not found:
        raise PrintError(MSG_NO_TOOLS, reason="no-tools")
    return found


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # messages are parsed: the tools must speak English, with UTF-8 descriptions
    env["LC_ALL"] = "C.UTF-8"
    env["LANG"] = "C.UTF-8"
    env.pop("LANGUAGE", None)
    return env


def _run(
    tool: str,
    args: Sequence[str],
    server: str | None,
    *,
    stdin: bytes | None = None,
    timeout: float = TOOL_TIMEOUT,
) -> subprocess.CompletedProcess[bytes]:
    cmd = [_tool(tool)]
    if server:
        cmd += ["-h", server]
    cmd += list(args)
    try:
        return subprocess.run(
            cmd,
            input=stdin,
            capture_output=True,
            timeout=timeout,
            env=_env(),
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise PrintError(MSG_TIMEOUT.format(seconds=timeout), reason="timeout") from exc


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def scheduler_running(server: str | None = None) -> bool:
    """Whether the CUPS scheduler answers."""
    result = _run("lpstat", ["-r"], server)
    out = _text(result.stdout + result.stderr).lower()
    return "scheduler is running" in out


def _require_scheduler(server: str | None) -> None:
    if not scheduler_running(server):
        raise PrintError(MSG_SERVER_DOWN.format(where=_where(server)), reason="server-down")


# -- printers -----------------------------------------------------------------------------

_PRINTER_LINE = re.compile(r"^printer (\S+) (?:is (idle)|now (printing)|(disabled))\b")
_ACCEPT_LINE = re.compile(r"^(\S+) (not )?accepting requests\b")
_DEFAULT_LINE = re.compile(r"^system default destination: (\S+)")


def _parse_lpstat(out: str) -> list[PrinterInfo]:
    names: list[str] = []
    state: dict[str, PrinterState] = {}
    description: dict[str, str] = {}
    accepting: dict[str, bool] = {}
    messages: dict[str, list[str]] = {}
    default = ""
    current: str | None = None
    in_accept: str | None = None
    for raw in out.splitlines():
        line = raw.rstrip()
        if m := _PRINTER_LINE.match(line):
            current, in_accept = m.group(1), None
            names.append(current)
            if m.group(2):
                state[current] = PrinterState.idle
            elif m.group(3):
                state[current] = PrinterState.printing
            else:
                state[current] = PrinterState.stopped
            messages.setdefault(current, [])
        elif m := _ACCEPT_LINE.match(line):
            current = None
            in_accept = m.group(1)
            accepting[in_accept] = not m.group(2)
        elif m := _DEFAULT_LINE.match(line):
            current = in_accept = None
            default = m.group(1)
        elif line.startswith("\t") and current is not None:
            body = line.strip()
            if body.startswith("Description:"):
                description[current] = body.removeprefix("Description:").strip()
            elif (
                state.get(current) is PrinterState.stopped
                and len(messages[current]) == 0
                and ":" not in body
            ):
                messages[current].append(body)  # the reason line after "disabled since"
        elif line.startswith("\t") and in_accept is not None and not accepting[in_accept]:
            messages.setdefault(in_accept, []).append(line.strip())
    return [
        PrinterInfo(
            name=name,
            description=description.get(name, ""),
            state=state[name],
            accepting=accepting.get(name, True),
            is_default=name == default,
            state_message="; ".join(m for m in messages.get(name, []) if m),
        )
        for name in names
    ]


def list_printers(server: str | None = None) -> list[PrinterInfo]:
    """The print queues the scheduler knows, in its order (default flagged)."""
    _require_scheduler(server)
    result = _run("lpstat", ["-l", "-p", "-a", "-d"], server)
    out = _text(result.stdout)
    if result.returncode != 0 and not out.strip():
        err = _text(result.stderr)
        if "no destinations" in err.lower() or "no printers" in err.lower():
            return []
        if not scheduler_running(server):
            raise PrintError(MSG_SERVER_DOWN.format(where=_where(server)), reason="server-down")
        if not err.strip():
            return []
        raise PrintError(MSG_FAILED.format(name="?", detail=err.strip()), reason="failed")
    return _parse_lpstat(out)


def find_printer(name: str, server: str | None = None) -> PrinterInfo | None:
    return next((p for p in list_printers(server) if p.name == name), None)


def printer_problem(name: str, printer: PrinterInfo | None) -> PrintError | None:
    """Why *printer* (as listed; None: not there) cannot take jobs now, or None."""
    if printer is None:
        return PrintError(MSG_GONE.format(name=name), reason="gone")
    reason = f" ({printer.state_message})" if printer.state_message else ""
    if printer.state is PrinterState.stopped:
        return PrintError(MSG_STOPPED.format(name=name, reason=reason), reason="stopped")
    if not printer.accepting:
        return PrintError(MSG_REJECTING.format(name=name, reason=reason), reason="rejecting")
    return None


def ensure_printer(name: str, server: str | None = None) -> PrinterInfo:
    """The printer, ready for jobs, or :class:`PrintError` saying what is wrong."""
    if not name.strip():
        raise PrintError(MSG_NO_PRINTER_CHOSEN, reason="no-printer")
    printer = find_printer(name, server)
    problem = printer_problem(name, printer)
    if problem:
        raise problem
    assert printer is not None
    return printer


def check_printer(name: str, server: str | None = None) -> str | None:
    """``None`` when ``name`` can take jobs now, else the Vietnamese problem to show.

    The settings page calls this before saving a printer choice (and keeps the last good
    one when it returns a message); the counter calls it before printing.
    """
    try:
        ensure_printer(name, server)
    except PrintError as exc:
        return exc.message
    return None


# -- printing -----------------------------------------------------------------------------


def media_option(pdf: bytes) -> str:
    """CUPS ``media`` for the first page of ``pdf``: ``A4`` or ``Custom.WxHmm``.

    Forms are made at their exact paper size (A4, or an 80 mm roll strip as long as the
    receipt), so the driver is told that size instead of its own default (often Letter).
    """
    doc = pdfium.PdfDocument(pdf)
    try:
        width, height = doc[0].get_size()
    finally:
        doc.close()
    w_mm, h_mm = width / MM, height / MM
    if abs(w_mm - 210) < 1 and abs(h_mm - 297) < 1:
        return "A4"
    return f"Custom.{round(w_mm)}x{round(h_mm)}mm"


_REQUEST_ID = re.compile(r"request id is (\S+)")


def print_pdf(
    pdf: bytes,
    printer: str,
    *,
    title: str,
    copies: int = 1,
    server: str | None = None,
    options: Mapping[str, str] | None = None,
) -> str:
    """Queue ``pdf`` on ``printer``; return the CUPS job id (``PRINTER-N``).

    The printer is checked first: CUPS would accept a job for a stopped queue and keep it
    waiting while the citizen waits too.  ``options`` are ``-o name=value`` options; a
    ``media`` matching the PDF's page size is added unless given.
    """
    if not pdf.startswith(b"%PDF-"):
        raise PrintError(MSG_NOT_PDF, reason="not-pdf")
    if copies < 1:
        raise ValueError("copies must be >= 1")
    ensure_printer(printer, server)
    opts = dict(options or {})
    if "media" not in opts and "PageSize" not in opts:
        try:
            opts["media"] = media_option(pdf)
        except pdfium.PdfiumError as exc:
            raise PrintError(MSG_NOT_PDF, reason="not-pdf") from exc
    args = ["-d", printer, "-t", title, "-n", str(copies)]
    for key, value in opts.items():
        args += ["-o", f"{key}={value}"]
    result = _run("lp", [*args, "--", "-"], server, stdin=pdf)
    out = _text(result.stdout)
    if result.returncode == 0 and (m := _REQUEST_ID.search(out)):
        return m.group(1)
    err = _text(result.stderr).strip() or out.strip()
    # find out why, from the scheduler's point of view
    _require_scheduler(server)
    problem = printer_problem(printer, find_printer(printer, server))
    if problem:
        raise problem
    raise PrintError(MSG_FAILED.format(name=printer, detail=err or "lỗi không rõ"))


def _job_number(job_id: str) -> int:
    tail = job_id.rsplit("-", 1)[-1]
    if not tail.isdigit():
        raise ValueError(f"not a CUPS job id: {job_id!r}")
    return int(tail)


def job_state(job_id: str, server: str | None = None) -> JobState:
    """The state of a job (``PRINTER-N`` or ``N``), read over IPP."""
    number = _job_number(job_id)
    attrs = _ipp_get_job(number, server)
    value = attrs.get("job-state")
    if not isinstance(value, int) or value not in _IPP_JOB_STATES:
        raise PrintError(
            MSG_FAILED.format(name=job_id.rsplit("-", 1)[0], detail="không đọc được trạng thái")
        )
    return _IPP_JOB_STATES[value]


def wait_for_job(
    job_id: str, server: str | None = None, *, timeout: float = 60.0, poll: float = 0.1
) -> JobState:
    """Wait until the job is finished; :class:`PrintError` unless it completed."""
    deadline = time.monotonic() + timeout
    name = job_id.rsplit("-", 1)[0]
    while True:
        state = job_state(job_id, server)
        if state is JobState.completed:
            return state
        if state is JobState.canceled:
            raise PrintError(
                MSG_JOB_FAILED.format(job=job_id, name=name, what="đã bị huỷ"),
                reason="job-failed",
            )
        if state is JobState.aborted:
            raise PrintError(
                MSG_JOB_FAILED.format(job=job_id, name=name, what="bị lỗi và đã dừng"),
                reason="job-failed",
            )
        if time.monotonic() >= deadline:
            raise PrintError(MSG_JOB_SLOW.format(job=job_id, seconds=timeout), reason="timeout")
        time.sleep(poll)


# -- a minimal IPP client (Get-Job-Attributes only) ---------------------------------------


class _UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path: str, timeout: float) -> None:
        super().__init__("localhost", timeout=timeout)
        self._path = path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        sock.connect(self._path)
        self.sock = sock


def _client_conf_server() -> str | None:
    for conf in (Path.home() / ".cups" / "client.conf", Path("/etc/cups/client.conf")):
        try:
            for line in conf.read_text(encoding="utf-8", errors="replace").splitlines():
                parts = line.split()
                if len(parts) == 2 and parts[0].lower() == "servername":
                    return parts[1]
        except OSError:
            continue
    return None


def resolve_server(server: str | None) -> str:
    """The server the CUPS tools would talk to: ``server``, ``CUPS_SERVER``, client.conf,
    the local socket, else ``localhost``."""
    chosen = server or os.environ.get("CUPS_SERVER") or _client_conf_server()
    if chosen:
        return chosen
    return DEFAULT_SOCKET if Path(DEFAULT_SOCKET).exists() else "localhost"


def _connection(server: str) -> http.client.HTTPConnection:
    if server.startswith("/"):
        return _UnixHTTPConnection(server, IPP_TIMEOUT)
    host, sep, port = server.rpartition(":")
    if not sep or not port.isdigit():
        host, port = server, str(DEFAULT_PORT)
    return http.client.HTTPConnection(host.strip("[]"), int(port), timeout=IPP_TIMEOUT)


def _attr(tag: int, name: str, value: bytes) -> bytes:
    raw = name.encode()
    return struct.pack(">BH", tag, len(raw)) + raw + struct.pack(">H", len(value)) + value


def _ipp_get_job(number: int, server: str | None) -> dict[str, object]:
    target = resolve_server(server)
    request = (
        struct.pack(">BBHI", 2, 0, 0x0009, 1)
        + b"\x01"
        + _attr(0x47, "attributes-charset", b"utf-8")
        + _attr(0x48, "attributes-natural-language", b"en")
        + _attr(0x45, "job-uri", f"ipp://localhost/jobs/{number}".encode())
        + _attr(0x42, "requesting-user-name", os.environ.get("USER", "onestop").encode())
        + _attr(0x44, "requested-attributes", b"job-state")
        + _attr(0x44, "", b"job-state-reasons")
        + b"\x03"
    )
    conn = _connection(target)
    try:
        conn.request("POST", "/jobs/", body=request, headers={"Content-Type": "application/ipp"})
        response = conn.getresponse()
        body = response.read()
    except TimeoutError as exc:
        raise PrintError(MSG_TIMEOUT.format(seconds=IPP_TIMEOUT), reason="timeout") from exc
    except OSError as exc:
        raise PrintError(
            MSG_SERVER_DOWN.format(where=_where(server)), reason="server-down"
        ) from exc
    finally:
        conn.close()
    if response.status != 200 or len(body) < 8:
        raise PrintError(MSG_FAILED.format(name="?", detail=f"HTTP {response.status}"))
    status = struct.unpack(">H", body[2:4])[0]
    if status >= 0x0400:
        raise PrintError(
            MSG_FAILED.format(name="?", detail=f"không tìm thấy lệnh in số {number}"),
            reason="job-failed",
        )
    return _parse_ipp_attributes(body[8:])


def _parse_ipp_attributes(data: bytes) -> dict[str, object]:
    attrs: dict[str, object] = {}
    pos, name = 0, ""
    while pos < len(data):
        tag = data[pos]
        pos += 1
        if tag == 0x03:
            break
        if tag < 0x10:  # a group delimiter
            continue
        (name_len,) = struct.unpack(">H", data[pos : pos + 2])
        pos += 2
        if name_len:
            name = data[pos : pos + name_len].decode("utf-8", errors="replace")
        pos += name_len
        (value_len,) = struct.unpack(">H", data[pos : pos + 2])
        pos += 2
        value = data[pos : pos + value_len]
        pos += value_len
        if not name_len and name in attrs:
            continue  # additional values of a set: the first is enough here
        if tag in (0x21, 0x23) and value_len == 4:
            attrs[name] = struct.unpack(">i", value)[0]
        else:
            attrs[name] = value.decode("utf-8", errors="replace")
    return attrs
