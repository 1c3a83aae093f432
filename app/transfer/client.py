"""The counter's side of the hub API (docs/hub-protocol.md), over httpx.

Every call has a timeout. Only idempotent calls are retried here (GETs, the vault PUT, and the
dossier POST, which the hub makes idempotent on code + package hash); the transfer queue adds
its own backoff between attempts. Network trouble is :class:`HubUnreachable`; a refusal by the
hub (bad token, rejected package) is :class:`HubRefused` with the hub's reason — both with a
Vietnamese message that says what to do.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from app.config import HubSettings
from app.errors import UserError

API = "/api/v1"
RETRIES = 2


class HubUnreachable(UserError):
    """No answer from the hub (network down, hub stopped, timeout): try again later."""


class HubRefused(UserError):
    """The hub answered no; ``status`` is the HTTP status, the message its reason."""

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Ack:
    ack_id: str
    code: str
    received_at: str
    repeated: bool
    """True when the hub already had this very package (a resend after a crash)."""


@dataclass(frozen=True)
class HubCheck:
    reachable: bool
    authenticated: bool
    clock_skew_s: float | None
    """Hub clock minus ours, seconds (None when unreachable)."""
    identity: dict[str, Any]
    message: str

    @property
    def ok(self) -> bool:
        return self.reachable and self.authenticated and abs(self.clock_skew_s or 0) < 120


class HubClient:
    def __init__(self, settings: HubSettings, *, transport: httpx.BaseTransport | None = None):
        if not settings.url:
            raise UserError(
                "Chưa cấu hình máy chủ tỉnh (mục [hub] url). Hồ sơ vẫn được tiếp nhận và chờ "
                "trong hàng đợi chuyển."
            )
        self.settings = settings
        verify: str | bool = str(settings.ca_file) if settings.ca_file else True
        self._http = httpx.Client(
            base_url=settings.url.rstrip("/"),
            timeout=settings.timeout_s,
            headers={"Authorization": f"Bearer {settings.token}"},
            verify=verify,
            transport=transport,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> HubClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- calls -----------------------------------------------------------------------------
    def health(self) -> dict[str, Any]:
        return dict(self._call("GET", "/health").json())

    def whoami(self) -> dict[str, Any]:
        return dict(self._call("GET", "/whoami").json())

    def list_documents(self, id_number: str) -> list[dict[str, Any]]:
        data = self._call("GET", f"/vault/citizens/{id_number}/documents").json()
        return list(data.get("documents", []))

    def download(self, sha256: str) -> bytes:
        """A vault file, checked against its hash (a wrong byte is never used)."""
        content = self._call("GET", f"/vault/files/{sha256}").content
        if hashlib.sha256(content).hexdigest() != sha256:
            raise HubUnreachable(
                "Tệp tải về từ máy chủ tỉnh bị sai lệch (mã băm không khớp). Hãy thử lại."
            )
        return content

    def upload_document(
        self, id_number: str, document_code: str, data: bytes, meta: Mapping[str, Any]
    ) -> dict[str, Any]:
        response = self._call(
            "PUT",
            f"/vault/citizens/{id_number}/documents/{document_code}",
            files={"file": (document_code, data, str(meta.get("mime_type", "application/pdf")))},
            data={"meta": json.dumps(dict(meta), ensure_ascii=False, default=str)},
        )
        return dict(response.json())

    def submit(self, package: bytes, sha256: str) -> Ack:
        response = self._call(
            "POST",
            "/dossiers",
            content=package,
            headers={"Content-Type": "application/zip", "X-Package-SHA256": sha256},
        )
        data = response.json()
        return Ack(
            ack_id=str(data["ack_id"]),
            code=str(data["code"]),
            received_at=str(data["received_at"]),
            repeated=response.status_code == 200,
        )

    def status_changes(self, since: int, limit: int = 100) -> tuple[list[dict[str, Any]], int]:
        data = self._call("GET", "/status-changes", params={"since": since, "limit": limit}).json()
        return list(data.get("changes", [])), int(data.get("next", since))

    def check(self) -> HubCheck:
        """Reachability, authentication and clock skew, for the status bar and hub-check."""
        try:
            before = time.time()
            health = self.health()
            after = time.time()
        except HubUnreachable as exc:
            return HubCheck(False, False, None, {}, exc.message)
        skew = _skew(health.get("time"), (before + after) / 2)
        try:
            identity = self.whoami()
        except HubRefused as exc:
            return HubCheck(True, False, skew, {}, exc.message)
        except HubUnreachable as exc:
            return HubCheck(False, False, skew, {}, exc.message)
        message = "Kết nối máy chủ tỉnh bình thường."
        if skew is not None and abs(skew) >= 120:
            message = (
                f"Đồng hồ máy này lệch {skew:+.0f} giây so với máy chủ tỉnh. Hãy chỉnh giờ máy "
                "(ngày giờ in trên giấy tiếp nhận phải đúng)."
            )
        return HubCheck(True, True, skew, identity, message)

    # --- plumbing --------------------------------------------------------------------------
    def _call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        last: Exception | None = None
        for attempt in range(RETRIES + 1):
            try:
                response = self._http.request(method, API + path, **kwargs)
            except httpx.TransportError as exc:  # connect, read, timeouts: safe to repeat here
                last = exc
                if attempt < RETRIES:
                    time.sleep(0.2 * (attempt + 1))
                continue
            if response.status_code >= 500 and attempt < RETRIES:
                last = None
                time.sleep(0.2 * (attempt + 1))
                continue
            if response.status_code >= 400:
                raise HubRefused(_refusal(response), status=response.status_code)
            return response
        reason = f" ({type(last).__name__})" if last is not None else ""
        raise HubUnreachable(
            f"Không kết nối được máy chủ tỉnh {self.settings.url}{reason}. Chương trình vẫn "
            "làm việc bình thường; hồ sơ chờ trong hàng đợi và sẽ được gửi khi có kết nối."
        )


def _refusal(response: httpx.Response) -> str:
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        detail = None
    if response.status_code == 401:
        return (
            "Máy chủ tỉnh không chấp nhận mã truy cập của quầy này (sai hoặc đã bị thu hồi). "
            "Hãy báo kỹ thuật viên cấp lại mã."
        )
    if response.status_code == 403:
        return "Mã truy cập của quầy này không được phép làm việc này trên máy chủ tỉnh."
    return str(detail or f"Máy chủ tỉnh trả lỗi {response.status_code}.")


def _skew(hub_time: object, ours: float) -> float | None:
    if not isinstance(hub_time, str):
        return None
    try:
        parsed = datetime.fromisoformat(hub_time.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.timestamp() - ours
