"""Expectations taken from shared/domain/FACTS.md, kept apart from the JSON under test."""

from __future__ import annotations

# What each shipped set must print, taken from FACTS §0 (not from the JSON files).
EXPECTED_FORMS: dict[str, dict[str, tuple[str, str]]] = {
    "2025": {
        "receipt": ("Mẫu số 01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
        "supplement": ("Mẫu số 02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
        "refusal": ("Mẫu số 03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ"),
        "apology": ("Mẫu số 04", "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"),
        "stop": ("Mẫu số 05", "Thông báo dừng giải quyết hồ sơ"),
        "control": ("Mẫu số 06", "Phiếu kiểm soát quá trình giải quyết hồ sơ"),
        "logbook": ("Mẫu số 07", "Sổ theo dõi hồ sơ"),
    },
    "2018": {
        "receipt": ("Mẫu số 01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
        "supplement": ("Mẫu số 02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
        "refusal": ("Mẫu số 03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ"),
        "apology": ("Mẫu số 04", "Phiếu xin lỗi và hẹn lại ngày trả kết quả"),
        "control": ("Mẫu số 05", "Phiếu kiểm soát quá trình giải quyết hồ sơ"),
        "logbook": ("Mẫu số 06", "Sổ theo dõi hồ sơ"),
    },
}
EXPECTED_CIRCULAR = {"2025": "03/2025/TT-VPCP", "2018": "01/2018/TT-VPCP"}
