"""Live camera reading with recorded frames behind the camera interface: the card is
recognized within a second (recorded time) of being held still, and the session's threads end
cleanly whether the card was read, the officer stopped, or the camera was lost."""

from __future__ import annotations

import threading
from datetime import date

from scanner.acquisition.base import DeviceUnavailable
from scanner.acquisition.camera import Frame, FrameSource, RecordedFrames
from scanner.idcard.live import LiveCardReader, LiveSession, LiveUpdate
from tests.support import camera_frames, idcards

TODAY = date(2026, 11, 24)
FPS = 10.0


def test_card_recognized_within_a_second_of_being_still() -> None:
    for seed in range(3):
        holder = idcards.random_holder(300 + seed)
        frames, first_still = camera_frames.card_arriving(idcards.render_front(holder), seed=seed)
        reader = LiveCardReader(today=TODAY)
        source = RecordedFrames(frames, fps=FPS)
        done_at = None
        while (frame := source.read()) is not None:
            update = reader.feed(frame)
            if update.done:
                done_at = frame.t
                assert update.qr_corners is not None  # the overlay has something to draw
                assert update.reading is not None
                assert update.reading.values["full_name"] == holder.full_name
                break
        assert done_at is not None
        assert done_at - first_still / FPS <= 1.0


def test_empty_desk_is_never_a_card() -> None:
    holder = idcards.random_holder(1)
    frames, _ = camera_frames.card_arriving(idcards.render_front(holder))
    reader = LiveCardReader(today=TODAY)
    updates = [reader.feed(Frame(image, i / FPS)) for i, image in enumerate(frames[:3])]
    assert all(u.reading is None and not u.done for u in updates)
    assert "khung hình" in updates[-1].message


def _run(session: LiveSession) -> None:
    session.start()
    session.join(timeout=60)


def test_session_reads_the_card_and_ends_once() -> None:
    holder = idcards.random_holder(7)
    frames, _ = camera_frames.card_arriving(idcards.render_front(holder), seed=7)
    seen: list[Frame] = []
    updates: list[LiveUpdate] = []
    ends: list[str | None] = []
    session = LiveSession(
        lambda: RecordedFrames(frames, fps=50.0),
        LiveCardReader(today=TODAY),
        on_frame=seen.append,
        on_update=updates.append,
        on_end=ends.append,
    )
    _run(session)
    assert ends == [None]
    assert updates[-1].done and updates[-1].reading is not None
    assert updates[-1].reading.values["id_number"] == holder.id_number
    assert len(seen) >= len(updates)  # the preview got frames the analysis skipped or used


def test_session_without_a_card_ends_with_a_message() -> None:
    holder = idcards.random_holder(8)
    frames, _ = camera_frames.card_arriving(idcards.render_front(holder), still=0)
    ends: list[str | None] = []
    session = LiveSession(
        lambda: RecordedFrames(frames[:3], fps=50.0),
        LiveCardReader(today=TODAY),
        on_frame=lambda f: None,
        on_update=lambda u: None,
        on_end=ends.append,
    )
    _run(session)
    assert len(ends) == 1 and ends[0] is not None and "chưa đọc được thẻ" in ends[0]


def test_camera_that_cannot_open_is_a_message() -> None:
    def broken() -> FrameSource:
        raise DeviceUnavailable("Không mở được camera 0.")

    ends: list[str | None] = []
    session = LiveSession(broken, LiveCardReader(today=TODAY), on_frame=lambda f: None,
                          on_update=lambda u: None, on_end=ends.append)  # fmt: skip
    _run(session)
    assert ends == ["Không mở được camera 0."]


def test_officer_stops_the_session() -> None:
    holder = idcards.random_holder(9)
    frames, _ = camera_frames.card_arriving(idcards.render_front(holder), still=0)
    started = threading.Event()
    ends: list[str | None] = []

    def frame_seen(_frame: Frame) -> None:
        started.set()

    session = LiveSession(
        lambda: RecordedFrames(frames * 50, fps=FPS),  # long enough to be still running
        LiveCardReader(today=TODAY),
        on_frame=frame_seen,
        on_update=lambda u: None,
        on_end=ends.append,
    )
    session.start()
    assert started.wait(10)
    session.stop()
    session.join(timeout=10)
    assert ends == [None]
    assert not any(thread.is_alive() for thread in session._threads)
