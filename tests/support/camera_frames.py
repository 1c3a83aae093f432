"""Recorded camera frames of an ID card being brought under a document camera: a few frames of
the empty desk, the card sliding in (motion-blurred), then held still with sensor noise."""

from __future__ import annotations

import cv2
import numpy as np

from scanner.page import Image
from tests.support import idcards


def card_arriving(
    card: Image, *, seed: int = 0, empty: int = 3, moving: int = 4, still: int = 20
) -> tuple[list[Image], int]:
    """(frames, index of the first still frame)."""
    rng = np.random.default_rng(seed)
    photo = idcards.phone_photo(card, seed=seed)
    height, width = photo.shape[:2]
    desk = np.full_like(photo, 0)
    desk[:] = np.median(photo[: height // 10, : width // 10].reshape(-1, 3), axis=0)
    frames: list[Image] = [_noisy(desk, rng) for _ in range(empty)]
    for step in range(moving, 0, -1):
        shift = np.float32([[1, 0, width * 0.18 * step], [0, 1, 0]])
        moved = cv2.warpAffine(photo, shift, (width, height), borderValue=desk[0, 0].tolist())
        kernel = np.zeros((1, 25), np.float32)
        kernel[0, :] = 1 / 25
        frames.append(_noisy(cv2.filter2D(moved, -1, kernel), rng))
    first_still = len(frames)
    frames.extend(_noisy(photo, rng) for _ in range(still))
    return frames, first_still


def _noisy(image: Image, rng: np.random.Generator) -> Image:
    noise = rng.normal(0, 2.0, image.shape).astype(np.float32)
    return np.clip(image.astype(np.float32) + noise, 0, 255).astype(np.uint8)
