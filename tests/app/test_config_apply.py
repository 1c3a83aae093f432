"""Storing several settings at once (the settings screens' "Save"): all or nothing."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from app.config import Settings, config_file_path, load_settings
from app.config_edit import apply_changes
from app.errors import UserError
from app.secret_store import SERVICE, SIGNING_PASSWORD
from tests.support.keyrings import MemoryKeyring


def stored() -> dict[str, object]:
    return tomllib.loads(config_file_path().read_text(encoding="utf-8"))


def test_changes_are_validated_stored_together_and_returned(tmp_path: Path) -> None:
    current = load_settings()
    new = apply_changes(
        current,
        {
            "agency.name": "UBND xã Tân Hòa",
            "calendar.extra_days_off": ["2026-12-31"],
            "hub.senders": 2,
            "printing.receipt_kind": "a4",
        },
    )
    assert new.agency.name == "UBND xã Tân Hòa" and new.hub.senders == 2
    assert new.calendar.extra_days_off == [date(2026, 12, 31)]
    assert current.agency.name == ""  # the settings in force are not changed in place
    data = stored()
    assert data["agency"] == {"name": "UBND xã Tân Hòa"}
    assert data["calendar"] == {"extra_days_off": ["2026-12-31"]}
    assert load_settings().printing.receipt_kind == "a4"


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"agency.name": "Xã A", "hub.senders": 99}, "hub.senders"),
        ({"agency.name": "Xã A", "printing.receipt_kind": "laser"}, "printing.receipt_kind"),
        ({"agency.name": "Xã A", "calendar.extra_days_off": ["31/12/2026"]}, "extra_days_off"),
        ({"agency.name": "Xã A", "hub.nope": 1}, "hub.nope"),
    ],
)
def test_one_bad_value_stores_nothing(changes: dict[str, object], named: str) -> None:
    apply_changes(load_settings(), {"agency.code": "000.00.06.H56"})
    before = config_file_path().read_bytes()
    with pytest.raises(UserError) as caught:
        apply_changes(load_settings(), changes)
    assert named in caught.value.message
    assert config_file_path().read_bytes() == before


def test_the_certificate_password_goes_to_the_keyring(memory_keyring: MemoryKeyring) -> None:
    new = apply_changes(
        load_settings(), {"signing.pkcs12": "/srv/agency.p12", SIGNING_PASSWORD: "bí-mật-2026"}
    )
    assert new.signing.password == "bí-mật-2026"
    assert memory_keyring.items[(SERVICE, SIGNING_PASSWORD)] == "bí-mật-2026"
    assert "bí-mật-2026" not in config_file_path().read_text(encoding="utf-8")
    assert load_settings().signing.password == "bí-mật-2026"


def test_no_keyring_leaves_the_file_as_it_was(no_keyring: None) -> None:
    apply_changes(load_settings(), {"agency.code": "000.00.06.H56"})
    before = config_file_path().read_bytes()
    with pytest.raises(UserError) as caught:
        apply_changes(load_settings(), {"signing.pkcs12": "/a.p12", SIGNING_PASSWORD: "x1"})
    assert "ONESTOP_SIGNING__PASSWORD" in caught.value.message
    assert config_file_path().read_bytes() == before


def test_settings_given_by_the_program_are_kept(tmp_path: Path) -> None:
    """Values the running program was given (not from the file) stay in what is returned,
    and are not written to the file."""
    current = Settings(data_dir=tmp_path / "elsewhere", counter_code="Q07")
    new = apply_changes(current, {"agency.name": "Xã B"})
    assert new.data_dir == tmp_path / "elsewhere" and new.counter_code == "Q07"
    assert stored() == {"agency": {"name": "Xã B"}}
