"""The command line, run as a user would (a subprocess of the installed `onestop` script)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import paper_image


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "ONESTOP_DATA_DIR": str(tmp_path / "data"),
        "ONESTOP_CONFIG_FILE": str(tmp_path / "settings.toml"),
        "ONESTOP_AGENCY__CODE": "000.00.06.H56",
        "ONESTOP_AGENCY__NAME": "UBND XÃ ĐÔNG SƠN",
    }


def onestop(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_whole_counter_day_from_the_command_line(env: dict[str, str], tmp_path: Path) -> None:
    assert onestop(env, "db", "upgrade").returncode == 0
    assert onestop(env, "catalog", "import", "--bundled").returncode == 0
    weak = onestop(
        env, "user", "add", "--role", "admin", "quantri", "--password-stdin", stdin="123\n"
    )
    assert weak.returncode == 2 and "ít nhất 8" in weak.stderr
    made = onestop(
        env,
        "user",
        "add",
        "--role",
        "admin",
        "quantri",
        "--full-name",
        "Nguyễn Văn Quản",
        "--password-stdin",
        stdin="matkhau2026\n",
    )
    assert made.returncode == 0, made.stderr
    gcs = paper_image(tmp_path / "gcs.png")
    added = onestop(
        env,
        "vault",
        "add",
        "038193001234",
        str(gcs),
        "--type",
        "GCS",
        "--name",
        "Trần Thị Bình",
        "--json",
    )
    assert added.returncode == 0, added.stderr
    intake = onestop(
        env,
        "intake",
        "--citizen",
        "038193001234",
        "--name",
        "Trần Thị Bình",
        "--dob",
        "1993-05-02",
        "--sex",
        "Nữ",
        "--procedure",
        "1.001193",
        "--attach",
        f"C1={paper_image(tmp_path / 'tk.png')}",
        "--attach",
        f"C4={paper_image(tmp_path / 'cccd.png')}",
        "--json",
    )
    assert intake.returncode == 0, intake.stderr
    result = json.loads(intake.stdout)
    reused = {c["code"]: c["reused"] for c in result["components"]}
    assert reused["C2"] is True and reused["C1"] is False
    assert result["appointment"] and result["code"].startswith("000.00.06.H56-")

    shown = json.loads(onestop(env, "dossier", "show", result["code"], "--json").stdout)
    assert shown["applicant"]["full_name"] == "Trần Thị Bình"
    assert shown["transfer"] == "queued"
    vault = json.loads(onestop(env, "vault", "list", "038193001234", "--json").stdout)
    assert {d["document_type"] for d in vault["documents"]} == {"GCS", "TKKS", "CCCD"}
    out = tmp_path / "receipt.pdf"
    form = onestop(env, "form", result["code"], "--kind", "receipt", "--thermal", "--out", str(out))
    assert form.returncode == 0, form.stderr
    assert out.read_bytes().startswith(b"%PDF")


def _procedures_file(path: Path, cutoff: str, document_type: str) -> Path:
    path.write_text(
        json.dumps(
            {
                "schema_version": 1,
                "catalog_version": "2026.12-1",
                "procedures": [
                    {
                        "code": "1.001193",
                        "name": "Đăng ký khai sinh",
                        "field": "Hộ tịch",
                        "processing_time": {"kind": "same_day", "cutoff": cutoff},
                        "fee": {"status": "unknown"},
                        "verified": False,
                        "components": [
                            {
                                "code": "C1",
                                "name": "Tờ khai",
                                "document_type": document_type,
                                "form": "original",
                                "required": True,
                                "reusable": False,
                            }
                        ],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("cutoff", "document_type", "field"),
    [
        ("25:00", "TKKS", "processing_time.cutoff"),
        ("15:00", "KHONGCO", "components[0].document_type"),
    ],
)
def test_bad_catalog_reports_entry_and_field(
    env: dict[str, str], tmp_path: Path, cutoff: str, document_type: str, field: str
) -> None:
    onestop(env, "db", "upgrade")
    bad = _procedures_file(tmp_path / "catalog.json", cutoff, document_type)
    run = onestop(env, "catalog", "import", str(bad), "--json")
    assert run.returncode == 2
    report = json.loads(run.stdout)
    assert ("1.001193", field) in [(e["entry"], e["field"]) for e in report["errors"]]
    good = onestop(env, "catalog", "import", str(_procedures_file(bad, "15:00", "TKKS")))
    assert good.returncode == 0, good.stderr
    listed = json.loads(onestop(env, "catalog", "list", "--json").stdout)
    assert [p["code"] for p in listed] == ["1.001193"]  # the new version is the active one


def test_invalid_id_on_the_command_line(env: dict[str, str]) -> None:
    onestop(env, "db", "upgrade")
    onestop(env, "catalog", "import", "--bundled")
    no_user = onestop(env, "intake", "--citizen", "12345", "--name", "A", "--procedure", "1.001193")
    assert no_user.returncode == 2 and "user add" in no_user.stderr
    onestop(env, "user", "add", "--role", "admin", "qt", "--password-stdin", stdin="matkhau2026\n")
    run = onestop(env, "intake", "--citizen", "12345", "--name", "A", "--procedure", "1.001193")
    assert run.returncode == 2
    assert "personal_id" in run.stderr
