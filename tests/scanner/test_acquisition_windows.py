"""WIA and TWAIN: their pure parts (profile → properties/capabilities, error codes → our
fault kinds) — the device parts need Windows and are import-guarded."""

from __future__ import annotations

import sys

import pytest

from scanner.acquisition import ScanProfile, open_source
from scanner.acquisition import windows_twain as tw
from scanner.acquisition import windows_wia as wia
from scanner.page import PageError

COLOR_FLATBED = ScanProfile("Màu", resolution=300, mode="color", source="flatbed")
GRAY_DUPLEX = ScanProfile(
    "Xám 2 mặt", resolution=200, mode="gray", source="feeder", duplex=True, page_size="auto"
)
LINEART_A5 = ScanProfile("Chữ", resolution=600, mode="lineart", source="feeder", page_size="A5")


def test_the_windows_libraries_are_not_imported_on_linux() -> None:
    assert "comtypes" not in sys.modules and "twain" not in sys.modules
    if sys.platform != "win32":
        assert not wia.wia_available() and wia.list_wia_devices() == []
        assert not tw.twain_available() and tw.list_twain_devices() == []


def test_wia_property_ids_are_the_sdk_values() -> None:
    assert (wia.WIA_IPS_XRES, wia.WIA_IPS_YRES) == (6147, 6148)
    assert (wia.WIA_IPA_DATATYPE, wia.WIA_IPA_DEPTH) == (4103, 4104)
    assert wia.WIA_DPS_DOCUMENT_HANDLING_SELECT == 3088
    assert (wia.WIA_DPS_PAGES, wia.WIA_DPS_PAGE_SIZE) == (3096, 3097)
    assert wia.WIA_ERROR_PAPER_JAM == 0x80210002 and wia.WIA_ERROR_COVER_OPEN == 0x80210010


def test_wia_settings_for_a_colour_flatbed_a4() -> None:
    settings = wia.wia_settings(COLOR_FLATBED)
    assert settings.device == {
        wia.WIA_DPS_DOCUMENT_HANDLING_SELECT: wia.FLATBED,
        wia.WIA_DPS_PAGES: 1,
        wia.WIA_DPS_PAGE_SIZE: wia.WIA_PAGE_A4,
    }
    item = settings.item
    assert item[wia.WIA_IPS_XRES] == item[wia.WIA_IPS_YRES] == 300
    assert item[wia.WIA_IPA_DATATYPE] == wia.WIA_DATA_COLOR and item[wia.WIA_IPA_DEPTH] == 24
    assert item[wia.WIA_IPS_CUR_INTENT] == wia.WIA_INTENT_IMAGE_TYPE_COLOR
    assert (item[wia.WIA_IPS_XEXTENT], item[wia.WIA_IPS_YEXTENT]) == (2480, 3508)


def test_wia_settings_for_a_grey_duplex_feeder_and_lineart() -> None:
    duplex = wia.wia_settings(GRAY_DUPLEX)
    assert duplex.device[wia.WIA_DPS_DOCUMENT_HANDLING_SELECT] == (
        wia.FEEDER | wia.DUPLEX | wia.FRONT_FIRST
    )
    assert duplex.device[wia.WIA_DPS_PAGE_SIZE] == wia.WIA_PAGE_AUTO
    assert duplex.item[wia.WIA_IPA_DATATYPE] == wia.WIA_DATA_GRAYSCALE
    assert duplex.item[wia.WIA_IPA_DEPTH] == 8 and wia.WIA_IPS_XEXTENT not in duplex.item
    lineart = wia.wia_settings(LINEART_A5)
    assert lineart.device[wia.WIA_DPS_DOCUMENT_HANDLING_SELECT] == wia.FEEDER
    assert lineart.device[wia.WIA_DPS_PAGE_SIZE] == wia.WIA_PAGE_ISO_A5
    assert lineart.item[wia.WIA_IPA_DATATYPE] == wia.WIA_DATA_THRESHOLD
    assert lineart.item[wia.WIA_IPA_DEPTH] == 1
    assert lineart.item[wia.WIA_IPS_CUR_INTENT] == wia.WIA_INTENT_IMAGE_TYPE_TEXT
    assert lineart.item[wia.WIA_IPS_XEXTENT] == round(148 / 25.4 * 600)


@pytest.mark.parametrize(
    ("hresult", "kind"),
    [
        (wia.WIA_ERROR_PAPER_JAM, "jammed"),
        (wia.WIA_ERROR_MULTI_FEED, "jammed"),
        (wia.WIA_ERROR_PAPER_EMPTY, "no_documents"),
        (wia.WIA_ERROR_COVER_OPEN, "cover_open"),
        (wia.WIA_ERROR_OFFLINE, "unplugged"),
        (wia.WIA_ERROR_DEVICE_COMMUNICATION, "unplugged"),
        (wia.WIA_S_NO_DEVICE_AVAILABLE, "unplugged"),
        (wia.WIA_ERROR_BUSY, "io_error"),
        (wia.WIA_ERROR_WARMING_UP, "io_error"),
        (wia.E_ABORT, "cancelled"),
        (0x80070005, "io_error"),  # E_ACCESSDENIED: not a WIA code, still a clear message
    ],
)
def test_wia_errors_map_to_our_kinds(hresult: int, kind: str) -> None:
    assert wia.wia_fault_kind(hresult)[0] == kind
    signed = hresult - (1 << 32)  # how COM libraries hand them over
    error = wia.wia_fault(signed, page_index=2, pages_kept=2, device="máy quét WIA HP")
    assert isinstance(error, PageError) and error.kind == kind and error.page_index == 2
    assert "trang 3" in error.message


def test_wia_jam_message() -> None:
    error = wia.wia_fault(wia.WIA_ERROR_PAPER_JAM, page_index=2, pages_kept=2, device="x")
    assert error.message == (
        "Kẹt giấy ở trang 3. Hãy gỡ giấy kẹt rồi bấm Quét tiếp; 2 trang đã quét được giữ lại."
    )


def test_hresult_is_found_in_comtypes_and_pywin32_errors() -> None:
    class COMError(Exception):
        def __init__(self, hresult: int) -> None:
            super().__init__(hresult, "text", ("desc", None, None, 0, None))
            self.hresult = hresult

    class com_error(Exception):
        pass

    assert wia.hresult_of(COMError(-2145320958)) == wia.WIA_ERROR_PAPER_JAM
    dispatch = com_error(-2147352567, "Exception occurred.", (0, "WIA", "", None, 0, -2145320944))
    assert wia.hresult_of(dispatch) == wia.WIA_ERROR_COVER_OPEN
    assert wia.hresult_of(com_error(-2145320957, "x", None, None)) == wia.WIA_ERROR_PAPER_EMPTY
    assert wia.hresult_of(ValueError("no code")) is None


def test_twain_capabilities_for_each_profile() -> None:
    caps = {c.cap: c for c in tw.twain_capabilities(COLOR_FLATBED)}
    assert caps[tw.ICAP_PIXELTYPE].value == tw.TWPT_RGB and caps[tw.ICAP_PIXELTYPE].required
    assert caps[tw.ICAP_BITDEPTH].value == 24
    assert caps[tw.ICAP_XRESOLUTION].value == caps[tw.ICAP_YRESOLUTION].value == 300.0
    assert caps[tw.ICAP_XRESOLUTION].type == tw.TWTY_FIX32
    assert caps[tw.CAP_FEEDERENABLED].value is False
    assert tw.CAP_DUPLEXENABLED not in caps and caps[tw.CAP_XFERCOUNT].value == 1
    assert caps[tw.ICAP_SUPPORTEDSIZES].value == tw.TWSS_A4

    order = [c.cap for c in tw.twain_capabilities(GRAY_DUPLEX)]
    caps = {c.cap: c for c in tw.twain_capabilities(GRAY_DUPLEX)}
    assert order.index(tw.ICAP_UNITS) < order.index(tw.ICAP_XRESOLUTION)
    assert order.index(tw.ICAP_PIXELTYPE) < order.index(tw.ICAP_BITDEPTH)
    assert order.index(tw.CAP_FEEDERENABLED) < order.index(tw.CAP_DUPLEXENABLED)
    assert caps[tw.ICAP_PIXELTYPE].value == tw.TWPT_GRAY and caps[tw.ICAP_BITDEPTH].value == 8
    assert caps[tw.CAP_FEEDERENABLED].value is True and caps[tw.CAP_FEEDERENABLED].required
    assert caps[tw.CAP_DUPLEXENABLED].value is True and caps[tw.CAP_AUTOFEED].value is True
    assert caps[tw.CAP_XFERCOUNT].value == -1
    assert caps[tw.ICAP_SUPPORTEDSIZES].value == tw.TWSS_NONE
    assert caps[tw.ICAP_AUTOMATICBORDERDETECTION].value is True

    caps = {c.cap: c for c in tw.twain_capabilities(LINEART_A5)}
    assert caps[tw.ICAP_PIXELTYPE].value == tw.TWPT_BW and caps[tw.ICAP_BITDEPTH].value == 1
    assert caps[tw.ICAP_SUPPORTEDSIZES].value == tw.TWSS_A5
    assert caps[tw.CAP_DUPLEXENABLED].value is False


def test_twain_capability_ids_are_the_spec_values() -> None:
    assert (tw.ICAP_XRESOLUTION, tw.ICAP_YRESOLUTION) == (0x1118, 0x1119)
    assert (tw.ICAP_PIXELTYPE, tw.ICAP_BITDEPTH) == (0x0101, 0x112B)
    assert (tw.CAP_FEEDERENABLED, tw.CAP_DUPLEXENABLED) == (0x1002, 0x1013)
    assert (tw.TWCC_PAPERJAM, tw.TWCC_PAPERDOUBLEFEED, tw.TWCC_NOMEDIA) == (20, 21, 29)


@pytest.mark.parametrize(
    ("condition", "kind"),
    [
        (tw.TWCC_PAPERJAM, "jammed"),
        (tw.TWCC_PAPERDOUBLEFEED, "jammed"),
        (tw.TWCC_INTERLOCK, "cover_open"),
        (tw.TWCC_NOMEDIA, "no_documents"),
        (tw.TWCC_CHECKDEVICEONLINE, "unplugged"),
        (tw.TWCC_MAXCONNECTIONS, "io_error"),
        (tw.TWCC_DOCTOODARK, "unreadable"),
        (9999, "io_error"),
    ],
)
def test_twain_conditions_map_to_our_kinds(condition: int, kind: str) -> None:
    error = tw.twain_fault(condition, page_index=0, pages_kept=0, device="máy quét Canon")
    assert error.kind == kind and "trang 1" in error.message


def test_pytwain_exceptions_are_recognised_by_name() -> None:
    # Stand-ins with pytwain's class names (twain/exceptions.py): no pytwain needed.
    TwainError = type("TwainError", (Exception,), {})
    PaperJam = type("PaperJam", (TwainError,), {})
    CheckDeviceOnlineError = type("CheckDeviceOnlineError", (TwainError,), {})
    DSTransferCancelled = type("DSTransferCancelled", (TwainError,), {})
    UnknownError = type("UnknownError", (TwainError,), {})

    jam = tw.exception_fault(PaperJam(), page_index=4, pages_kept=4, device="x")
    assert jam is not None and jam.kind == "jammed" and "trang 5" in jam.message
    offline = tw.exception_fault(CheckDeviceOnlineError(), page_index=0, pages_kept=0, device="x")
    assert offline is not None and offline.kind == "unplugged"
    cancelled = tw.exception_fault(DSTransferCancelled(), page_index=1, pages_kept=1, device="x")
    assert cancelled is not None and cancelled.kind == "cancelled"
    other = tw.exception_fault(UnknownError(), page_index=0, pages_kept=0, device="x")
    assert other is not None and other.kind == "io_error"
    assert tw.exception_fault(KeyError("x"), page_index=0, pages_kept=0, device="x") is None


@pytest.mark.skipif(sys.platform == "win32", reason="checks the non-Windows behaviour")
@pytest.mark.parametrize("device_id", ["wia:{6BDD1FC6-810F}\\0000", "twain:Canon DR-C225"])
def test_windows_devices_off_windows_say_so(device_id: str) -> None:
    source = open_source(device_id)
    (error,) = list(source.scan(COLOR_FLATBED))
    assert isinstance(error, PageError) and error.kind == "unplugged"
    assert "Windows" in error.message
