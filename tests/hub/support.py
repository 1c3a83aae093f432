"""Test helpers for the hub: run the real hub in a subprocess, build dossier packages."""

from __future__ import annotations

import hashlib
import io
import json
import os
import socket
import subprocess
import sys
import time
import uuid
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from reportlab.pdfgen import canvas

from app.transfer.signing import AgencySigner, sign_pdf
from tests.support.pki import CertPair, cms_sign_detached

REPO = Path(__file__).resolve().parents[2]
AGENCY = "000.00.06.H56"
OTHER_AGENCY = "000.00.07.H56"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def write_ca_bundle(path: Path, *certs: x509.Certificate) -> Path:
    path.write_bytes(b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certs))
    return path


@dataclass
class RunningHub:
    url: str
    database_url: str
    storage_dir: Path
    env: dict[str, str]
    log_path: Path

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "hub.cli", *args],
            env=self.env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
        )

    def add_token(self, name: str, role: str, agency: str | None = None) -> str:
        args = ["token", "add", name, "--role", role]
        if agency:
            args += ["--agency", agency]
        done = self.cli(*args)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip().splitlines()[-1]

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30)


@contextmanager
def run_hub(
    workdir: Path,
    *,
    database_url: str = "",
    storage_dir: Path | None = None,
    trusted_ca: Path | None = None,
    workers: int = 1,
    env: Mapping[str, str] | None = None,
    serve_args: Sequence[str] = (),
) -> Iterator[RunningHub]:
    """Start ``python -m hub.cli serve`` on a free loopback port; stop it at the end.
    ``env`` adds environment variables (for the hub and :meth:`RunningHub.cli`),
    ``serve_args`` more ``serve`` options."""
    workdir.mkdir(parents=True, exist_ok=True)
    database_url = database_url or f"sqlite:///{workdir / 'hub.sqlite3'}"
    storage_dir = storage_dir or workdir / "files"
    port = free_port()
    hub_env = {
        **os.environ,
        "ONESTOP_HUB_DATA_DIR": str(workdir),
        "ONESTOP_HUB_DATABASE_URL": database_url,
        "ONESTOP_HUB_STORAGE_DIR": str(storage_dir),
        "PYTHONPATH": str(REPO),
        **(env or {}),
    }
    if trusted_ca is not None:
        hub_env["ONESTOP_HUB_TRUSTED_CA_FILE"] = str(trusted_ca)
    log_path = workdir / f"hub-{port}.log"
    cmd = [sys.executable, "-m", "hub.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    if workers > 1:
        cmd += ["--workers", str(workers)]
    cmd += serve_args
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, env=hub_env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"hub exited early:\n{log_path.read_text()}")
            try:
                if httpx.get(f"{url}/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"hub did not start:\n{log_path.read_text()}")
            time.sleep(0.1)
        yield RunningHub(url, database_url, storage_dir, hub_env, log_path)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# --- packages ----------------------------------------------------------------------------------


def tiny_pdf(text: str) -> bytes:
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    pdf.drawString(72, 720, text)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def package_members(
    signer: CertPair,
    *,
    code: str,
    agency: str = AGENCY,
    components: int = 2,
) -> dict[str, bytes]:
    """The files of a valid package (docs/hub-protocol.md), by name, before zipping."""
    key, cert = signer
    pades = AgencySigner(key=key, certificate=cert)
    files = {
        f"components/C{i}.pdf": sign_pdf(pades, tiny_pdf(f"{code} C{i}"))
        for i in range(1, components + 1)
    }
    manifest = {
        "schema": 1,
        "package_id": uuid.uuid4().hex,
        "dossier": {
            "MaHoSo": code,
            "MaTTHC": "1.001193",
            "TenTTHC": "Đăng ký khai sinh",
            "KenhThucHien": 1,
            "ChuHoSo": "Trần Thị Bình",
            "SoGiayToChuHoSo": "038193001234",
            "LoaiDoiTuong": 1,
            "NgayTiepNhan": "20261124144550",
            "NgayHenTra": "20261125170000",
            "TrangThaiHoSo": 2,
            "DonViXuLy": "UBND XÃ ĐÔNG SƠN",
            "HoSoCoThanhPhanSoHoa": 1,
        },
        "components": [
            {
                "code": f"C{i}",
                "name": f"Thành phần {i}",
                "document_code": f"038193001234.T{i}",
                "file": name,
                "sha256": hashlib.sha256(content).hexdigest(),
                "pages": 1,
                "reused": False,
            }
            for i, (name, content) in enumerate(files.items(), start=1)
        ],
        "sender": {"agency_code": agency, "counter_code": "Q01", "officer": "canbo"},
        "created_at": "20261124144551",
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    return {
        "manifest.json": manifest_bytes,
        "manifest.json.p7s": cms_sign_detached(key, cert, manifest_bytes),
        **files,
    }


def zip_members(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return buf.getvalue()


def post_package(client: httpx.Client, package: bytes) -> httpx.Response:
    return client.post(
        "/api/v1/dossiers",
        content=package,
        headers={
            "Content-Type": "application/zip",
            "X-Package-SHA256": hashlib.sha256(package).hexdigest(),
        },
    )
