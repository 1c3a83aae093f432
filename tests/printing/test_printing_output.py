from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from printing.output import save_pdf

PDF = b"%PDF-1.4\n%fake but enough\n%%EOF\n"


def test_writes_and_creates_folders(tmp_path: Path) -> None:
    target = tmp_path / "in" / "ngay" / "giay-tiep-nhan.pdf"
    assert save_pdf(PDF, target) == target
    assert target.read_bytes() == PDF
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_replaces_whole_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "a.pdf"
    target.write_bytes(b"%PDF-old")
    os.chmod(target, 0o600)
    save_pdf(PDF, target)
    assert target.read_bytes() == PDF
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]


def test_refuses_non_pdf(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        save_pdf(b"<html>", tmp_path / "x.pdf")
    assert list(tmp_path.iterdir()) == []


def test_failure_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.pdf"
    target.write_bytes(b"%PDF-old")

    def boom(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        save_pdf(PDF, target)
    assert target.read_bytes() == b"%PDF-old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]
