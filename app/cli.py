"""Command line: every capability of the counter, scriptable and testable headless.

Exit status: 0 done, 2 the input was refused (message on stderr says why), 3 no ID card found
(``onestop id read``), 1 unexpected error. ``onestop diag`` exits 2 when a configured check
needs action (✗), 0 when all are fine or not configured (–).
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.catalog.store import ensure_catalog
from app.config import Settings, default_data_dir, load_settings
from app.context import AppContext
from app.domain.status import Role
from app.errors import UserError, ValidationFailed
from app.logs import file_log, log_dir
from app.security import CurrentUser, create_user
from app.storage.migrate import upgrade
from app.storage.models import User

EXIT_REFUSED = 2
EXIT_NO_CARD = 3


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _open(migrate: bool = True) -> AppContext:
    settings = load_settings()
    if migrate:
        upgrade(settings.resolved_database_url)
    ctx = AppContext.open(settings)
    if migrate:
        ensure_catalog(ctx.db)  # a fresh install works from the command line too
    return ctx


def _acting_user(ctx: AppContext, username: str | None) -> CurrentUser:
    """The user a CLI action is recorded under: --user, else the first active administrator."""
    with ctx.db.reading() as session:
        query = select(User).where(User.active.is_(True))
        query = (
            query.where(User.username == username.lower())
            if username
            else query.where(User.role == Role.ADMIN.value).order_by(User.id)
        )
        user = session.scalars(query).first()
    if user is None:
        raise UserError(
            "Chưa có người dùng để ghi nhận thao tác. "
            "Hãy tạo tài khoản: onestop user add --role admin TÊN"
        )
    return CurrentUser(user.id, user.username, user.full_name, Role(user.role))


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    settings = load_settings()
    upgrade(settings.resolved_database_url)
    print(f"Cơ sở dữ liệu đã cập nhật: {settings.resolved_database_url}")
    return 0


def cmd_user_add(args: argparse.Namespace) -> int:
    ctx = _open()
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Mật khẩu: ")
        if getpass.getpass("Nhập lại mật khẩu: ") != password:
            raise UserError("Hai lần nhập mật khẩu không khớp.", field="password")
    user = create_user(ctx.db, args.name, args.full_name or args.name, password, Role(args.role))
    print(f"Đã tạo người dùng {user.username} ({user.role.value}).")
    return 0


def _read_new_password(args: argparse.Namespace) -> str:
    """The new password from stdin (--password-stdin) or typed twice, as ``user add`` does."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    password = getpass.getpass("Mật khẩu mới: ")
    if getpass.getpass("Nhập lại mật khẩu mới: ") != password:
        raise UserError("Hai lần nhập mật khẩu không khớp.", field="password")
    return password


def cmd_user_list(args: argparse.Namespace) -> int:
    from app.users import list_users

    rows = list_users(_open().db)
    if args.json:
        _print_json([row.as_json() for row in rows])
    else:
        for row in rows:
            state = "đang dùng" if row.active else "đã tắt"
            if row.locked:
                state += ", bị khóa"
            print(f"{row.username:<20} {row.role.value:<11} {state:<20} {row.full_name}")
    return 0


def cmd_user_disable(args: argparse.Namespace) -> int:
    from app.users import set_active

    ctx = _open()
    row = set_active(ctx.db, _acting_user(ctx, args.user), args.name, False)
    print(f"Đã tắt tài khoản {row.username}.")
    return 0


def cmd_user_enable(args: argparse.Namespace) -> int:
    from app.users import set_active

    ctx = _open()
    row = set_active(ctx.db, _acting_user(ctx, args.user), args.name, True)
    print(f"Đã bật tài khoản {row.username}.")
    return 0


def cmd_user_reset_password(args: argparse.Namespace) -> int:
    from app.users import reset_password

    ctx = _open()
    actor = _acting_user(ctx, args.user)
    row = reset_password(ctx.db, actor, args.name, _read_new_password(args))
    print(f"Đã đặt mật khẩu mới cho {row.username}.")
    return 0


def cmd_user_role(args: argparse.Namespace) -> int:
    from app.users import set_role

    ctx = _open()
    row = set_role(ctx.db, _acting_user(ctx, args.user), args.name, Role(args.role))
    print(f"Vai trò của {row.username}: {row.role.value}.")
    return 0


def cmd_user_unlock(args: argparse.Namespace) -> int:
    from app.users import unlock

    ctx = _open()
    row = unlock(ctx.db, _acting_user(ctx, args.user), args.name)
    print(f"Đã mở khóa tài khoản {row.username}.")
    return 0


def cmd_catalog_import(args: argparse.Namespace) -> int:
    from app.catalog.store import import_bundled_catalog, import_catalog_file

    ctx = _open()
    report = (
        import_bundled_catalog(ctx.db)
        if args.bundled
        else import_catalog_file(ctx.db, Path(args.file))
    )
    if args.json:
        _print_json(report.as_json())
    else:
        print(report.summary())
    return 0 if report.ok else EXIT_REFUSED


def cmd_catalog_diff(args: argparse.Namespace) -> int:
    from app.catalog.diff import compare_catalog_file

    result = compare_catalog_file(_open().db, Path(args.file))
    if args.json:
        _print_json(result.as_json())
    elif result.diff is not None:
        print(result.diff.summary())
    else:
        print(f"Danh mục có {len(result.errors)} lỗi:")
        for error in result.errors:
            print(f"  {error}")
    return 0 if result.ok else EXIT_REFUSED


def cmd_catalog_list(args: argparse.Namespace) -> int:
    from app.intake import list_procedures

    ctx = _open()
    rows = [
        {"code": p.code, "name": p.name, "field": p.field, "processing": p.processing_kind}
        for p in list_procedures(ctx, args.query or "")
    ]
    if args.json:
        _print_json(rows)
    else:
        for row in rows:
            print(f"{row['code']:<12} {row['name']}")
    return 0


def _parse_attach(values: Sequence[str]) -> dict[str, list[Path]]:
    attachments: dict[str, list[Path]] = {}
    for value in values:
        component, sep, file = value.partition("=")
        if not sep or not component or not file:
            raise UserError(f"--attach cần dạng THÀNH_PHẦN=TỆP, nhận được «{value}».")
        attachments.setdefault(component, []).append(Path(file))
    return attachments


def _digitized(ctx: AppContext, paths: list[Path]) -> Any:
    """Clean and OCR files into one searchable PDF (a failed page refuses the whole paper)."""
    from app.scanning import import_files, to_paper

    result = import_files(paths, ctx.settings)
    if result.errors:
        raise UserError(" ".join(e.message for e in result.errors))
    return to_paper(result.pages, ", ".join(p.name for p in paths))


def cmd_intake(args: argparse.Namespace) -> int:
    from app.intake import ApplicantInput, ComponentChoice, IntakeRequest, IntakeService, Outcome

    ctx = _open()
    if not ctx.settings.agency_configured:
        raise UserError(
            "Chưa cấu hình mã và tên cơ quan tiếp nhận. "
            "Hãy đặt ONESTOP_AGENCY__CODE và ONESTOP_AGENCY__NAME hoặc mở chương trình để cấu hình."
        )
    user = _acting_user(ctx, args.user)
    choices = {
        code: ComponentChoice(files=tuple(paths))
        for code, paths in _parse_attach(args.attach or []).items()
    }
    for code, paths in _parse_attach(args.digitize or []).items():
        choices[code] = ComponentChoice(scanned=_digitized(ctx, paths))
    for code in args.no_reuse or []:
        choices[code] = ComponentChoice(
            files=choices.get(code, ComponentChoice()).files, reuse=False
        )
    request = IntakeRequest(
        applicant=ApplicantInput(
            personal_id=args.citizen,
            full_name=args.name,
            date_of_birth=date.fromisoformat(args.dob) if args.dob else None,
            sex=args.sex,
            address=args.address or "",
            phone=args.phone or "",
            email=args.email or "",
        ),
        procedure_code=args.procedure,
        outcome=Outcome(args.outcome),
        choices=choices,
        reason=args.reason or "",
        appointment_override=datetime.fromisoformat(args.appointment) if args.appointment else None,
        **({"request_id": args.request_id} if args.request_id else {}),
    )
    if ctx.settings.hub.url:  # papers digitized at other counters are re-used here too
        from app.transfer.remote_vault import refresh_from_hub

        problem = refresh_from_hub(ctx, args.citizen, full_name=args.name)
        if problem:
            print(f"Lưu ý: chỉ tra kho cục bộ ({problem}).", file=sys.stderr)
    result = IntakeService(ctx).submit(request, user)
    if args.json:
        _print_json(result.as_json())
    else:
        appointment = (
            result.appointment_at.strftime("%H:%M %d/%m/%Y") if result.appointment_at else "—"
        )
        print(f"{result.dossier_code}  {result.status.label_vi}  hẹn trả: {appointment}")
    return 0


def parse_day(text: str, option: str = "ngày") -> date:
    """A CLI date: YYYY-MM-DD or DD/MM/YYYY."""
    value = text.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise UserError(
        f"{option}: «{text}» không phải ngày hợp lệ. Hãy ghi YYYY-MM-DD hoặc DD/MM/YYYY."
    )


def parse_moment(text: str, option: str, end_of_day: Any) -> datetime:
    """A CLI date with an optional time (``2026-05-06T10:00``, ``06/05/2026 10:00``); a bare
    date means ``end_of_day(date)``."""
    value = text.strip()
    for pattern in ("%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"):
        try:
            return datetime.strptime(value, pattern)
        except ValueError:
            continue
    moment: datetime = end_of_day(parse_day(value, option))
    return moment


def _output_kind(out: str, allowed: Sequence[str]) -> str:
    suffix = Path(out).suffix.lower().lstrip(".")
    if suffix not in allowed:
        wanted = " hoặc ".join(f".{a}" for a in allowed)
        raise UserError(f"--out: tệp «{out}» phải có đuôi {wanted}.", field="out")
    return suffix


def cmd_form(args: argparse.Namespace) -> int:
    from printing.output import save_pdf

    ctx = _open()
    user = _acting_user(ctx, args.user)
    if args.kind in ("apology", "control"):
        return _review_form(ctx, args, user)
    from app.forms import FormKind, make_form

    kind, pdf = make_form(
        ctx.db, ctx.settings, args.code, FormKind(args.kind), user, thermal=args.thermal
    )
    save_pdf(pdf, Path(args.out))
    print(f"Đã lưu {kind.value}: {args.out}")
    return 0


def _review_form(ctx: AppContext, args: argparse.Namespace, user: CurrentUser) -> int:
    from app.report_forms import apology_for, control_sheet_for
    from printing.output import save_pdf

    if args.kind == "control":
        save_pdf(control_sheet_for(ctx, args.code, user=user), Path(args.out))
        print(f"Đã lưu control: {args.out}")
        return 0
    if not args.reason:
        raise UserError('Hãy ghi lý do chậm trễ: --reason "…".', field="reason")
    new_date = (
        parse_moment(args.new_date, "--new-date", ctx.calendar.end_of_working_day)
        if args.new_date
        else None
    )
    pdf, promised = apology_for(
        ctx, args.code, reason=args.reason, new_appointment=new_date, user=user
    )
    save_pdf(pdf, Path(args.out))
    print(f"Đã lưu apology: {args.out}  hẹn mới: {promised:%H:%M %d/%m/%Y}")
    return 0


def cmd_report_daily(args: argparse.Namespace) -> int:
    from app.reports.dashboard import dashboard
    from app.reports.model import ReportFilter
    from app.reports.serialize import figures_json
    from printing.output import save_bytes

    if not args.json and not args.out:
        raise UserError("Hãy chọn --json hoặc --out TỆP.pdf|TỆP.xlsx.")
    kind = _output_kind(args.out, ("pdf", "xlsx")) if args.out else "json"
    day = parse_day(args.date, "--date")
    ctx = _open()
    flt = ReportFilter(day, day, counter_code=args.counter or None)
    figures = dashboard(ctx.db, flt)
    if args.json:
        _print_json(figures_json(figures))
    if kind == "json":
        return 0
    from app.reports.exports import daily_report_file

    data = daily_report_file(ctx, day, kind, counter_code=flt.counter_code, now=figures.computed_at)
    save_bytes(data, Path(args.out))
    if not args.json:
        print(f"Đã lưu báo cáo ngày {day:%d/%m/%Y}: {args.out}")
    return 0


def cmd_report_rebuild_summary(args: argparse.Namespace) -> int:
    """Recompute the dashboard's daily summary from the dossiers (after a bulk import, or to
    repair it); the migration that created it filled it already."""
    import time

    from app.reports.summary import rebuild

    start = parse_day(args.start, "--from") if args.start else None
    end = parse_day(args.end, "--to") if args.end else None
    if start and end and end < start:
        raise UserError("--to phải cùng ngày hoặc sau --from.", field="to")
    ctx = _open()
    began = time.perf_counter()
    with ctx.db.writing() as session:
        read = rebuild(session, start, end)
    seconds = time.perf_counter() - began
    days = "mọi ngày" if start is None and end is None else f"{start or '…'} → {end or '…'}"
    print(f"Đã tính lại bảng tổng hợp ({days}): {read} hồ sơ, {seconds:.1f} giây.")
    return 0


def cmd_report_logbook(args: argparse.Namespace) -> int:
    from app.reports.exports import logbook_file
    from printing.output import save_bytes

    kind = _output_kind(args.out, ("pdf", "xlsx"))
    start, end = parse_day(args.start, "--from"), parse_day(args.end, "--to")
    if end < start:
        raise UserError("--to phải cùng ngày hoặc sau --from.", field="to")
    ctx = _open()
    data, count = logbook_file(ctx, start, end, kind, counter_code=args.counter or None)
    save_bytes(data, Path(args.out))
    print(f"Đã lưu sổ theo dõi hồ sơ ({count} hồ sơ): {args.out}")
    return 0


def cmd_vault_list(args: argparse.Namespace) -> int:
    from app.vault import VaultService

    ctx = _open()
    items = VaultService(ctx.db, ctx.store).list_documents(args.id, _acting_user(ctx, args.user))
    today = date.today()
    rows = [dict(item.as_json(), valid_today=item.valid_on(today)) for item in items]
    if args.json:
        _print_json({"id_number": args.id, "documents": rows})
    else:
        for row in rows:
            print(f"{row['code']:<28} {row['title']}  ({row['pages']} tr.)")
    return 0


def cmd_vault_add(args: argparse.Namespace) -> int:
    from app.vault_import import import_document

    ctx = _open()
    item = import_document(
        ctx,
        _acting_user(ctx, args.user),
        args.id,
        args.type,
        Path(args.file),
        args.title,
        args.name,
    )
    if args.json:
        _print_json(item.as_json())
    else:
        print(f"Đã lưu vào kho: {item.code}")
    return 0


def cmd_vault_get(args: argparse.Namespace) -> int:
    from app.vault import VaultService

    ctx = _open()
    item = VaultService(ctx.db, ctx.store).fetch(
        args.code, _acting_user(ctx, args.user), Path(args.out)
    )
    print(f"Đã xuất {item.code} → {args.out}")
    return 0


def cmd_dossier_show(args: argparse.Namespace) -> int:
    from app.dossiers import find_dossier

    ctx = _open()
    view = find_dossier(ctx.db, args.code, _acting_user(ctx, args.user))
    data = view.as_json()
    if args.json:
        _print_json(data)
    else:
        for key in ("code", "status_text", "received_at", "appointment"):
            print(f"{key}: {data[key]}")
    return 0


def cmd_dossier_return(args: argparse.Namespace) -> int:
    from app.dossier_status import return_result

    ctx = _open()
    return_result(ctx.db, args.code, _acting_user(ctx, args.user), datetime.now())
    print(f"Đã trả kết quả hồ sơ {args.code}.")
    return 0


def cmd_devices(args: argparse.Namespace) -> int:
    from app.scanning import list_devices

    devices = list_devices(load_settings(), include_cameras=args.cameras)
    if args.json:
        _print_json([d.to_dict() for d in devices])
    else:
        for device in devices:
            print(f"{device.id:<32} {device.label}")
    return 0


def _report_page_errors(errors: Sequence[Exception]) -> None:
    for error in errors:
        print(f"Lỗi: {getattr(error, 'message', error)}", file=sys.stderr)


def cmd_scan(args: argparse.Namespace) -> int:
    from app.scanning import chosen_profile, scan_batch
    from printing.output import save_pdf
    from scanner.pdf_output import searchable_pdf

    settings = load_settings()
    device = args.device or settings.scanning.device
    if not device:
        raise UserError("Hãy chọn máy quét: --device (xem: onestop devices).")
    result = scan_batch(device, chosen_profile(settings, args.profile), settings)
    _report_page_errors(result.errors)
    for note in result.notes:
        print(f"Lưu ý: {note}", file=sys.stderr)
    if not result.pages:
        raise UserError("Không quét được trang nào.")
    save_pdf(searchable_pdf(result.pages), Path(args.out))
    summary = {"out": args.out, "pages": len(result.pages), "errors": len(result.errors)}
    _print_json(summary) if args.json else print(f"Đã lưu {len(result.pages)} trang: {args.out}")
    return 0 if not result.errors else EXIT_REFUSED


def cmd_ocr(args: argparse.Namespace) -> int:
    from app.scanning import import_files
    from printing.output import save_pdf
    from scanner.pdf_output import searchable_pdf

    settings = load_settings()
    result = import_files([Path(f) for f in args.files], settings)
    _report_page_errors(result.errors)
    if args.json:
        _print_json(
            [
                {
                    "origin": page.origin,
                    "page": number,
                    "text": page.text,
                    "mean_confidence": page.mean_confidence,
                    "low_confidence": page.low_confidence,
                    "rotation": page.rotation,
                    "skew": round(page.skew, 2),
                }
                for number, page in enumerate(result.pages, start=1)
            ]
        )
    else:
        print("\n\f\n".join(page.text.strip() for page in result.pages))
    if args.pdf and result.pages:
        save_pdf(searchable_pdf(result.pages), Path(args.pdf))
    if not result.pages:
        return EXIT_REFUSED
    return 0 if not result.errors else EXIT_REFUSED


def cmd_search(args: argparse.Namespace) -> int:
    from app.search import search_documents

    ctx = _open()
    hits = search_documents(ctx.db, args.query, _acting_user(ctx, args.user), limit=args.limit)
    if args.json:
        _print_json([hit.as_json() for hit in hits])
    else:
        for hit in hits:
            print(f"{hit.document_code} tr.{hit.page_number}  {hit.owner_name}: {hit.snippet}")
    return 0


def cmd_id_read(args: argparse.Namespace) -> int:
    from app.idcard import NoCardFound, read_card_files
    from scanner.idcard.crosscheck import FIELD_LABELS, ORIGIN_LABELS, display

    try:
        found = read_card_files([Path(f) for f in args.images], today=date.today())
    except NoCardFound as exc:
        print(f"Lỗi: {exc.message}", file=sys.stderr)
        return EXIT_NO_CARD
    reading = found.reading
    for message in found.errors:
        print(f"Lưu ý: {message}", file=sys.stderr)
    if args.json:
        _print_json(reading.to_json())
        return 0
    for name, label in FIELD_LABELS.items():
        value = reading.values.get(name)
        if value is not None:
            source = ORIGIN_LABELS[reading.sources[name]]
            print(f"{label}: {display(value)}  ({source})")
    for warning in reading.warnings:
        print(f"Lưu ý: {warning}")
    return 0


def cmd_queue_list(args: argparse.Namespace) -> int:
    from app.transfer.queue import queue_rows

    ctx = _open()
    rows = queue_rows(ctx)
    if args.json:
        _print_json([row.as_json() for row in rows])
    else:
        for row in rows:
            detail = f"  {row.last_error}" if row.last_error else ""
            print(f"{row.code}  {row.state}  lần gửi: {row.attempts}{detail}")
    return 0


def cmd_queue_run(args: argparse.Namespace) -> int:
    from app.transfer.service import open_queue

    ctx = _open()
    queue = open_queue(ctx)
    from app.transfer.remote_vault import upload_new_documents

    with queue.client:
        results = queue.run_once(ignore_backoff=True)
        pulled = queue.pull_status()
        uploaded = upload_new_documents(ctx, queue.client)
    if args.json:
        _print_json(
            {
                "deliveries": [r.__dict__ for r in results],
                "status_changes_applied": pulled,
                "vault_documents_uploaded": uploaded,
            }
        )
    else:
        for result in results:
            print(f"{result.code}  {result.state}  {result.message}")
        print(f"Trạng thái cập nhật từ máy chủ tỉnh: {pulled}")
        print(f"Giấy tờ gửi lên kho dữ liệu tỉnh: {uploaded}")
    failed = [r for r in results if r.state != "delivered"]
    return 0 if not failed else EXIT_REFUSED


def cmd_queue_retry(args: argparse.Namespace) -> int:
    from app.transfer.queue import retry

    retry(_open(), args.code)
    print(f"Hồ sơ {args.code} sẽ được gửi lại.")
    return 0


def cmd_queue_cancel(args: argparse.Namespace) -> int:
    from app.transfer.queue import cancel

    cancel(_open(), args.code)
    print(f"Đã dừng chuyển hồ sơ {args.code}.")
    return 0


def _print_server(args: argparse.Namespace) -> str | None:
    return args.server or load_settings().printing.cups_server or None


def cmd_print_printers(args: argparse.Namespace) -> int:
    from printing.cups import list_printers

    printers = list_printers(_print_server(args))
    if args.json:
        _print_json(
            [
                {
                    "name": p.name,
                    "description": p.description,
                    "state": p.state.value,
                    "accepting": p.accepting,
                    "default": p.is_default,
                    "message": p.state_message,
                }
                for p in printers
            ]
        )
    else:
        for p in printers:
            mark = "*" if p.is_default else " "
            print(f"{mark} {p.name:<24} {p.state.value:<9} {p.description}")
    return 0


def cmd_print_check(args: argparse.Namespace) -> int:
    from printing.cups import check_printer

    problem = check_printer(args.printer, _print_server(args))
    if problem:
        print(problem, file=sys.stderr)
        return 2
    print(f"Máy in «{args.printer}» sẵn sàng.")
    return 0


def cmd_print_test_page(args: argparse.Namespace) -> int:
    from printing.cups import PrintError, print_pdf, wait_for_job
    from printing.testpage import render_test_page

    settings = load_settings()
    server = _print_server(args)
    pdf = render_test_page(args.kind, settings.agency.name, printer=args.printer)
    try:
        job = print_pdf(pdf, args.printer, title="Trang in thử", copies=args.copies, server=server)
        if not args.no_wait:
            wait_for_job(job, server)
    except PrintError as exc:
        raise UserError(exc.message) from None
    print(f"Đã in trang thử trên «{args.printer}»: lệnh in {job}")
    return 0


def cmd_hub_check(args: argparse.Namespace) -> int:
    from app.transfer.client import HubClient

    settings = load_settings()
    with HubClient(settings.hub) as client:
        check = client.check()
    if args.json:
        _print_json(
            {
                "ok": check.ok,
                "url": settings.hub.url,
                "reachable": check.reachable,
                "authenticated": check.authenticated,
                "clock_skew_s": None
                if check.clock_skew_s is None
                else round(check.clock_skew_s, 3),
                "identity": check.identity,
                "message": check.message,
            }
        )
    else:
        print(check.message)
    return 0 if check.ok else EXIT_REFUSED


def cmd_diag(args: argparse.Namespace) -> int:
    """Exit 0 when every configured check is fine, 2 when one needs action."""
    from app.diagnostics import format_table, run_diagnostics

    diagnostics = run_diagnostics(load_settings(), timeout_s=args.timeout)
    if args.json:
        _print_json(diagnostics.as_json())
    else:
        print(format_table(diagnostics))
    return 0 if diagnostics.ok else EXIT_REFUSED


def cmd_config_get(args: argparse.Namespace) -> int:
    from app.config_edit import get_value, masked_settings, shown

    settings = load_settings()
    if not args.key:
        _print_json(masked_settings(settings))
        return 0
    value = get_value(settings, args.key)
    if args.json:
        _print_json(value)
    else:
        print(shown(args.key.strip(), value))
    return 0


def cmd_config_set(args: argparse.Namespace) -> int:
    from app.config_edit import SECRET_KEYS, set_value

    key = args.key.strip()
    value = args.value
    if value is None:  # secrets are better not typed on the command line (shell history)
        if sys.stdin.isatty():
            value = getpass.getpass(f"{key}: ")
        else:
            value = sys.stdin.readline().rstrip("\n")
    where = set_value(key, value)
    shown = "***" if key in SECRET_KEYS and value else value
    print(f"Đã lưu {key} = {shown} ({where}).")
    return 0


def cmd_support_bundle(args: argparse.Namespace) -> int:
    from app.support_bundle import write_support_bundle

    _output_kind(args.out, ("zip",))
    write_support_bundle(load_settings(), Path(args.out), log_files=args.logs)
    print(f"Đã lưu gói hỗ trợ: {args.out}")
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from ui.main import run_gui

    return run_gui()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="onestop", description="Phần mềm Bộ phận Một cửa.")
    parser.set_defaults(handler=cmd_gui)
    sub = parser.add_subparsers(title="lệnh")

    def add(name: str, handler: Any, help_text: str, parent: Any = sub) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = parent.add_parser(name, help=help_text)
        p.set_defaults(handler=handler)
        return p

    def with_user(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--user", help="tên đăng nhập ghi nhận thao tác (mặc định: quản trị viên)")
        return p

    db = sub.add_parser("db", help="cơ sở dữ liệu").add_subparsers()
    add("upgrade", cmd_db_upgrade, "áp dụng migration đến phiên bản mới nhất", db)

    user = sub.add_parser("user", help="người dùng").add_subparsers()
    p = add("add", cmd_user_add, "tạo người dùng", user)
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--full-name")
    p.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu từ stdin")
    p = add("list", cmd_user_list, "liệt kê người dùng", user)
    p.add_argument("--json", action="store_true")
    for name, handler, text in (
        ("disable", cmd_user_disable, "tắt tài khoản (không đăng nhập được nữa)"),
        ("enable", cmd_user_enable, "bật lại tài khoản"),
        ("unlock", cmd_user_unlock, "mở khóa tài khoản sau nhiều lần nhập sai mật khẩu"),
    ):
        with_user(add(name, handler, text, user)).add_argument("name")
    p = with_user(add("reset-password", cmd_user_reset_password, "đặt mật khẩu mới", user))
    p.add_argument("name")
    p.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu từ stdin")
    p = with_user(add("role", cmd_user_role, "đổi vai trò", user))
    p.add_argument("name")
    p.add_argument("role", choices=[r.value for r in Role])

    catalog = sub.add_parser("catalog", help="danh mục thủ tục").add_subparsers()
    p = add("import", cmd_catalog_import, "kiểm tra và nạp danh mục", catalog)
    p.add_argument("file", nargs="?")
    p.add_argument("--bundled", action="store_true", help="nạp danh mục kèm theo chương trình")
    p.add_argument("--json", action="store_true")
    p = add("diff", cmd_catalog_diff, "so sánh tệp danh mục với danh mục đang dùng", catalog)
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p = add("list", cmd_catalog_list, "liệt kê thủ tục", catalog)
    p.add_argument("query", nargs="?")
    p.add_argument("--json", action="store_true")

    p = with_user(add("intake", cmd_intake, "tiếp nhận hồ sơ"))
    p.add_argument("--citizen", required=True, help="số định danh cá nhân (12 chữ số)")
    p.add_argument("--name", required=True)
    p.add_argument("--dob", help="YYYY-MM-DD")
    p.add_argument("--sex", choices=["Nam", "Nữ"])
    p.add_argument("--address")
    p.add_argument("--phone")
    p.add_argument("--email")
    p.add_argument("--procedure", required=True)
    p.add_argument("--attach", action="append", metavar="COMPONENT=FILE")
    p.add_argument(
        "--digitize",
        action="append",
        metavar="COMPONENT=FILE",
        help="làm sạch, nhận dạng chữ và lưu thành PDF tìm kiếm được",
    )
    p.add_argument("--no-reuse", action="append", metavar="COMPONENT")
    p.add_argument("--outcome", choices=["accept", "supplement", "refuse"], default="accept")
    p.add_argument("--reason")
    p.add_argument("--appointment", help="YYYY-MM-DDTHH:MM khi danh mục chưa có thời hạn")
    p.add_argument("--request-id", help="mã yêu cầu: gửi lại cùng mã không tạo hồ sơ thứ hai")
    p.add_argument("--json", action="store_true")

    p = with_user(add("form", cmd_form, "in biểu mẫu của hồ sơ ra PDF"))
    p.add_argument("code")
    p.add_argument(
        "--kind",
        required=True,
        choices=["receipt", "supplement", "refusal", "apology", "control"],
        help="apology: văn bản xin lỗi (hồ sơ quá hạn); control: phiếu kiểm soát quá trình",
    )
    p.add_argument("--thermal", action="store_true", help="khổ giấy in nhiệt 80 mm")
    p.add_argument("--reason", help="lý do chậm trễ (văn bản xin lỗi)")
    p.add_argument(
        "--new-date",
        help="ngày hẹn trả mới: YYYY-MM-DD hoặc DD/MM/YYYY (thêm giờ HH:MM nếu cần); "
        "mặc định tính theo ngày làm việc",
    )
    p.add_argument("--out", required=True)

    report = sub.add_parser("report", help="báo cáo của giám sát").add_subparsers()
    p = add("daily", cmd_report_daily, "báo cáo một ngày: số liệu, biểu đồ, hồ sơ", report)
    p.add_argument("--date", required=True, help="YYYY-MM-DD hoặc DD/MM/YYYY")
    p.add_argument("--counter", help="mã quầy (mặc định: mọi quầy)")
    p.add_argument("--json", action="store_true", help="in số liệu dạng JSON")
    p.add_argument("--out", help="TỆP.pdf hoặc TỆP.xlsx")
    p = add("logbook", cmd_report_logbook, "sổ theo dõi hồ sơ của một khoảng ngày", report)
    p.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD hoặc DD/MM/YYYY")
    p.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD hoặc DD/MM/YYYY")
    p.add_argument("--counter", help="mã quầy (mặc định: mọi quầy)")
    p.add_argument("--out", required=True, help="TỆP.pdf hoặc TỆP.xlsx")
    p = add(
        "rebuild-summary",
        cmd_report_rebuild_summary,
        "tính lại bảng tổng hợp của bảng điều khiển từ hồ sơ (sau khi nhập dữ liệu, sửa lỗi)",
        report,
    )
    p.add_argument("--from", dest="start", help="YYYY-MM-DD hoặc DD/MM/YYYY (mặc định: mọi ngày)")
    p.add_argument("--to", dest="end", help="YYYY-MM-DD hoặc DD/MM/YYYY (mặc định: mọi ngày)")

    vault = sub.add_parser("vault", help="kho dữ liệu giấy tờ").add_subparsers()
    p = with_user(add("list", cmd_vault_list, "giấy tờ của một công dân", vault))
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p = with_user(add("add", cmd_vault_add, "đưa một giấy tờ vào kho", vault))
    p.add_argument("id")
    p.add_argument("file")
    p.add_argument("--type", required=True, help="mã loại giấy tờ")
    p.add_argument("--title")
    p.add_argument("--name", help="họ tên, khi công dân chưa có trong cơ sở dữ liệu")
    p.add_argument("--json", action="store_true")
    p = with_user(add("get", cmd_vault_get, "xuất tệp của một giấy tờ", vault))
    p.add_argument("code")
    p.add_argument("--out", required=True)

    p = add("devices", cmd_devices, "liệt kê máy quét và nguồn giấy tờ")
    p.add_argument("--cameras", action="store_true", help="dò cả camera tài liệu")
    p.add_argument("--json", action="store_true")

    p = add("scan", cmd_scan, "quét thành PDF tìm kiếm được")
    p.add_argument("--device", help="mã thiết bị, ví dụ sane:test:0")
    p.add_argument("--profile", help="tên hồ sơ quét, ví dụ «Màu 300 dpi»")
    p.add_argument("--out", required=True)
    p.add_argument("--json", action="store_true")

    p = add("ocr", cmd_ocr, "nhận dạng chữ các tệp (PDF, JPEG, PNG, TIFF)")
    p.add_argument("files", nargs="+")
    p.add_argument("--json", action="store_true")
    p.add_argument("--pdf", help="lưu thêm PDF tìm kiếm được")

    p = with_user(add("search", cmd_search, "tìm trong nội dung giấy tờ đã số hóa"))
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true")

    idcard = sub.add_parser("id", help="thẻ căn cước").add_subparsers()
    p = add("read", cmd_id_read, "đọc thẻ căn cước từ ảnh (mã QR, MRZ, chữ in)", idcard)
    p.add_argument("images", nargs="+", help="ảnh mặt trước và/hoặc mặt sau (JPEG, PNG, PDF…)")
    p.add_argument("--json", action="store_true")

    queue = sub.add_parser("queue", help="hàng đợi chuyển hồ sơ lên máy chủ tỉnh").add_subparsers()
    p = add("list", cmd_queue_list, "các hồ sơ trong hàng đợi", queue)
    p.add_argument("--json", action="store_true")
    p = add("run", cmd_queue_run, "gửi ngay các hồ sơ đang chờ và lấy trạng thái về", queue)
    p.add_argument("--json", action="store_true")
    p = add("retry", cmd_queue_retry, "gửi lại một hồ sơ", queue)
    p.add_argument("code")
    p = add("cancel", cmd_queue_cancel, "dừng chuyển một hồ sơ", queue)
    p.add_argument("code")
    printing = sub.add_parser("print", help="máy in (CUPS)").add_subparsers()
    p = add("printers", cmd_print_printers, "các máy in của hệ thống", printing)
    p.add_argument("--server", help="máy chủ in CUPS (mặc định: theo cài đặt / hệ thống)")
    p.add_argument("--json", action="store_true")
    p = add("check", cmd_print_check, "máy in có sẵn sàng không", printing)
    p.add_argument("--printer", required=True)
    p.add_argument("--server")
    p = add("test-page", cmd_print_test_page, "in trang thử", printing)
    p.add_argument("--printer", required=True)
    p.add_argument("--kind", choices=["a4", "receipt"], default="a4")
    p.add_argument("--copies", type=int, default=1)
    p.add_argument("--server")
    p.add_argument("--no-wait", action="store_true", help="không chờ lệnh in xong")

    p = add("hub-check", cmd_hub_check, "kiểm tra kết nối, mã truy cập, lệch đồng hồ")
    p.add_argument("--json", action="store_true")

    dossier = sub.add_parser("dossier", help="hồ sơ").add_subparsers()
    p = with_user(add("show", cmd_dossier_show, "xem hồ sơ theo mã hoặc nội dung QR", dossier))
    p.add_argument("code")
    p.add_argument("--json", action="store_true")
    p = with_user(
        add("return", cmd_dossier_return, "trả kết quả cho công dân (trạng thái 10)", dossier)
    )
    p.add_argument("code")

    p = add(
        "diag",
        cmd_diag,
        "chẩn đoán: phiên bản, thiết bị, kết nối, chỗ trống (mã thoát 2: có mục cần xử lý)",
    )
    p.add_argument("--json", action="store_true")
    p.add_argument("--timeout", type=float, default=15.0, help="giây chờ mỗi mục (mặc định 15)")
    config = sub.add_parser("config", help="cấu hình (settings.toml)").add_subparsers()
    p = add("get", cmd_config_get, "xem cấu hình hoặc một mục, ví dụ hub.url", config)
    p.add_argument("key", nargs="?", help="mục dạng a.b (bỏ trống: toàn bộ cấu hình)")
    p.add_argument("--json", action="store_true")
    p = add("set", cmd_config_set, "đặt một mục (kiểm tra trước khi ghi)", config)
    p.add_argument("key", help="mục dạng a.b, ví dụ agency.code, calendar.extra_days_off")
    p.add_argument("value", nargs="?", help="giá trị (bỏ trống: đọc từ bàn phím / stdin)")
    p = add("support-bundle", cmd_support_bundle, "gói hỗ trợ (ZIP) gửi kỹ thuật viên")
    p.add_argument("--out", required=True, help="TỆP.zip")
    p.add_argument("--logs", type=int, default=10, help="số tệp nhật ký gần nhất (mặc định 10)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.handler is cmd_gui:  # the program keeps its own log file (ui/main.py)
        return cmd_gui(args)
    with file_log(_log_directory()):
        return _run(args)


def _log_directory() -> Path:
    """<data_dir>/logs, also when the settings cannot be read (``config set`` repairs them)."""
    try:
        return log_dir(Settings())
    except Exception:
        return default_data_dir() / "logs"


def _run(args: argparse.Namespace) -> int:
    # the command's name only: its arguments may hold a secret (config set signing.password)
    logging.getLogger("app.cli").info("onestop %s", args.handler.__name__.removeprefix("cmd_"))
    try:
        return int(args.handler(args))
    except ValidationFailed as exc:
        for field, message in exc.errors.items():
            print(f"Lỗi [{field}]: {message}", file=sys.stderr)
        return EXIT_REFUSED
    except UserError as exc:
        print(f"Lỗi: {exc.message}", file=sys.stderr)
        return EXIT_REFUSED
    except Exception:
        logging.getLogger("app.cli").exception("onestop: unexpected error")
        raise


if __name__ == "__main__":
    sys.exit(main())
