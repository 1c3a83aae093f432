"""Reading the citizen's chip ID card at the counter: from files, a scanner or a camera.

Thin over :mod:`scanner.idcard`: it loads the images (PDF pages too), scans the card with
the ID-card profile, and hands the typed citizen fields over for the cross-check. The card
image itself is never stored here (personal data): only if the officer adds it to the
dossier as a component does it reach the file store.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.config import Settings
from app.domain.personal_id import Sex
from app.errors import UserError
from scanner.acquisition.base import ScanProfile
from scanner.acquisition.camera import FrameSource
from scanner.idcard.crosscheck import FieldValue
from scanner.idcard.reader import CardReading, NoCardFound, read_card
from scanner.page import Image, Page, PageError

ID_CARD_PROFILE = ScanProfile(
    name="Thẻ căn cước", resolution=300, mode="color", source="flatbed", page_size="A4"
)
"""300 dpi colour over the whole glass: the card may lie anywhere on it."""


@dataclass(frozen=True)
class CardImages:
    """A reading and the pages it came from (for the preview, and for the dossier if the
    officer adds the card as a paper)."""

    reading: CardReading
    pages: tuple[Page, ...]
    errors: tuple[str, ...] = ()
    """Files or pages that could not be read (Vietnamese, naming them)."""

    @property
    def images(self) -> tuple[Image, ...]:
        return tuple(page.image for page in self.pages)


def load_pages(paths: Sequence[Path]) -> tuple[list[Page], list[str]]:
    """The pages of *paths* (images, multi-page TIFF, PDF), and the messages of those that
    could not be read."""
    from scanner.acquisition.file_source import FileSource

    pages: list[Page] = []
    errors: list[str] = []
    for item in FileSource(list(paths)).scan(ID_CARD_PROFILE):
        if isinstance(item, PageError):
            errors.append(item.message)
        else:
            pages.append(item)
    return pages, errors


def read_card_files(paths: Sequence[Path], *, today: date) -> CardImages:
    """Read the card in *paths*. Raises :class:`UserError` when no file could be opened at
    all and :class:`NoCardFound` when no card is in them."""
    pages, errors = load_pages(paths)
    if not pages:
        raise UserError(" ".join(errors) or "Chưa chọn tệp ảnh nào của thẻ căn cước.")
    reading = read_card([page.image for page in pages], today=today)
    return CardImages(reading, tuple(pages), tuple(errors))


def scan_card(
    device_id: str, settings: Settings, *, today: date, cancel: threading.Event | None = None
) -> CardImages:
    """Scan the card lying on the glass of *device_id* and read it."""
    from app.scanning import open_device

    faults: list[str] = []
    with open_device(device_id, settings) as source:
        for item in source.scan(ID_CARD_PROFILE, cancel):
            if isinstance(item, PageError):
                faults.append(item.message)
                continue
            # One side at a time: the card is on the glass, nothing else to wait for.
            return CardImages(read_card([item.image], today=today), (item,))
    raise UserError(" ".join(faults) or "Máy quét không trả về ảnh nào. Hãy quét lại.")


def camera_frames(device_id: str) -> FrameSource:
    """The live frames of a camera (or a recorded camera) for the live card reader."""
    from scanner.acquisition.camera import open_frames

    return open_frames(device_id)


def typed_values(
    personal_id: str, full_name: str, date_of_birth: date | None, sex: str | None
) -> Mapping[str, FieldValue]:
    """The citizen fields the officer has typed, as the cross-check compares them."""
    values: dict[str, FieldValue] = {}
    if personal_id.strip():
        values["id_number"] = personal_id.strip()
    if full_name.strip():
        values["full_name"] = full_name.strip()
    if date_of_birth is not None:
        values["date_of_birth"] = date_of_birth
    chosen = Sex.from_text(sex) if sex else None
    if chosen is not None:
        values["sex"] = chosen
    return values


__all__ = [
    "ID_CARD_PROFILE",
    "CardImages",
    "CardReading",
    "NoCardFound",
    "camera_frames",
    "load_pages",
    "read_card_files",
    "scan_card",
    "typed_values",
]
