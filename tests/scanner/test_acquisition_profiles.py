"""Scan profiles (stored by name in the TOML settings), fault messages, dpi estimates."""

from __future__ import annotations

import tomllib

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from scanner.acquisition import (
    BUILTIN_PROFILES,
    DEFAULT_PROFILE_NAME,
    FAULT_KINDS,
    InvalidProfile,
    ScanProfile,
    profile_by_name,
)
from scanner.acquisition.base import MODES, PAGE_SIZES, estimate_dpi_a4, fault_message

profiles = st.builds(
    ScanProfile,
    name=st.text(min_size=1, max_size=30).filter(lambda s: s.strip() != ""),
    resolution=st.integers(min_value=50, max_value=1200),
    mode=st.sampled_from(MODES),
    source=st.just("feeder"),
    duplex=st.booleans(),
    page_size=st.sampled_from(PAGE_SIZES),
) | st.builds(
    ScanProfile,
    name=st.text(min_size=1, max_size=30).filter(lambda s: s.strip() != ""),
    resolution=st.integers(min_value=50, max_value=1200),
    mode=st.sampled_from(MODES),
    source=st.just("flatbed"),
    duplex=st.just(False),
    page_size=st.sampled_from(PAGE_SIZES),
)


@given(profiles)
def test_profile_round_trips_through_toml(profile: ScanProfile) -> None:
    document = {"scan_profiles": {profile.name: profile.to_dict()}}
    loaded = tomllib.loads(tomli_w.dumps(document))
    ((name, table),) = loaded["scan_profiles"].items()
    assert ScanProfile.from_dict(table, name=name) == profile


def test_builtin_profiles() -> None:
    assert set(BUILTIN_PROFILES) == {"Màu 300 dpi", "Xám 200 dpi", "Khay nạp 2 mặt"}
    assert DEFAULT_PROFILE_NAME in BUILTIN_PROFILES
    assert all(p.resolution >= 200 for p in BUILTIN_PROFILES.values())  # FACTS §3
    duplex = BUILTIN_PROFILES["Khay nạp 2 mặt"]
    assert duplex.source == "feeder" and duplex.duplex and duplex.mode == "color"
    assert BUILTIN_PROFILES["Xám 200 dpi"].description == "200 dpi, xám, mặt kính, khổ A4"


def test_profile_by_name_prefers_the_settings() -> None:
    mine = ScanProfile("Màu 300 dpi", resolution=400)
    assert profile_by_name("Màu 300 dpi", {"Màu 300 dpi": mine}).resolution == 400
    assert profile_by_name("Xám 200 dpi").mode == "gray"
    with pytest.raises(InvalidProfile, match="Không có hồ sơ quét «Khác»"):
        profile_by_name("Khác")


def test_from_dict_takes_defaults_and_ignores_unknown_keys() -> None:
    profile = ScanProfile.from_dict({"resolution": 200.0, "future_option": 1}, name="A")
    assert profile == ScanProfile("A", resolution=200)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": " "}, "name"),
        ({"name": "x", "resolution": 20}, "resolution"),
        ({"name": "x", "resolution": "300"}, "resolution"),
        ({"name": "x", "resolution": True}, "resolution"),
        ({"name": "x", "mode": "sepia"}, "mode"),
        ({"name": "x", "mode": 3}, "mode"),
        ({"name": "x", "source": "tray"}, "source"),
        ({"name": "x", "duplex": "yes", "source": "feeder"}, "duplex"),
        ({"name": "x", "duplex": True}, "duplex"),  # duplex needs the feeder
        ({"name": "x", "page_size": "A3"}, "page_size"),
    ],
)
def test_invalid_profiles_say_which_field(data: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidProfile) as caught:
        ScanProfile.from_dict(data)
    assert caught.value.field == field
    assert caught.value.message  # Vietnamese, shown to the technician


def test_fault_messages_name_the_page_and_what_to_do() -> None:
    for kind in FAULT_KINDS:
        text = fault_message(kind, page_number=3, pages_kept=2, device="máy quét test:0")
        assert "trang 3" in text and "2 trang đã quét được giữ lại" in text, kind
    assert fault_message("jammed", page_number=3, pages_kept=2, device="x") == (
        "Kẹt giấy ở trang 3. Hãy gỡ giấy kẹt rồi bấm Quét tiếp; 2 trang đã quét được giữ lại."
    )
    empty = fault_message("no_documents", page_number=1, pages_kept=0, device="máy quét a")
    assert empty.startswith("Máy quét a không có giấy") and "giữ lại" not in empty


def test_estimate_dpi_assumes_a_whole_a4_page() -> None:
    assert estimate_dpi_a4(2480, 3508) == 300  # A4 at 300 dpi, portrait
    assert estimate_dpi_a4(3508, 2480) == 300  # landscape
    assert estimate_dpi_a4(1920, 1080) == 131  # a 1080p webcam frame
