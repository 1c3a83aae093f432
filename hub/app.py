"""The hub's HTTP API (docs/hub-protocol.md), as a FastAPI application.

Stateless: everything lives in the database and the content-addressed file store, so several
processes may serve one province behind a load balancer on one PostgreSQL database.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NoReturn

import anyio.to_thread
from fastapi import Depends, FastAPI, File, Form, Header, Path, Query, Request, UploadFile
from fastapi.exceptions import HTTPException, RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from sqlalchemy import Connection, Row, bindparam, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from hub import PROTOCOL_VERSION
from hub.config import HubSettings
from hub.db import HubDatabase
from hub.models import (
    AuditEntry,
    Dossier,
    RejectedPackage,
    StatusChange,
    VaultDocument,
    iso_utc,
    utcnow,
)
from hub.store import FileStore, StoreError, StoreUnavailable, is_sha256, open_store
from hub.tokens import HubRole, find_token
from hub.verify import PackageRejected, verify_package

log = logging.getLogger(__name__)

_ID_NUMBER = re.compile(r"^[0-9A-Za-z\-]{1,32}$")
_DOC_CODE = re.compile(r"^[0-9A-Za-z.\-_]{1,120}$")
_STAMP = re.compile(r"^\d{14}$")

DESCRIPTION = """
Hub cấp tỉnh: kho giấy tờ số của công dân, tiếp nhận gói hồ sơ từ Bộ phận Một cửa và
trạng thái xử lý hồ sơ. Giao thức: `docs/hub-protocol.md` (phiên bản 1).

Mọi điểm cuối (trừ `/api/v1/health`) cần `Authorization: Bearer <mã truy cập>`; mã truy cập
do quản trị tạo bằng `onestop-hub token add`. Vai trò: `counter` (quầy), `authority`
(cơ quan xử lý), `admin`.
"""


# --- wiring ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Caller:
    name: str
    role: HubRole
    agency_code: str | None


@dataclass
class HubState:
    settings: HubSettings
    db: HubDatabase
    store: FileStore
    trusted_cas: Any

    def audit(
        self,
        token_name: str | None,
        action: str,
        target: str,
        ok: bool,
        detail: str | None = None,
    ) -> None:
        """One audit row, in its own transaction (kept even when the request fails)."""
        try:
            with self.db.session() as session:
                session.add(
                    AuditEntry(
                        at=utcnow(),
                        token_name=token_name,
                        action=action,
                        target=target[:300],
                        ok=ok,
                        detail=detail,
                    )
                )
        except SQLAlchemyError:
            log.exception("audit write failed: %s %s", action, target)


def _state(request: Request) -> HubState:
    state: HubState = request.app.state.hub
    return state


_bearer = HTTPBearer(auto_error=False, description="Mã truy cập do quản trị hub cấp.")


def require(*roles: HubRole) -> Callable[..., Caller]:
    """Dependency: a valid, unrevoked token with one of ``roles`` (any role if none given)."""

    def dependency(
        request: Request,
        credentials: HTTPAuthorizationCredentials | None = Depends(_bearer),  # noqa: B008
    ) -> Caller:
        state = _state(request)
        with state.db.session() as session:
            return authorize(session, request, credentials, roles)

    return dependency


class Refusal(HTTPException):
    """A refused request; the app's handler writes its audit row once the request's own
    transaction is over (SQLite would otherwise wait on its own write lock)."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        token_name: str | None,
        action: str,
        target: str,
        reason: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(status, detail, headers=headers)
        self.audit_row = (token_name, action, target, reason)


def authorize(
    session: Session | Connection,
    request: Request,
    credentials: HTTPAuthorizationCredentials | None,
    roles: tuple[HubRole, ...],
) -> Caller:
    """The caller behind *credentials*, looked up in *session* (so that a hot endpoint does
    its work in the same transaction); raises :class:`Refusal`."""
    target = f"{request.method} {request.url.path}"
    challenge = {"WWW-Authenticate": "Bearer"}
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Refusal(
            401,
            "Thiếu mã truy cập. Hãy gửi tiêu đề 'Authorization: Bearer <mã truy cập>' với "
            "mã do quản trị hub cấp.",
            token_name=None,
            action="auth.refused",
            target=target,
            reason="thiếu mã truy cập",
            headers=challenge,
        )
    token = find_token(session, credentials.credentials)
    if token is None:
        raise Refusal(
            401,
            "Mã truy cập không đúng. Hãy kiểm tra mã đã nhập trong phần cài đặt kết nối hub, "
            "hoặc xin quản trị hub cấp mã mới.",
            token_name=None,
            action="auth.refused",
            target=target,
            reason="mã truy cập không đúng",
            headers=challenge,
        )
    name, role, agency_code, revoked_at = token
    if revoked_at is not None:
        raise Refusal(
            401,
            "Mã truy cập này đã bị thu hồi. Hãy xin quản trị hub cấp mã mới và cập nhật phần "
            "cài đặt kết nối hub.",
            token_name=name,
            action="auth.refused",
            target=target,
            reason="mã truy cập đã bị thu hồi",
            headers=challenge,
        )
    caller = Caller(name=name, role=HubRole(role), agency_code=agency_code)
    if roles and caller.role not in roles:
        allowed = ", ".join(r.value for r in roles)
        raise Refusal(
            403,
            f"Mã truy cập có vai trò '{role}' không được dùng chức năng này (cần: {allowed}). "
            "Hãy dùng đúng mã truy cập hoặc liên hệ quản trị hub.",
            token_name=name,
            action="auth.forbidden",
            target=target,
            reason=f"vai trò {role}",
        )
    return caller


def _forbidden(caller: Caller, action: str, target: str, detail: str) -> NoReturn:
    raise Refusal(403, detail, token_name=caller.name, action=action, target=target, reason=detail)


# --- request/response models -----------------------------------------------------------------


class Health(BaseModel):
    status: str
    time: str
    version: int


class WhoAmI(BaseModel):
    name: str
    role: str
    agency_code: str | None


class VaultDocumentOut(BaseModel):
    document_code: str
    document_type: str
    title: str
    sha256: str
    mime_type: str
    pages: int | None
    size: int
    valid_from: date | None
    valid_until: date | None
    uploaded_at: str
    uploaded_by: str


class VaultListing(BaseModel):
    id_number: str
    documents: list[VaultDocumentOut]


class VaultUploadMeta(BaseModel):
    document_type: str = Field(min_length=1, max_length=60)
    title: str = Field(min_length=1, max_length=500)
    mime_type: str = Field(default="application/pdf", min_length=1, max_length=100)
    pages: int | None = Field(default=None, ge=0)
    valid_from: date | None = None
    valid_until: date | None = None
    full_name: str | None = Field(default=None, max_length=200)


class VaultUploadResult(BaseModel):
    id_number: str
    document_code: str
    version: int
    sha256: str
    size: int
    created: bool


class Ack(BaseModel):
    ack_id: str
    code: str
    received_at: str


class Rejection(BaseModel):
    detail: str
    rejection_id: str


class StatusUpdate(BaseModel):
    status: int = Field(ge=1, le=10, description="Mã trạng thái FACTS §6 (1–10).")
    note: str = Field(default="", max_length=4000)
    at: str = Field(pattern=r"^\d{14}$", description="Thời điểm, dạng yyyyMMddHHmmss.")


class CursorOut(BaseModel):
    cursor: int


class StatusChangeOut(BaseModel):
    cursor: int
    code: str
    status: int
    note: str
    at: str


class StatusChanges(BaseModel):
    changes: list[StatusChangeOut]
    next: int


class ErrorOut(BaseModel):
    detail: str


_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "Thiếu, sai hoặc đã thu hồi mã truy cập."},
    403: {"model": ErrorOut, "description": "Vai trò của mã truy cập không được phép."},
}


# --- the application -------------------------------------------------------------------------


def create_app(settings: HubSettings | None = None) -> FastAPI:
    """The hub application. The database must already be migrated (``onestop-hub db
    upgrade``; ``onestop-hub serve`` does it before starting)."""
    settings = settings or HubSettings()
    state = HubState(
        settings=settings,
        db=HubDatabase(settings.resolved_database_url, pool_size=settings.threads),
        store=open_store(settings),
        trusted_cas=settings.load_trusted_cas(),
    )
    if state.trusted_cas is None:
        log.warning(
            "No trusted CA configured (ONESTOP_HUB_TRUSTED_CA_FILE): package signatures are "
            "checked, but any signer certificate is accepted."
        )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.threads
        yield
        state.db.dispose()

    app = FastAPI(
        lifespan=lifespan,
        title="Onestop hub",
        version=str(PROTOCOL_VERSION),
        description=DESCRIPTION,
    )
    app.state.hub = state

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for err in exc.errors()[:5]:
            loc = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query"))
            parts.append(f"{loc or 'yêu cầu'} ({err.get('msg', '')})")
        return JSONResponse(
            status_code=422,
            content={
                "detail": "Yêu cầu không hợp lệ: "
                + "; ".join(parts)
                + ". Hãy kiểm tra dữ liệu gửi lên theo docs/hub-protocol.md."
            },
        )

    @app.exception_handler(StoreUnavailable)
    async def _store_unavailable(request: Request, exc: StoreUnavailable) -> JSONResponse:
        log.error("file store unavailable: %s", exc)
        return JSONResponse(
            status_code=503,
            content={
                "detail": "Kho tệp của hub tạm thời không truy cập được. Hãy thử lại sau ít "
                "phút; nếu vẫn lỗi, báo quản trị hub kiểm tra kho lưu trữ (S3)."
            },
            headers={"Retry-After": "60"},
        )

    @app.exception_handler(Refusal)
    async def _refused(request: Request, exc: Refusal) -> JSONResponse:
        await run_in_threadpool(state.audit, *exc.audit_row[:3], False, exc.audit_row[3])
        return JSONResponse(
            status_code=exc.status_code, content={"detail": exc.detail}, headers=exc.headers
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail
        if exc.status_code == 404 and detail == "Not Found":
            detail = "Không có địa chỉ này trên hub. Hãy kiểm tra địa chỉ hub và phiên bản API."
        elif exc.status_code == 405:
            detail = "Phương thức HTTP không được hỗ trợ cho địa chỉ này."
        return JSONResponse(
            status_code=exc.status_code, content={"detail": detail}, headers=exc.headers
        )

    @app.get(
        "/api/v1/health",
        response_model=Health,
        summary="Tình trạng hub",
        description="Không cần mã truy cập. Trả 503 khi không kết nối được cơ sở dữ liệu.",
        tags=["hệ thống"],
    )
    def health() -> Any:
        try:
            with state.db.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except SQLAlchemyError:
            log.exception("health: database unreachable")
            return JSONResponse(
                status_code=503,
                content={
                    "detail": "Hub không kết nối được cơ sở dữ liệu. Hãy báo quản trị hub.",
                },
            )
        return Health(status="ok", time=iso_utc(utcnow()), version=PROTOCOL_VERSION)

    @app.get(
        "/api/v1/whoami",
        response_model=WhoAmI,
        summary="Mã truy cập đang dùng",
        description="Tên, vai trò và mã cơ quan gắn với mã truy cập.",
        responses={401: _ERRORS[401]},
        tags=["hệ thống"],
    )
    def whoami(caller: Caller = Depends(require())) -> WhoAmI:  # noqa: B008
        return WhoAmI(name=caller.name, role=caller.role.value, agency_code=caller.agency_code)

    # --- vault ---------------------------------------------------------------------------

    @app.get(
        "/api/v1/vault/citizens/{id_number}/documents",
        response_model=VaultListing,
        summary="Giấy tờ số của một công dân",
        description="Phiên bản mới nhất của mỗi giấy tờ trong kho của công dân (ghi nhật ký).",
        responses=_ERRORS,
        tags=["kho giấy tờ"],
    )
    def vault_list(
        request: Request,
        id_number: str = Path(description="Số định danh cá nhân / mã số tổ chức."),
        credentials: HTTPAuthorizationCredentials | None = Depends(_bearer),  # noqa: B008
    ) -> Response:
        # The hot path of every intake: token, listing and audit row in one transaction on a
        # plain connection (no ORM unit of work), one JSON encoding (no response-model pass).
        with state.db.engine.begin() as conn:
            caller = authorize(conn, request, credentials, (HubRole.COUNTER,))
            _check_id_number(id_number)
            latest: dict[str, dict[str, Any]] = {}
            for row in conn.execute(_LISTING, {"id_number": id_number}):
                latest[row.document_code] = _listing_entry(row)
            conn.execute(
                _AUDIT_INSERT,
                {
                    "at": utcnow(),
                    "token_name": caller.name,
                    "action": "vault.list",
                    "target": id_number,
                    "ok": True,
                    "detail": f"{len(latest)} giấy tờ",
                },
            )
        return JSONResponse({"id_number": id_number, "documents": list(latest.values())})

    @app.get(
        "/api/v1/vault/files/{sha256}",
        summary="Tải tệp giấy tờ",
        description=(
            "Nội dung tệp theo SHA-256. Hỗ trợ tiêu đề `Range` (một khoảng: 206 + "
            "`Content-Range`; khoảng không thỏa mãn: 416). Mỗi lần đọc được ghi nhật ký."
        ),
        responses={
            **_ERRORS,
            200: {"content": {"application/octet-stream": {}}, "description": "Cả tệp."},
            206: {"description": "Một phần tệp."},
            404: {"model": ErrorOut},
            416: {"model": ErrorOut},
        },
        tags=["kho giấy tờ"],
    )
    def vault_file(
        sha256: str,
        range_header: str | None = Header(default=None, alias="Range"),
        caller: Caller = Depends(require(HubRole.COUNTER, HubRole.AUTHORITY)),  # noqa: B008
    ) -> Response:
        sha256 = sha256.lower()
        if not is_sha256(sha256):
            raise HTTPException(404, "Địa chỉ tệp phải là mã SHA-256 (64 ký tự hex).")
        with state.db.session() as session:
            doc = session.scalars(
                select(VaultDocument).where(VaultDocument.sha256 == sha256).limit(1)
            ).first()
            owner = doc.id_number if doc else None
            mime = doc.mime_type if doc else "application/octet-stream"
        if doc is None:
            state.audit(caller.name, "vault.file", sha256, False, "không có trong kho")
            raise HTTPException(
                404, "Không có tệp này trong kho giấy tờ. Hãy tải lại danh sách giấy tờ."
            )
        try:
            size = state.store.size(sha256)
        except StoreUnavailable:
            raise
        except StoreError as exc:
            state.audit(caller.name, "vault.file", sha256, False, "tệp bị mất")
            raise HTTPException(
                500, "Tệp lưu trên hub bị mất. Hãy báo quản trị hub kiểm tra kho tệp."
            ) from exc
        headers = {"Accept-Ranges": "bytes", "ETag": f'"{sha256}"'}
        wanted = parse_range(range_header, size)
        if isinstance(wanted, str):  # "unsatisfiable"
            state.audit(caller.name, "vault.file", sha256, False, f"range {range_header}")
            return JSONResponse(
                status_code=416,
                content={
                    "detail": f"Khoảng byte yêu cầu ({range_header}) nằm ngoài tệp dài {size} "
                    "byte. Hãy tải lại từ đầu."
                },
                headers={**headers, "Content-Range": f"bytes */{size}"},
            )
        try:
            if wanted is None:
                body = state.store.read(sha256)
                state.audit(caller.name, "vault.file", sha256, True, f"công dân {owner}")
                return Response(body, media_type=mime, headers=headers)
            start, end = wanted
            body = state.store.read_range(sha256, start, end)
        except StoreUnavailable:
            raise
        except StoreError as exc:
            state.audit(caller.name, "vault.file", sha256, False, "tệp hỏng")
            raise HTTPException(
                500, "Tệp lưu trên hub bị hỏng (sai mã băm). Hãy báo quản trị hub."
            ) from exc
        state.audit(
            caller.name, "vault.file", sha256, True, f"công dân {owner}, bytes {start}-{end}"
        )
        return Response(
            body,
            status_code=206,
            media_type=mime,
            headers={**headers, "Content-Range": f"bytes {start}-{end}/{size}"},
        )

    @app.put(
        "/api/v1/vault/citizens/{id_number}/documents/{document_code}",
        response_model=VaultUploadResult,
        status_code=201,
        summary="Đưa giấy tờ số vào kho",
        description=(
            "Multipart: `file` (nội dung) và `meta` (JSON: document_type, title, mime_type, "
            "pages, valid_from, valid_until, full_name). Hub tự tính SHA-256. Lũy đẳng: cùng mã "
            "giấy tờ và cùng SHA-256 với phiên bản mới nhất → 200; khác → phiên bản mới, 201."
        ),
        responses={**_ERRORS, 200: {"model": VaultUploadResult, "description": "Đã có sẵn."}},
        tags=["kho giấy tờ"],
    )
    def vault_upload(
        id_number: str,
        document_code: str,
        file: UploadFile = File(description="Nội dung giấy tờ (thường là PDF)."),  # noqa: B008
        meta: str = Form(description="JSON mô tả giấy tờ."),
        caller: Caller = Depends(require(HubRole.COUNTER)),  # noqa: B008
    ) -> Any:
        _check_id_number(id_number)
        if not _DOC_CODE.match(document_code):
            raise HTTPException(
                422,
                f"Mã giấy tờ {document_code!r} không hợp lệ: chỉ gồm chữ, số, dấu chấm, gạch "
                "(dạng <số định danh>.<mã loại giấy tờ>).",
            )
        try:
            info = VaultUploadMeta.model_validate(json.loads(meta))
        except (json.JSONDecodeError, ValueError) as exc:
            raise HTTPException(
                422,
                "Trường meta không hợp lệ: cần JSON có document_type, title, mime_type, pages, "
                f"valid_from, valid_until (ngày dạng YYYY-MM-DD). Chi tiết: {exc}"[:1000],
            ) from exc
        data = file.file.read(state.settings.max_upload_bytes + 1)
        if len(data) > state.settings.max_upload_bytes:
            raise HTTPException(
                413, "Tệp quá lớn. Hãy quét lại với độ phân giải thấp hơn hoặc tách tệp."
            )
        if not data:
            raise HTTPException(422, "Tệp gửi lên rỗng. Hãy chọn lại tệp giấy tờ.")
        sha256 = state.store.put(data)
        for _attempt in range(3):
            try:
                with state.db.session() as session:
                    latest = session.scalars(
                        select(VaultDocument)
                        .where(
                            VaultDocument.id_number == id_number,
                            VaultDocument.document_code == document_code,
                        )
                        .order_by(VaultDocument.version.desc())
                        .limit(1)
                    ).first()
                    if latest is not None and latest.sha256 == sha256:
                        result = VaultUploadResult(
                            id_number=id_number,
                            document_code=document_code,
                            version=latest.version,
                            sha256=sha256,
                            size=latest.size,
                            created=False,
                        )
                        return JSONResponse(status_code=200, content=result.model_dump())
                    version = 1 if latest is None else latest.version + 1
                    session.add(
                        VaultDocument(
                            id_number=id_number,
                            document_code=document_code,
                            version=version,
                            document_type=info.document_type,
                            title=info.title,
                            full_name=info.full_name,
                            sha256=sha256,
                            mime_type=info.mime_type,
                            pages=info.pages,
                            size=len(data),
                            valid_from=info.valid_from,
                            valid_until=info.valid_until,
                            uploaded_at=utcnow(),
                            uploaded_by=caller.name,
                        )
                    )
                break
            except IntegrityError:
                continue  # a concurrent upload took that version number: look again
        else:
            raise HTTPException(
                409, "Giấy tờ này đang được cập nhật từ nơi khác. Hãy thử lại sau ít giây."
            )
        state.audit(caller.name, "vault.upload", f"{id_number}/{document_code}", True, sha256)
        return VaultUploadResult(
            id_number=id_number,
            document_code=document_code,
            version=version,
            sha256=sha256,
            size=len(data),
            created=True,
        )

    # --- dossiers ------------------------------------------------------------------------

    @app.post(
        "/api/v1/dossiers",
        response_model=Ack,
        status_code=201,
        summary="Nộp gói hồ sơ",
        description=(
            "Thân yêu cầu là gói ZIP (`Content-Type: application/zip`), tiêu đề "
            "`X-Package-SHA256` là SHA-256 của cả gói. Hub kiểm tra ZIP, manifest, mã băm từng "
            "thành phần, chữ ký CMS trên manifest.json (chuỗi chứng thư tới CA tin cậy) và các "
            "tệp PDF. Lũy đẳng theo (MaHoSo, mã băm gói): gửi lại đúng gói đó → 200 với cùng "
            "biên nhận. Cùng MaHoSo nhưng gói khác (đóng gói lại, bổ sung) → được nhận như một "
            "phiên bản mới của hồ sơ, 201 với biên nhận mới. Bị từ chối → 422 kèm lý do và "
            "`rejection_id`; gói được giữ lại để kiểm tra."
        ),
        responses={
            **_ERRORS,
            200: {"model": Ack, "description": "Gói này đã được nhận trước đó."},
            413: {"model": ErrorOut},
            422: {"model": Rejection, "description": "Gói bị từ chối."},
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            }
        },
        tags=["hồ sơ"],
    )
    async def post_dossier(
        request: Request,
        x_package_sha256: str | None = Header(default=None, alias="X-Package-SHA256"),
        caller: Caller = Depends(require(HubRole.COUNTER)),  # noqa: B008
    ) -> Any:
        limit = state.settings.max_package_bytes
        declared_length = request.headers.get("content-length")
        if declared_length and declared_length.isdigit() and int(declared_length) > limit:
            raise HTTPException(413, "Gói hồ sơ quá lớn. Hãy giảm độ phân giải khi quét.")
        chunks: list[bytes] = []
        total = 0
        async for chunk in request.stream():
            total += len(chunk)
            if total > limit:
                raise HTTPException(413, "Gói hồ sơ quá lớn. Hãy giảm độ phân giải khi quét.")
            chunks.append(chunk)
        return await run_in_threadpool(
            _receive_dossier, state, caller, b"".join(chunks), x_package_sha256
        )

    @app.post(
        "/api/v1/dossiers/{code}/status",
        response_model=CursorOut,
        summary="Cập nhật trạng thái hồ sơ",
        description=(
            "Cơ quan xử lý báo trạng thái mới (mã FACTS §6, 1–10) kèm ghi chú và thời điểm "
            "`yyyyMMddHHmmss`. Trả về con trỏ của thay đổi."
        ),
        responses={**_ERRORS, 404: {"model": ErrorOut}},
        tags=["trạng thái"],
    )
    def post_status(
        code: str,
        update_in: StatusUpdate,
        caller: Caller = Depends(require(HubRole.AUTHORITY)),  # noqa: B008
    ) -> CursorOut:
        try:
            datetime.strptime(update_in.at, "%Y%m%d%H%M%S")
        except ValueError as exc:
            raise HTTPException(
                422, f"Thời điểm {update_in.at!r} không phải ngày giờ có thật (yyyyMMddHHmmss)."
            ) from exc
        with state.db.session() as session:
            if state.db.is_postgres:
                # Cursors must become visible in order: one writer at a time on this table
                # (readers are not blocked), so a counter never skips a later-committed id.
                session.execute(text("LOCK TABLE hub_status_changes IN EXCLUSIVE MODE"))
            agency = session.scalar(
                select(Dossier.agency_code).where(Dossier.code == code).limit(1)
            )
            if agency is None:
                raise HTTPException(
                    404,
                    f"Hub chưa nhận hồ sơ {code}. Hãy kiểm tra lại mã hồ sơ, hoặc đề nghị quầy "
                    "gửi gói hồ sơ trước.",
                )
            change = StatusChange(
                code=code,
                agency_code=agency,
                status=update_in.status,
                note=update_in.note,
                at=update_in.at,
                recorded_at=utcnow(),
                recorded_by=caller.name,
            )
            session.add(change)
            session.execute(
                update(Dossier).where(Dossier.code == code).values(status=update_in.status)
            )
            session.flush()
            cursor = change.id
        state.audit(caller.name, "status.update", code, True, f"{update_in.status}")
        return CursorOut(cursor=cursor)

    @app.get(
        "/api/v1/status-changes",
        response_model=StatusChanges,
        summary="Các thay đổi trạng thái từ một con trỏ",
        description=(
            "Thay đổi có con trỏ lớn hơn `since`, theo thứ tự. Quầy chỉ thấy hồ sơ của cơ quan "
            "mình. `next` là con trỏ để gửi ở lần hỏi sau."
        ),
        responses=_ERRORS,
        tags=["trạng thái"],
    )
    def status_changes(
        since: int = Query(default=0, ge=0),
        limit: int = Query(default=100, ge=1, le=1000),
        caller: Caller = Depends(require(HubRole.COUNTER, HubRole.AUTHORITY)),  # noqa: B008
    ) -> StatusChanges:
        query = select(StatusChange).where(StatusChange.id > since)
        if caller.role == HubRole.COUNTER:
            if not caller.agency_code:
                _forbidden(
                    caller,
                    "status.pull",
                    "status-changes",
                    "Mã truy cập của quầy chưa gắn mã cơ quan. Hãy xin quản trị hub cấp lại mã "
                    "có mã cơ quan.",
                )
            query = query.where(StatusChange.agency_code == caller.agency_code)
        with state.db.session() as session:
            rows = session.scalars(query.order_by(StatusChange.id).limit(limit)).all()
            changes = [
                StatusChangeOut(cursor=r.id, code=r.code, status=r.status, note=r.note, at=r.at)
                for r in rows
            ]
        return StatusChanges(changes=changes, next=changes[-1].cursor if changes else since)

    return app


def create_app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory`` (settings from ``ONESTOP_HUB_…``)."""
    return create_app(HubSettings())


# --- helpers ---------------------------------------------------------------------------------


def _check_id_number(id_number: str) -> None:
    if not _ID_NUMBER.match(id_number):
        raise HTTPException(
            422,
            f"Số định danh {id_number!r} không hợp lệ: chỉ gồm chữ số (hoặc mã số tổ chức). Hãy "
            "kiểm tra lại số trên giấy tờ.",
        )


_LISTING = (
    select(
        VaultDocument.document_code,
        VaultDocument.document_type,
        VaultDocument.title,
        VaultDocument.sha256,
        VaultDocument.mime_type,
        VaultDocument.pages,
        VaultDocument.size,
        VaultDocument.valid_from,
        VaultDocument.valid_until,
        VaultDocument.uploaded_at,
        VaultDocument.uploaded_by,
    )
    .where(VaultDocument.id_number == bindparam("id_number"))
    .order_by(VaultDocument.document_code, VaultDocument.version)
)
"""Every version of a citizen's documents, oldest first (built once: SQLAlchemy then only
looks up its compiled form)."""

_AUDIT_INSERT = insert(AuditEntry)


def _listing_entry(row: Row[*tuple[Any, ...]]) -> dict[str, Any]:
    """One document of a vault listing, as :class:`VaultDocumentOut` documents it."""
    entry = row._asdict()
    entry["valid_from"] = row.valid_from and row.valid_from.isoformat()
    entry["valid_until"] = row.valid_until and row.valid_until.isoformat()
    entry["uploaded_at"] = iso_utc(row.uploaded_at)
    return entry


def parse_range(header: str | None, size: int) -> tuple[int, int] | str | None:
    """A single ``bytes=`` range → (start, end) inclusive; ``"unsatisfiable"``; or None (no
    usable Range header: serve the whole file, as RFC 9110 allows for multiple ranges or a
    header that does not parse)."""
    if not header:
        return None
    match = re.fullmatch(r"\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*", header)
    if not match:
        return None
    first, last = match.groups()
    if first == "" and last == "":
        return None
    if first == "":
        suffix = int(last)
        if suffix == 0 or size == 0:
            return "unsatisfiable"
        return max(0, size - suffix), size - 1
    start = int(first)
    if start >= size:
        return "unsatisfiable"
    end = size - 1 if last == "" else int(last)
    if end < start:
        return None
    return start, min(end, size - 1)


def _ack(dossier: Dossier) -> dict[str, str]:
    return {
        "ack_id": dossier.ack_id,
        "code": dossier.code,
        "received_at": iso_utc(dossier.received_at),
    }


def _receive_dossier(
    state: HubState, caller: Caller, data: bytes, declared: str | None
) -> JSONResponse:
    package_hash = hashlib.sha256(data).hexdigest()
    if declared is not None and declared.strip().lower() == package_hash:
        with state.db.session() as session:
            existing = session.scalars(
                select(Dossier).where(Dossier.package_hash == package_hash).limit(1)
            ).first()
            repeat = (
                _ack(existing)
                if existing is not None and existing.agency_code == caller.agency_code
                else None
            )
        if repeat is not None:
            state.audit(caller.name, "dossier.repeat", repeat["code"], True, repeat["ack_id"])
            return JSONResponse(status_code=200, content=repeat)
    try:
        if declared is None:
            raise PackageRejected(
                "Thiếu tiêu đề X-Package-SHA256 (mã băm SHA-256 của cả gói). Hãy cập nhật phần "
                "mềm quầy và gửi lại."
            )
        manifest = verify_package(data, trusted_cas=state.trusted_cas, declared_sha256=declared)
    except PackageRejected as exc:
        return _reject(state, caller, data, declared, exc)
    if manifest.agency_code != caller.agency_code:
        _forbidden(
            caller,
            "dossier.receive",
            manifest.code,
            f"Gói hồ sơ ghi cơ quan gửi {manifest.agency_code} nhưng mã truy cập thuộc cơ quan "
            f"{caller.agency_code}. Hãy kiểm tra mã cơ quan trong cài đặt quầy.",
        )
    state.store.put(data)
    for content in manifest.files.values():
        state.store.put(content)
    try:
        with state.db.session() as session:
            versions = session.scalar(
                select(func.count()).select_from(Dossier).where(Dossier.code == manifest.code)
            )
            dossier = Dossier(
                code=manifest.code,
                version=int(versions or 0) + 1,
                package_hash=package_hash,
                ack_id=uuid.uuid4().hex,
                received_at=utcnow(),
                received_by=caller.name,
                agency_code=manifest.agency_code,
                manifest=manifest.raw,
                status=manifest.status,
            )
            session.add(dossier)
            session.add(
                AuditEntry(
                    at=utcnow(),
                    token_name=caller.name,
                    action="dossier.receive",
                    target=manifest.code,
                    ok=True,
                    detail=f"ack {dossier.ack_id}, phiên bản {dossier.version}, "
                    f"ký bởi {manifest.signer_subject}",
                )
            )
    except IntegrityError:
        # The same package arrived concurrently on another request: answer as a repeat.
        with state.db.session() as session:
            existing = session.scalars(
                select(Dossier).where(
                    Dossier.code == manifest.code, Dossier.package_hash == package_hash
                )
            ).one()
            return JSONResponse(status_code=200, content=_ack(existing))
    return JSONResponse(status_code=201, content=_ack(dossier))


def _reject(
    state: HubState,
    caller: Caller,
    data: bytes,
    declared: str | None,
    exc: PackageRejected,
) -> JSONResponse:
    stored = state.store.put(data)
    rejection_id = uuid.uuid4().hex
    with state.db.session() as session:
        session.add(
            RejectedPackage(
                id=rejection_id,
                at=utcnow(),
                reason=exc.reason,
                package_sha256=stored,
                declared_sha256=(declared or None) and declared[:128],
                code=exc.code,
                token_name=caller.name,
            )
        )
    state.audit(caller.name, "dossier.reject", exc.code or stored, False, exc.reason)
    return JSONResponse(
        status_code=422, content={"detail": exc.reason, "rejection_id": rejection_id}
    )
