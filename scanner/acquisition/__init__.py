"""Acquisition behind one interface: SANE, WIA, TWAIN, hot folder, files, camera.

>>> from scanner.acquisition import discover_devices, open_source, profile_by_name
>>> source = open_source("sane:test:0")
>>> for item in source.scan(profile_by_name("Màu 300 dpi")):
...     ...  # Page, or PageError (kind: jammed, cover_open, no_documents, …)
"""

from scanner.acquisition.base import (
    BUILTIN_PROFILES,
    DEFAULT_PROFILE_NAME,
    FAULT_KINDS,
    DeviceCapabilities,
    DeviceInfo,
    DeviceUnavailable,
    FaultKind,
    InvalidProfile,
    ScannerBusy,
    ScanProfile,
    ScanSource,
    profile_by_name,
)
from scanner.acquisition.devices import discover_devices, open_source

__all__ = [
    "BUILTIN_PROFILES",
    "DEFAULT_PROFILE_NAME",
    "FAULT_KINDS",
    "DeviceCapabilities",
    "DeviceInfo",
    "DeviceUnavailable",
    "FaultKind",
    "InvalidProfile",
    "ScanProfile",
    "ScanSource",
    "ScannerBusy",
    "discover_devices",
    "open_source",
    "profile_by_name",
]
