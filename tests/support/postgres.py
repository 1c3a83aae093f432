"""A throw-away PostgreSQL server for the tests: initdb in a temporary directory, started on a
free port, stopped at the end. Runs as the ``postgres`` system user when the tests run as root
(PostgreSQL refuses to run as root)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _pg_bin(name: str) -> str:
    found = shutil.which(name)
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    if candidates:
        return candidates[0]
    if found:
        return found
    raise FileNotFoundError(f"PostgreSQL program {name} not found: run `make test` (installs it)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@contextmanager
def postgres_server() -> Iterator[str]:
    """Yield a SQLAlchemy URL of a fresh, empty database on a private server."""
    root = Path(tempfile.mkdtemp(prefix="onestop-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        os.chmod(root, 0o700)
    port = _free_port()
    subprocess.run(
        _as_server_user(
            [
                _pg_bin("initdb"),
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]
        ),
        check=True,
        capture_output=True,
    )
    subprocess.run(
        _as_server_user(
            [
                _pg_bin("pg_ctl"),
                "-D",
                str(data),
                "-w",
                "-l",
                str(root / "log"),
                "-o",
                f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off",
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    try:
        subprocess.run(
            [_pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "onestop"],
            check=True,
            capture_output=True,
        )
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/onestop"
    finally:
        subprocess.run(
            _as_server_user([_pg_bin("pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)
