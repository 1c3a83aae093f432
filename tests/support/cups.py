"""A throw-away CUPS scheduler for the tests: cupsd with its configuration, spool, cache,
state and logs in a temporary directory, listening on a free loopback port and on a unix
socket there, stopped at the end.

Queues print to files (``FileDevice Yes``; the ``file:`` device is written by cupsd itself)
through the Generic PDF printer driver of cups-filters, so a job really goes through the
scheduler and the ``pdftopdf`` filter, and what would reach the printer is a PDF on disk.
(A raw queue would not do: cupsd writes a ``file:`` device only from a filter's output.)

When the tests run as root, cupsd runs its filters as ``lp``, as on a real system (it
refuses ``User root``); otherwise everything runs as the current user.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

START_TIMEOUT = 20.0
TOOL_TIMEOUT = 15.0
GENERIC_PDF_PPD = "/usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd"
GENERIC_PDF_MODEL = "lsb/usr/cupsfilters/Generic-PDF_Printer-PDF.ppd"
A4_QUEUE = "A4_Office"
RECEIPT_QUEUE = "Receipt_Counter"
PROGRAMS = ("cupsd", "lpadmin", "lp", "lpstat", "cupsdisable", "cupsenable", "cupsreject")


def _program(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for folder in ("/usr/sbin", "/usr/bin", "/sbin"):
        if (Path(folder) / name).is_file():
            return str(Path(folder) / name)
    return None


def require_cups() -> dict[str, str]:
    """Paths of the CUPS programs.  Missing programs fail the test under CI (``make test``
    installs them, so their absence there is a broken set-up) and skip it elsewhere, with
    the way to get them."""
    found = {name: _program(name) for name in PROGRAMS}
    missing = [name for name, path in found.items() if path is None]
    driver = Path(GENERIC_PDF_PPD).is_file()
    if missing or not driver:
        what = ", ".join(missing) if missing else GENERIC_PDF_PPD
        message = (
            f"CUPS is not installed here (missing: {what}). `make test` installs it "
            "(packages cups, cups-client, cups-bsd, cups-filters)."
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return {name: path for name, path in found.items() if path}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["LC_ALL"] = "C.UTF-8"
    env.pop("CUPS_SERVER", None)
    return env


@dataclass
class CupsServer:
    """A running private scheduler."""

    address: str  # "127.0.0.1:PORT", for `lp -h` and printing.cups' server=
    socket_path: Path
    root: Path
    out: Path  # where the file queues write
    programs: dict[str, str]
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def error_log(self) -> str:
        try:
            return (self.root / "log" / "error_log").read_text(errors="replace")
        except OSError:
            return ""

    def run(self, program: str, *args: str) -> subprocess.CompletedProcess[str]:
        """Run a CUPS admin/client program against this server; fail loudly on error."""
        result = subprocess.run(
            [self.programs[program], "-h", self.address, *args],
            capture_output=True,
            text=True,
            timeout=TOOL_TIMEOUT,
            env=_env(),
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"{program} {' '.join(args)} failed ({result.returncode}): {result.stderr}"
            )
        return result

    def add_queue(
        self, name: str, *, description: str = "", media: str = "A4", default: bool = False
    ) -> Path:
        """A queue ``name`` that writes each job to ``out/<name>.pdf``; returns that path."""
        target = self.out / f"{name}.pdf"
        args = ["-p", name, "-E", "-v", f"file://{target}", "-o", f"media={media}"]
        if Path(GENERIC_PDF_PPD).is_file():
            args += ["-P", GENERIC_PDF_PPD]
        else:
            args += ["-m", GENERIC_PDF_MODEL]
        if description:
            args += ["-D", description]
        self.run("lpadmin", *args)
        if default:
            self.run("lpadmin", "-d", name)
        return target

    def running(self) -> bool:
        result = subprocess.run(
            [self.programs["lpstat"], "-h", self.address, "-r"],
            capture_output=True,
            text=True,
            timeout=TOOL_TIMEOUT,
            env=_env(),
            check=False,
        )
        return "scheduler is running" in result.stdout

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None


def _write_config(root: Path, port: int, sock: Path) -> tuple[Path, Path]:
    for sub in ("conf", "spool", "spool/tmp", "cache", "state", "log", "out"):
        (root / sub).mkdir()
    cupsd_conf = root / "conf" / "cupsd.conf"
    files_conf = root / "conf" / "cups-files.conf"
    cupsd_conf.write_text(
        f"""LogLevel debug
Listen 127.0.0.1:{port}
Listen {sock}
Browsing Off
BrowseLocalProtocols none
WebInterface No
DefaultAuthType None
PreserveJobHistory Yes
MaxJobs 0
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
""",
        encoding="utf-8",
    )
    user = "User lp\nGroup lp\n" if os.geteuid() == 0 else ""
    files_conf.write_text(
        f"""ServerRoot {root / "conf"}
RequestRoot {root / "spool"}
TempDir {root / "spool" / "tmp"}
CacheDir {root / "cache"}
StateDir {root / "state"}
ErrorLog {root / "log" / "error_log"}
AccessLog {root / "log" / "access_log"}
PageLog {root / "log" / "page_log"}
ServerBin /usr/lib/cups
DataDir /usr/share/cups
FileDevice Yes
Sandboxing Relaxed
{user}""",
        encoding="utf-8",
    )
    return cupsd_conf, files_conf


@contextmanager
def cups_server(*, queues: bool = True) -> Iterator[CupsServer]:
    """Start a private cupsd; with ``queues``, add the A4 queue (default) and the receipt
    queue.  Yields the running :class:`CupsServer`."""
    programs = require_cups()
    root = Path(tempfile.mkdtemp(prefix="onestop-cups-"))
    os.chmod(root, 0o755)  # cupsd's filters run as lp when we are root
    port = _free_port()
    sock = root / "cups.sock"
    cupsd_conf, files_conf = _write_config(root, port, sock)
    with open(root / "log" / "cupsd.stderr", "wb") as stderr:
        process = subprocess.Popen(
            [programs["cupsd"], "-f", "-c", str(cupsd_conf), "-s", str(files_conf)],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env=_env(),
        )
    server = CupsServer(
        address=f"127.0.0.1:{port}",
        socket_path=sock,
        root=root,
        out=root / "out",
        programs=programs,
        process=process,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not server.running():
            if process.poll() is not None or time.monotonic() > deadline:
                said = (root / "log" / "cupsd.stderr").read_text(errors="replace")
                raise RuntimeError(
                    f"private cupsd did not start: {said}\n{server.error_log[-4000:]}"
                )
            time.sleep(0.05)
        if queues:
            server.add_queue(A4_QUEUE, description="Máy in A4 phòng một cửa", default=True)
            server.add_queue(
                RECEIPT_QUEUE, description="Máy in hoá đơn nhiệt quầy 1", media="Custom.80x200mm"
            )
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
