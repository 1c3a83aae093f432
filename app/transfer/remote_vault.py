"""The province's shared vault: papers digitized at this counter go up to the hub, and a
citizen's papers held at the hub come down when the citizen is at this counter — so a paper
digitized at any counter is re-used at every other.

A downloaded file is checked against its SHA-256 before it is stored (the client does it) and
becomes a local vault document of origin ``hub``; the intake's vault lookup then finds it like
any other. Without the hub the counter works on its local vault only.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from app.context import AppContext, now
from app.domain.status import DocumentOrigin
from app.errors import UserError
from app.storage.models import Citizen, VaultDocument
from app.text import fold, nfc
from app.transfer.client import HubClient


def upload_new_documents(ctx: AppContext, client: HubClient, *, limit: int = 50) -> int:
    """Send the hub the vault documents made here that it does not have yet; how many."""
    with ctx.db.reading() as session:
        pending = session.scalars(
            select(VaultDocument)
            .where(VaultDocument.hub_uploaded_at.is_(None))
            .where(VaultDocument.origin != DocumentOrigin.HUB.value)
            .where(VaultDocument.citizen_id.is_not(None))
            .order_by(VaultDocument.id)
            .limit(limit)
        ).all()
        work = [(doc.id, doc.code, doc.sha256, _meta(doc), doc.citizen_id) for doc in pending]
        owners = {
            citizen.id: citizen
            for citizen in session.scalars(
                select(Citizen).where(Citizen.id.in_({item[4] for item in work}))
            )
        }
    sent = 0
    for doc_id, code, sha256, meta, citizen_id in work:
        assert citizen_id is not None
        owner = owners[citizen_id]
        client.upload_document(
            owner.personal_id, code, ctx.store.read_bytes(sha256),
            {**meta, "full_name": owner.full_name},
        )  # fmt: skip
        with ctx.db.writing() as session:
            document = session.get(VaultDocument, doc_id)
            if document is not None:
                document.hub_uploaded_at = now()
        sent += 1
    return sent


def fetch_citizen_documents(
    ctx: AppContext, client: HubClient, personal_id: str, *, full_name: str = ""
) -> int:
    """Copy the citizen's papers held at the hub and not here into the local vault; how many."""
    remote = client.list_documents(personal_id)
    with ctx.db.reading() as session:
        held = {
            (doc.code, doc.sha256)
            for doc in session.scalars(
                select(VaultDocument)
                .join(Citizen, VaultDocument.citizen_id == Citizen.id)
                .where(Citizen.personal_id == personal_id)
            )
        }
        codes_here = {code for code, _sha in held}
    wanted = [
        item
        for item in remote
        if (item["document_code"], item["sha256"]) not in held
        and item["document_code"] not in codes_here
    ]
    fetched = 0
    for item in wanted:
        data = client.download(str(item["sha256"]))
        sha256 = ctx.store.put_bytes(data)
        with ctx.db.writing() as session:
            if session.scalar(
                select(VaultDocument.id).where(VaultDocument.code == item["document_code"])
            ):
                continue  # taken here meanwhile
            citizen = session.scalar(select(Citizen).where(Citizen.personal_id == personal_id))
            if citizen is None:
                name = nfc(full_name or str(item.get("full_name") or "") or personal_id)
                citizen = Citizen(
                    personal_id=personal_id, full_name=name, name_search=fold(name),
                    updated_at=now(),
                )  # fmt: skip
                session.add(citizen)
                session.flush()
            session.add(
                VaultDocument(
                    code=str(item["document_code"]),
                    citizen_id=citizen.id,
                    document_type_code=str(item["document_type"]),
                    title=nfc(str(item.get("title") or item["document_type"])),
                    sha256=sha256,
                    size_bytes=len(data),
                    mime_type=str(item.get("mime_type") or "application/pdf"),
                    page_count=int(item.get("pages") or 1),
                    origin=DocumentOrigin.HUB.value,
                    valid_from=_date(item.get("valid_from")) or date.today(),
                    valid_until=_date(item.get("valid_until")),
                    created_at=now(),
                    hub_uploaded_at=now(),  # it came from there
                )
            )
        fetched += 1
    return fetched


def refresh_from_hub(ctx: AppContext, personal_id: str, *, full_name: str = "") -> str | None:
    """Bring the citizen's hub papers into the local vault before the intake looks there.
    None when done; otherwise why only the local vault is available (Vietnamese)."""
    if not ctx.settings.hub.url:
        return "chưa cấu hình máy chủ tỉnh"
    try:
        with HubClient(ctx.settings.hub) as client:
            fetch_citizen_documents(ctx, client, personal_id, full_name=full_name)
    except UserError as exc:
        return exc.message
    return None


def _meta(doc: VaultDocument) -> dict[str, object]:
    return {
        "document_type": doc.document_type_code,
        "title": doc.title,
        "mime_type": doc.mime_type,
        "pages": doc.page_count,
        "valid_from": doc.valid_from.isoformat(),
        "valid_until": doc.valid_until.isoformat() if doc.valid_until else None,
    }


def _date(value: object) -> date | None:
    if not value:
        return None
    text = str(value)
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        try:
            return datetime.strptime(text[:8], "%Y%m%d").date()
        except ValueError:
            return None
