<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>ApologyDialog</name>
    <message>
        <location filename="../../ui/late_view.py" line="123"/>
        <source>Apology letter — {code}</source>
        <translation>Văn bản xin lỗi — {code}</translation>
    </message>
    <message>
        <location filename="../../ui/late_view.py" line="128"/>
        <source>the dossier needs more time to be examined</source>
        <translation>hồ sơ cần thêm thời gian để thẩm định</translation>
    </message>
    <message>
        <location filename="../../ui/late_view.py" line="134"/>
        <source>Computing the new appointment…</source>
        <translation>Đang tính ngày hẹn mới…</translation>
    </message>
    <message>
        <location filename="../../ui/late_view.py" line="138"/>
        <source>Dossier:</source>
        <translation>Hồ sơ:</translation>
    </message>
    <message>
        <location filename="../../ui/late_view.py" line="139"/>
        <source>Procedure:</source>
        <translation>Thủ tục:</translation>
    </message>
    <message>
        <location filename="../../ui/late_view.py" line="140"/>
        <source>Appointment was:</source>
        <translation>Ngày hẹn cũ:</translation>
    </message>
    <message>
        <location filename="../../ui/late_view.py" line="141"/>
        <source>&amp;Reason for the delay:</source>
        <translation>&amp;Lý do chậm trễ:</translation>
    </message>
    <message>
        <location filename="../../ui/late_view.py" line="144"/>
        <source>&amp;New appointment:</source>
        <translation>Ngày hẹn &amp;mới:</translation>
    </message>
    <message>
        <location filename="../../ui/late_view.py" line="147"/>
        <source>The letter will be shown here.</source>
        <translation>Văn bản sẽ hiện ở đây.</translation>
    </message>
    <message>
        <location filename="../../ui/late_view.py" line="283"/>
        <source>Letter made. New appointment: {when}.</source>
        <translation>Đã lập văn bản. Ngày hẹn mới: {when}.</translation>
    </message>
    <message>
        <location filename="../../ui/late_view.py" line="154"/>
        <source>&amp;Print… (Ctrl+P)</source>
        <translation>&amp;In… (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/late_view.py" line="156"/>
        <source>&amp;Save PDF…</source>
        <translation>&amp;Lưu PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/late_view.py" line="157"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../ui/late_view.py" line="205"/>
        <source>Proposed new appointment: {when}. Check it, then print.</source>
        <translation>Ngày hẹn mới đề xuất: {when}. Hãy kiểm tra rồi in.</translation>
    </message>
    <message>
        <location filename="../../ui/late_view.py" line="255"/>
        <source>Enter the reason for the delay.</source>
        <translation>Hãy nhập lý do chậm trễ.</translation>
    </message>
    <message>
        <location filename="../../ui/late_view.py" line="259"/>
        <source>Making the letter…</source>
        <translation>Đang tạo văn bản…</translation>
    </message>
    <message>
        <location filename="../../ui/late_view.py" line="290"/>
        <source>Apology letter {code}</source>
        <translation>Văn bản xin lỗi {code}</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <location filename="../../ui/audit_view.py" line="75"/>
        <location filename="../../ui/audit_view.py" line="143"/>
        <source>All users</source>
        <translation>Tất cả người dùng</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="78"/>
        <source>12 digits</source>
        <translation>12 chữ số</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="88"/>
        <source>Words in the entry (with or without diacritics)</source>
        <translation>Từ cần tìm trong nhật ký (có hoặc không dấu)</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="89"/>
        <source>&amp;Search (F5)</source>
        <translation>&amp;Tìm (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="95"/>
        <source>&amp;From:</source>
        <translation>&amp;Từ ngày:</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="96"/>
        <source>&amp;To:</source>
        <translation>Đế&amp;n ngày:</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="97"/>
        <source>&amp;User:</source>
        <translation>&amp;Người dùng:</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="98"/>
        <source>&amp;Citizen ID:</source>
        <translation>Số định &amp;danh công dân:</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="99"/>
        <source>Acti&amp;on:</source>
        <translation>&amp;Thao tác:</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="106"/>
        <source>&amp;Words:</source>
        <translation>Từ &amp;khóa:</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="115"/>
        <source>Time</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="116"/>
        <source>User</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="117"/>
        <source>Action</source>
        <translation>Thao tác</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="118"/>
        <source>Object</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="119"/>
        <source>Key</source>
        <translation>Mã</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="120"/>
        <source>Citizen</source>
        <translation>Công dân</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="121"/>
        <source>Detail</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="166"/>
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="179"/>
        <source>(system)</source>
        <translation>(hệ thống)</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="191"/>
        <source>{n} entries</source>
        <translation>{n} mục</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="193"/>
        <source>(only the first {n}; narrow the filters)</source>
        <translation>(chỉ hiện {n} mục đầu; hãy thu hẹp bộ lọc)</translation>
    </message>
</context>
<context>
    <name>CitizenForm</name>
    <message>
        <location filename="../../ui/citizen_form.py" line="44"/>
        <source>1. Citizen</source>
        <translation>1. Công dân</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_form.py" line="64"/>
        <source>Read &amp;ID card… (Ctrl+I)</source>
        <translation>Đọc thẻ &amp;căn cước… (Ctrl+I)</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_form.py" line="70"/>
        <source>Personal &amp;ID number:</source>
        <translation>Số định &amp;danh cá nhân:</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_form.py" line="71"/>
        <source>Full &amp;name:</source>
        <translation>&amp;Họ và tên:</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_form.py" line="72"/>
        <source>Date of &amp;birth (dd/mm/yyyy):</source>
        <translation>Ngày &amp;sinh (ngày/tháng/năm):</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_form.py" line="73"/>
        <source>Se&amp;x:</source>
        <translation>&amp;Giới tính:</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_form.py" line="74"/>
        <source>&amp;Address:</source>
        <translation>Đị&amp;a chỉ:</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_form.py" line="75"/>
        <source>&amp;Phone:</source>
        <translation>Số điện &amp;thoại:</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_form.py" line="76"/>
        <source>E&amp;mail:</source>
        <translation>&amp;Email:</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_form.py" line="129"/>
        <source>Enter a valid date of birth as dd/mm/yyyy.</source>
        <translation>Hãy nhập ngày sinh hợp lệ dạng ngày/tháng/năm.</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_form.py" line="131"/>
        <source>Enter the date of birth.</source>
        <translation>Hãy nhập ngày sinh.</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_form.py" line="134"/>
        <source>Choose the sex.</source>
        <translation>Hãy chọn giới tính.</translation>
    </message>
</context>
<context>
    <name>CitizenRatingWindow</name>
    <message>
        <location filename="../../ui/satisfaction.py" line="127"/>
        <source>Your opinion</source>
        <translation>Ý kiến của ông/bà</translation>
    </message>
    <message>
        <location filename="../../ui/satisfaction.py" line="129"/>
        <source>How satisfied are you with the service today?</source>
        <translation>Ông/bà có hài lòng với việc tiếp nhận hồ sơ hôm nay không?</translation>
    </message>
    <message>
        <location filename="../../ui/satisfaction.py" line="136"/>
        <source>Dossier {code}</source>
        <translation>Hồ sơ {code}</translation>
    </message>
    <message>
        <location filename="../../ui/satisfaction.py" line="147"/>
        <source>Thank you. Touch one of the buttons.</source>
        <translation>Xin cảm ơn! Xin chạm vào một trong ba nút.</translation>
    </message>
</context>
<context>
    <name>ComponentsTable</name>
    <message>
        <location filename="../../ui/components_table.py" line="51"/>
        <source>Paper</source>
        <translation>Tên giấy tờ</translation>
    </message>
    <message>
        <location filename="../../ui/components_table.py" line="52"/>
        <source>Required</source>
        <translation>Bắt buộc</translation>
    </message>
    <message>
        <location filename="../../ui/components_table.py" line="53"/>
        <source>Form</source>
        <translation>Hình thức</translation>
    </message>
    <message>
        <location filename="../../ui/components_table.py" line="54"/>
        <source>Source</source>
        <translation>Nguồn</translation>
    </message>
    <message>
        <location filename="../../ui/components_table.py" line="55"/>
        <source>Files</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <location filename="../../ui/components_table.py" line="145"/>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <location filename="../../ui/components_table.py" line="145"/>
        <source>no</source>
        <translation>không</translation>
    </message>
    <message>
        <location filename="../../ui/components_table.py" line="149"/>
        <source>Re-used from vault</source>
        <translation>Tái sử dụng từ kho</translation>
    </message>
    <message>
        <location filename="../../ui/components_table.py" line="151"/>
        <source>Scanned ({n} p.)</source>
        <translation>Đã quét ({n} trang)</translation>
    </message>
    <message>
        <location filename="../../ui/components_table.py" line="153"/>
        <source>Attached</source>
        <translation>Đã đính kèm</translation>
    </message>
    <message>
        <location filename="../../ui/components_table.py" line="155"/>
        <source>Missing</source>
        <translation>Còn thiếu</translation>
    </message>
    <message>
        <location filename="../../ui/components_table.py" line="157"/>
        <source>Not provided</source>
        <translation>Không nộp</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <location filename="../../ui/dashboard_view.py" line="172"/>
        <source>Today</source>
        <translation>Hôm nay</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="173"/>
        <source>This week</source>
        <translation>Tuần này</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="174"/>
        <source>This month</source>
        <translation>Tháng này</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="175"/>
        <source>This year</source>
        <translation>Năm nay</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="176"/>
        <source>From – to…</source>
        <translation>Từ ngày – đến ngày…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="189"/>
        <location filename="../../ui/dashboard_view.py" line="319"/>
        <source>All counters</source>
        <translation>Tất cả quầy</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="190"/>
        <location filename="../../ui/dashboard_view.py" line="320"/>
        <source>All officers</source>
        <translation>Tất cả cán bộ</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="191"/>
        <location filename="../../ui/dashboard_view.py" line="321"/>
        <source>All procedures</source>
        <translation>Tất cả thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="195"/>
        <source>&amp;Refresh (F5)</source>
        <translation>&amp;Làm mới (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="196"/>
        <source>&amp;Log book…</source>
        <translation>&amp;Sổ theo dõi…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="198"/>
        <source>Save the log book of the chosen period as PDF or XLSX (Ctrl+L)</source>
        <translation>Lưu sổ theo dõi hồ sơ của kỳ đã chọn ra PDF hoặc XLSX (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="200"/>
        <source>Dail&amp;y report…</source>
        <translation>&amp;Báo cáo ngày…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="202"/>
        <source>Save the intake report of the last day of the period as PDF or XLSX</source>
        <translation>Lưu báo cáo tiếp nhận của ngày cuối kỳ ra PDF hoặc XLSX</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="211"/>
        <source>&amp;Period:</source>
        <translation>&amp;Kỳ:</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="212"/>
        <source>&amp;From:</source>
        <translation>&amp;Từ ngày:</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="213"/>
        <source>&amp;To:</source>
        <translation>Đế&amp;n ngày:</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="214"/>
        <source>Cou&amp;nter:</source>
        <translation>&amp;Quầy:</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="215"/>
        <source>O&amp;fficer:</source>
        <translation>&amp;Cán bộ:</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="216"/>
        <source>Proc&amp;edure:</source>
        <translation>Thủ tụ&amp;c:</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="230"/>
        <location filename="../../ui/dashboard_view.py" line="467"/>
        <location filename="../../ui/dashboard_view.py" line="600"/>
        <source>received</source>
        <translation>hồ sơ tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="231"/>
        <location filename="../../ui/dashboard_view.py" line="602"/>
        <source>accepted</source>
        <translation>được tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="232"/>
        <source>supplement requested</source>
        <translation>yêu cầu bổ sung</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="233"/>
        <source>refused</source>
        <translation>từ chối tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="234"/>
        <source>results returned</source>
        <translation>đã trả kết quả</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="235"/>
        <source>handling time (median / p90)</source>
        <translation>thời gian tiếp nhận (trung vị / p90)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="236"/>
        <source>papers re-used (target ≥ 80 %)</source>
        <translation>giấy tờ tái sử dụng (mục tiêu ≥ 80 %)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="237"/>
        <source>papers digitized (target 100 %)</source>
        <translation>thành phần được số hóa (mục tiêu 100 %)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="238"/>
        <source>finished early</source>
        <translation>giải quyết trước hạn</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="239"/>
        <source>finished on time</source>
        <translation>giải quyết đúng hạn</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="240"/>
        <source>finished late</source>
        <translation>giải quyết quá hạn</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="241"/>
        <location filename="../../ui/dashboard_view.py" line="523"/>
        <source>in progress, in time</source>
        <translation>đang giải quyết, trong hạn</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="242"/>
        <location filename="../../ui/dashboard_view.py" line="524"/>
        <source>in progress, overdue</source>
        <translation>đang giải quyết, quá hạn</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="243"/>
        <source>satisfied (target ≥ 95 %)</source>
        <translation>hài lòng (mục tiêu ≥ 95 %)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="244"/>
        <source>unsatisfied</source>
        <translation>không hài lòng</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="259"/>
        <location filename="../../ui/dashboard_view.py" line="492"/>
        <source>Dossiers received</source>
        <translation>Hồ sơ tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="266"/>
        <source>On-time status</source>
        <translation>Tình trạng đúng hạn</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="285"/>
        <source>By counter</source>
        <translation>Theo quầy</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="286"/>
        <source>By officer</source>
        <translation>Theo cán bộ</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="287"/>
        <source>By procedure</source>
        <translation>Theo thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="391"/>
        <source>loading…</source>
        <translation>đang tải…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="422"/>
        <source>Updated at {time}</source>
        <translation>Cập nhật lúc {time}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="437"/>
        <source>{n} dossiers re-used papers</source>
        <translation>{n} hồ sơ có tái sử dụng giấy tờ</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="443"/>
        <source>{n} dossiers fully digitized</source>
        <translation>{n} hồ sơ số hóa đủ thành phần</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="453"/>
        <source>{n} ratings</source>
        <translation>{n} lượt đánh giá</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="494"/>
        <source>Dossiers received per month</source>
        <translation>Hồ sơ tiếp nhận theo tháng</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="496"/>
        <source>Dossiers received per week</source>
        <translation>Hồ sơ tiếp nhận theo tuần</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="498"/>
        <source>Dossiers received per day</source>
        <translation>Hồ sơ tiếp nhận theo ngày</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="520"/>
        <source>early</source>
        <translation>trước hạn</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="521"/>
        <source>on time</source>
        <translation>đúng hạn</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="522"/>
        <location filename="../../ui/dashboard_view.py" line="604"/>
        <source>late</source>
        <translation>trễ hạn</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="549"/>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="550"/>
        <source>Received</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="551"/>
        <source>Accepted</source>
        <translation>Được tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="552"/>
        <source>Late</source>
        <translation>Trễ hạn</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="553"/>
        <source>Median handling</source>
        <translation>Thời gian tiếp nhận (trung vị)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="623"/>
        <source>Saving {name}…</source>
        <translation>Đang lưu {name}…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="626"/>
        <source>Saved {path}</source>
        <translation>Đã lưu {path}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="631"/>
        <source>Could not save the report</source>
        <translation>Không lưu được báo cáo</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="638"/>
        <source>Save report</source>
        <translation>Lưu báo cáo</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="640"/>
        <source>Excel workbook (*.xlsx);;PDF (*.pdf)</source>
        <translation>Tệp Excel (*.xlsx);;PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="642"/>
        <source>PDF (*.pdf);;Excel workbook (*.xlsx)</source>
        <translation>PDF (*.pdf);;Tệp Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_view.py" line="657"/>
        <source>Dossiers: {what} ({period})</source>
        <translation>Danh sách hồ sơ: {what} ({period})</translation>
    </message>
</context>
<context>
    <name>DiagnosticsView</name>
    <message>
        <location filename="../../ui/diagnostics_view.py" line="59"/>
        <source>&amp;Check again (F5)</source>
        <translation>&amp;Kiểm tra lại (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_view.py" line="60"/>
        <source>Write support &amp;bundle…</source>
        <translation>Ghi &amp;gói hỗ trợ…</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_view.py" line="66"/>
        <source>Check</source>
        <translation>Hạng mục</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_view.py" line="66"/>
        <source>Found</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_view.py" line="66"/>
        <source>What to do</source>
        <translation>Cần làm gì</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_view.py" line="96"/>
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_view.py" line="111"/>
        <source>All configured checks are fine ({seconds:.1f} s).</source>
        <translation>Mọi hạng mục đã cấu hình đều tốt ({seconds:.1f} giây).</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_view.py" line="115"/>
        <source>{count} check(s) need action — see «What to do».</source>
        <translation>{count} hạng mục cần xử lý — xem cột «Cần làm gì».</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_view.py" line="140"/>
        <source>Writing {name}…</source>
        <translation>Đang ghi {name}…</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_view.py" line="146"/>
        <source>Support bundle written: {path}. Send it to the support team.</source>
        <translation>Đã ghi gói hỗ trợ: {path}. Hãy gửi tệp này cho bộ phận hỗ trợ.</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_view.py" line="156"/>
        <source>Write support bundle</source>
        <translation>Ghi gói hỗ trợ</translation>
    </message>
    <message>
        <location filename="../../ui/diagnostics_view.py" line="156"/>
        <source>ZIP (*.zip)</source>
        <translation>Tệp ZIP (*.zip)</translation>
    </message>
</context>
<context>
    <name>DossierTable</name>
    <message>
        <location filename="../../ui/report_widgets.py" line="163"/>
        <source>Dossier</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/report_widgets.py" line="164"/>
        <source>Applicant</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <location filename="../../ui/report_widgets.py" line="165"/>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <location filename="../../ui/report_widgets.py" line="166"/>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/report_widgets.py" line="167"/>
        <source>Received</source>
        <translation>Ngày tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/report_widgets.py" line="168"/>
        <source>Appointment</source>
        <translation>Ngày hẹn trả</translation>
    </message>
    <message>
        <location filename="../../ui/report_widgets.py" line="169"/>
        <source>Finished</source>
        <translation>Ngày giải quyết xong</translation>
    </message>
    <message>
        <location filename="../../ui/report_widgets.py" line="170"/>
        <source>Deadline status</source>
        <translation>Tình trạng hạn</translation>
    </message>
</context>
<context>
    <name>DrillDownDialog</name>
    <message>
        <location filename="../../ui/report_widgets.py" line="247"/>
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message>
        <location filename="../../ui/report_widgets.py" line="251"/>
        <source>&amp;Open in the lookup tab</source>
        <translation>&amp;Mở trong tab Tra cứu</translation>
    </message>
    <message>
        <location filename="../../ui/report_widgets.py" line="253"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../ui/report_widgets.py" line="270"/>
        <source>{n} dossiers</source>
        <translation>{n} hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/report_widgets.py" line="272"/>
        <source>(only the first {n}; narrow the filters)</source>
        <translation>(chỉ hiện {n} mục đầu; hãy thu hẹp bộ lọc)</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/login.py" line="47"/>
        <source>First start: create the administrator</source>
        <translation>Khởi động lần đầu: tạo tài khoản quản trị</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="50"/>
        <source>No user exists yet. Create the administrator account and enter the identity of the receiving agency, as it is printed on receipts.</source>
        <translation>Chưa có người dùng nào. Hãy tạo tài khoản quản trị và nhập thông tin cơ quan tiếp nhận như sẽ in trên giấy tiếp nhận.</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="68"/>
        <source>&amp;User name:</source>
        <translation>&amp;Tên đăng nhập:</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="69"/>
        <source>&amp;Full name:</source>
        <translation>&amp;Họ và tên:</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="70"/>
        <source>&amp;Password:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="71"/>
        <source>Password &amp;again:</source>
        <translation>Nhập &amp;lại mật khẩu:</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="72"/>
        <source>Agency &amp;code:</source>
        <translation>&amp;Mã cơ quan:</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="73"/>
        <source>Agency &amp;name:</source>
        <translation>Tên &amp;cơ quan:</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="74"/>
        <source>&amp;Superior body:</source>
        <translation>Cơ quan &amp;chủ quản:</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="75"/>
        <source>Place &amp;name on forms:</source>
        <translation>Địa &amp;danh in trên biểu mẫu:</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="77"/>
        <source>Create</source>
        <translation>Tạo tài khoản</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="77"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="89"/>
        <source>The two passwords differ.</source>
        <translation>Hai lần nhập mật khẩu không khớp.</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="93"/>
        <source>Enter the agency code and name.</source>
        <translation>Hãy nhập mã và tên cơ quan.</translation>
    </message>
</context>
<context>
    <name>IdCardDialog</name>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="72"/>
        <source>Read ID card</source>
        <translation>Đọc thẻ căn cước</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="87"/>
        <source>Also add the card image to the paper «{paper}»</source>
        <translation>Thêm ảnh thẻ vào giấy tờ «{paper}» của hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="89"/>
        <source>Choose a paper first to add the card image to the dossier</source>
        <translation>Muốn thêm ảnh thẻ vào hồ sơ, hãy chọn giấy tờ trước</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="97"/>
        <source>Image files…</source>
        <translation>Tệp ảnh…</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="98"/>
        <source>&amp;Read card</source>
        <translation>Đọ&amp;c thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="101"/>
        <source>&amp;Stop</source>
        <translation>&amp;Dừng</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="103"/>
        <source>S&amp;ource:</source>
        <translation>&amp;Nguồn:</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="111"/>
        <source>Lay the card on the scanner or hold it to the camera.</source>
        <translation>Đặt thẻ lên máy quét hoặc đưa thẻ trước camera.</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="122"/>
        <source>Field</source>
        <translation>Trường</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="122"/>
        <source>Value</source>
        <translation>Giá trị</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="122"/>
        <source>From</source>
        <translation>Nguồn</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="132"/>
        <source>&amp;Fill in the form</source>
        <translation>Điền &amp;vào biểu mẫu</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="136"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="188"/>
        <source>Scanning the card…</source>
        <translation>Đang quét thẻ…</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="195"/>
        <source>Reading the card…</source>
        <translation>Đang đọc thẻ…</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="203"/>
        <source>Images of the ID card</source>
        <translation>Ảnh thẻ căn cước</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="204"/>
        <source>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.pdf)</source>
        <translation>Ảnh (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="223"/>
        <source>Hold the card still in front of the camera…</source>
        <translation>Giữ yên thẻ trước camera…</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="252"/>
        <source>Card read. Check the values, then fill in the form.</source>
        <translation>Đã đọc thẻ. Hãy kiểm tra các giá trị rồi điền vào biểu mẫu.</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="289"/>
        <source>ID card (camera)</source>
        <translation>Thẻ căn cước (camera)</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="345"/>
        <source>differs</source>
        <translation>không khớp</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="366"/>
        <source>Personal ID number</source>
        <translation>Số định danh</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="367"/>
        <source>Old ID card number</source>
        <translation>Số CMND cũ</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="368"/>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="369"/>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="370"/>
        <source>Sex</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="371"/>
        <source>Permanent address</source>
        <translation>Nơi thường trú</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="372"/>
        <source>Date of issue</source>
        <translation>Ngày cấp</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="373"/>
        <source>Valid until</source>
        <translation>Có giá trị đến</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="378"/>
        <source>QR code</source>
        <translation>mã QR</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="379"/>
        <source>MRZ</source>
        <translation>vùng MRZ</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="380"/>
        <source>printed front</source>
        <translation>chữ in mặt trước</translation>
    </message>
    <message>
        <location filename="../../ui/idcard_dialog.py" line="381"/>
        <source>typed</source>
        <translation>đã gõ</translation>
    </message>
</context>
<context>
    <name>IntakeView</name>
    <message>
        <location filename="../../ui/intake_view.py" line="92"/>
        <source>Scan</source>
        <translation>Quét giấy tờ</translation>
    </message>
    <message>
        <location filename="../../ui/intake_view.py" line="93"/>
        <source>Attached file</source>
        <translation>Tệp đính kèm</translation>
    </message>
    <message>
        <location filename="../../ui/intake_view.py" line="96"/>
        <source>&amp;Attach files… (Ctrl+O)</source>
        <translation>Đính &amp;kèm tệp… (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_view.py" line="97"/>
        <source>Remove attached files</source>
        <translation>Bỏ tệp đã đính kèm</translation>
    </message>
    <message>
        <location filename="../../ui/intake_view.py" line="98"/>
        <source>3. Papers</source>
        <translation>3. Thành phần hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/intake_view.py" line="111"/>
        <source>Reason (required to request a supplement or refuse)</source>
        <translation>Lý do (bắt buộc khi yêu cầu bổ sung hoặc từ chối)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_view.py" line="113"/>
        <source>Accept and issue receipt (Ctrl+Enter)</source>
        <translation>Tiếp nhận và cấp giấy hẹn (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_view.py" line="115"/>
        <source>Request supplement</source>
        <translation>Yêu cầu bổ sung</translation>
    </message>
    <message>
        <location filename="../../ui/intake_view.py" line="116"/>
        <source>Refuse</source>
        <translation>Từ chối</translation>
    </message>
    <message>
        <location filename="../../ui/intake_view.py" line="120"/>
        <source>4. Outcome</source>
        <translation>4. Kết quả tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/intake_view.py" line="130"/>
        <source>Dossier taken in</source>
        <translation>Hồ sơ đã tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/intake_view.py" line="140"/>
        <source>&amp;Print (Ctrl+P)</source>
        <translation>&amp;In (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_view.py" line="141"/>
        <source>&amp;Save PDF…</source>
        <translation>&amp;Lưu PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/intake_view.py" line="142"/>
        <source>&amp;New dossier (Ctrl+N)</source>
        <translation>Hồ sơ &amp;mới (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_view.py" line="259"/>
        <source>{held} of {reusable} re-usable papers are already in the vault</source>
        <translation>Đã có {held}/{reusable} giấy tờ tái sử dụng được trong kho</translation>
    </message>
    <message>
        <location filename="../../ui/intake_view.py" line="263"/>
        <source>(local vault only: {why}).</source>
        <translation>(chỉ kho cục bộ: {why}).</translation>
    </message>
    <message>
        <location filename="../../ui/intake_view.py" line="265"/>
        <source>(this counter&apos;s and the province&apos;s).</source>
        <translation>(kho của quầy và kho dữ liệu tỉnh).</translation>
    </message>
    <message>
        <location filename="../../ui/intake_view.py" line="281"/>
        <source>Choose a procedure and a paper first.</source>
        <translation>Hãy chọn thủ tục và thành phần hồ sơ trước.</translation>
    </message>
    <message>
        <location filename="../../ui/intake_view.py" line="286"/>
        <source>Attach scanned papers</source>
        <translation>Đính kèm giấy tờ đã quét</translation>
    </message>
    <message>
        <location filename="../../ui/intake_view.py" line="288"/>
        <source>Papers ({patterns})</source>
        <translation>Giấy tờ ({patterns})</translation>
    </message>
    <message>
        <location filename="../../ui/intake_view.py" line="294"/>
        <source>Checking the files…</source>
        <translation>Đang kiểm tra tệp…</translation>
    </message>
    <message>
        <location filename="../../ui/intake_view.py" line="317"/>
        <source>Correct the citizen&apos;s details marked in red.</source>
        <translation>Hãy sửa các thông tin công dân được đánh dấu đỏ.</translation>
    </message>
    <message>
        <location filename="../../ui/intake_view.py" line="320"/>
        <source>Choose the procedure.</source>
        <translation>Hãy chọn thủ tục.</translation>
    </message>
    <message>
        <location filename="../../ui/intake_view.py" line="326"/>
        <source>Required papers missing: {names}. Attach them or request a supplement.</source>
        <translation>Còn thiếu giấy tờ bắt buộc: {names}. Hãy đính kèm hoặc chọn «Yêu cầu bổ sung».</translation>
    </message>
    <message>
        <location filename="../../ui/intake_view.py" line="331"/>
        <source>Pages are still being recognized; wait a moment.</source>
        <translation>Còn trang đang được nhận dạng chữ; hãy chờ giây lát.</translation>
    </message>
    <message>
        <location filename="../../ui/intake_view.py" line="334"/>
        <source>Enter the reason.</source>
        <translation>Hãy nhập lý do.</translation>
    </message>
    <message>
        <location filename="../../ui/intake_view.py" line="352"/>
        <source>Saving the dossier…</source>
        <translation>Đang lưu hồ sơ…</translation>
    </message>
    <message>
        <location filename="../../ui/intake_view.py" line="381"/>
        <source>Accepted. Appointment: {when}. Papers re-used from the vault: {n}.</source>
        <translation>Đã tiếp nhận. Hẹn trả: {when}. Giấy tờ tái sử dụng từ kho: {n}.</translation>
    </message>
</context>
<context>
    <name>LateView</name>
    <message>
        <location filename="../../ui/late_view.py" line="314"/>
        <location filename="../../ui/late_view.py" line="354"/>
        <source>loading…</source>
        <translation>đang tải…</translation>
    </message>
    <message>
        <location filename="../../ui/late_view.py" line="318"/>
        <source>Print an &amp;apology letter…</source>
        <translation>In văn bản &amp;xin lỗi…</translation>
    </message>
    <message>
        <location filename="../../ui/late_view.py" line="319"/>
        <source>Print the &amp;control sheet</source>
        <translation>In phiếu &amp;kiểm soát</translation>
    </message>
    <message>
        <location filename="../../ui/late_view.py" line="320"/>
        <source>&amp;Refresh (F5)</source>
        <translation>&amp;Làm mới (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/late_view.py" line="323"/>
        <source>Red: past the appointment. Amber: due within one working day.</source>
        <translation>Đỏ: đã quá ngày hẹn. Vàng cam: đến hạn trong vòng một ngày làm việc.</translation>
    </message>
    <message>
        <location filename="../../ui/late_view.py" line="368"/>
        <source>{overdue} overdue, {near} due soon · updated at {time}</source>
        <translation>{overdue} quá hạn, {near} sắp đến hạn · cập nhật lúc {time}</translation>
    </message>
    <message>
        <location filename="../../ui/late_view.py" line="381"/>
        <location filename="../../ui/late_view.py" line="397"/>
        <source>Select a dossier first.</source>
        <translation>Hãy chọn một hồ sơ trước.</translation>
    </message>
    <message>
        <location filename="../../ui/late_view.py" line="385"/>
        <source>Only a dossier past its appointment needs an apology letter.</source>
        <translation>Chỉ hồ sơ đã quá ngày hẹn mới cần văn bản xin lỗi.</translation>
    </message>
    <message>
        <location filename="../../ui/late_view.py" line="400"/>
        <source>Making the control sheet…</source>
        <translation>Đang tạo phiếu kiểm soát…</translation>
    </message>
    <message>
        <location filename="../../ui/late_view.py" line="405"/>
        <source>Control sheet {code}</source>
        <translation>Phiếu kiểm soát {code}</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login.py" line="121"/>
        <source>Log in — One-stop counter</source>
        <translation>Đăng nhập — Bộ phận Một cửa</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="126"/>
        <source>&amp;User name:</source>
        <translation>&amp;Tên đăng nhập:</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="127"/>
        <source>&amp;Password:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="129"/>
        <source>Log in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="129"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>LookupView</name>
    <message>
        <location filename="../../ui/lookup_view.py" line="43"/>
        <source>Dossier code, or scan the QR of the receipt with the barcode reader</source>
        <translation>Mã hồ sơ, hoặc quét mã QR trên giấy tiếp nhận bằng đầu đọc mã</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="45"/>
        <source>&amp;Find</source>
        <translation>&amp;Tìm</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="51"/>
        <source>Search the text of digitized papers (with or without diacritics)</source>
        <translation>Tìm trong nội dung giấy tờ đã số hóa (gõ có dấu hoặc không dấu)</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="53"/>
        <source>Search &amp;text</source>
        <translation>Tìm &amp;nội dung</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="54"/>
        <source>&amp;Print form again</source>
        <translation>&amp;In lại biểu mẫu</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="80"/>
        <location filename="../../ui/lookup_view.py" line="89"/>
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="103"/>
        <source>No digitized paper contains these words.</source>
        <translation>Không có giấy tờ số hóa nào chứa các từ này.</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="106"/>
        <source>{n} pages found.</source>
        <translation>Tìm thấy {n} trang.</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="108"/>
        <source>page {n}</source>
        <translation>trang {n}</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="130"/>
        <source>waiting to be sent</source>
        <translation>đang chờ chuyển</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="131"/>
        <source>sending</source>
        <translation>đang chuyển</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="132"/>
        <source>delivered</source>
        <translation>đã chuyển đến cơ quan giải quyết</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="133"/>
        <source>rejected</source>
        <translation>bị từ chối nhận</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="134"/>
        <source>failed, needs attention</source>
        <translation>không chuyển được, cần xử lý</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="137"/>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="138"/>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="139"/>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="141"/>
        <source>Applicant</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="144"/>
        <source>Received</source>
        <translation>Tiếp nhận lúc</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="145"/>
        <source>Appointment</source>
        <translation>Hẹn trả</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="146"/>
        <source>Received by</source>
        <translation>Người tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="147"/>
        <source>Transfer</source>
        <translation>Chuyển hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="150"/>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="155"/>
        <source>re-used from the vault</source>
        <translation>tái sử dụng từ kho</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="157"/>
        <source>handed in</source>
        <translation>đã nộp</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="159"/>
        <source>missing</source>
        <translation>còn thiếu</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="159"/>
        <source>not provided</source>
        <translation>không nộp</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="34"/>
        <source>One-stop counter — {agency}</source>
        <translation>Bộ phận Một cửa — {agency}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="42"/>
        <source>&amp;Intake</source>
        <translation>&amp;Tiếp nhận hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="43"/>
        <source>&amp;Look up dossier</source>
        <translation>Tra &amp;cứu hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="45"/>
        <source>&amp;Transfer queue</source>
        <translation>&amp;Chuyển hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="54"/>
        <source>Dash&amp;board</source>
        <translation>Tổng &amp;hợp</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="55"/>
        <source>Late &amp;dossiers</source>
        <translation>Hồ sơ t&amp;rễ hạn</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="56"/>
        <source>Access lo&amp;g</source>
        <translation>Nhật &amp;ký truy cập</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="63"/>
        <source>D&amp;iagnostics</source>
        <translation>Chẩn đ&amp;oán</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="68"/>
        <source>&amp;Quit</source>
        <translation>T&amp;hoát</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="71"/>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="73"/>
        <source>Hub: not configured — vault lookups are local only</source>
        <translation>Máy chủ tỉnh: chưa cấu hình — chỉ tra cứu kho cục bộ</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="78"/>
        <source>{name} ({role}) · counter {counter} · {agency}</source>
        <translation>{name} ({role}) · quầy {counter} · {agency}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="102"/>
        <source>Hub: connected</source>
        <translation>Máy chủ tỉnh: đã kết nối</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="104"/>
        <source>Hub: {problem}</source>
        <translation>Máy chủ tỉnh: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="109"/>
        <source>Hub unreachable — vault lookups are local only. {why}</source>
        <translation>Không kết nối được máy chủ tỉnh — chỉ tra cứu kho cục bộ. {why}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="127"/>
        <source>counter officer</source>
        <translation>cán bộ tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="128"/>
        <source>supervisor</source>
        <translation>lãnh đạo bộ phận</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="129"/>
        <source>technician</source>
        <translation>kỹ thuật viên</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="130"/>
        <source>administrator</source>
        <translation>quản trị viên</translation>
    </message>
</context>
<context>
    <name>PdfPrinter</name>
    <message>
        <location filename="../../ui/pdf_output.py" line="76"/>
        <source>Printing failed</source>
        <translation>In không thành công</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_output.py" line="82"/>
        <source>Save PDF</source>
        <translation>Lưu PDF</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_output.py" line="82"/>
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_output.py" line="92"/>
        <source>Could not save</source>
        <translation>Không lưu được</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_output.py" line="93"/>
        <source>Could not write {path}: {error}. Choose another folder.</source>
        <translation>Không ghi được {path}: {error}. Hãy chọn thư mục khác.</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <location filename="../../ui/preview.py" line="29"/>
        <source>Select an attached paper to see it here.</source>
        <translation>Chọn một giấy tờ đã đính kèm để xem tại đây.</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="36"/>
        <source>◀ Previous page</source>
        <translation>◀ Trang trước</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="37"/>
        <source>Next page ▶</source>
        <translation>Trang sau ▶</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="73"/>
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="86"/>
        <source>{name} — page {page} of {count}</source>
        <translation>{name} — trang {page} / {count}</translation>
    </message>
</context>
<context>
    <name>ProcedurePicker</name>
    <message>
        <location filename="../../ui/procedure_picker.py" line="25"/>
        <source>2. Procedure</source>
        <translation>2. Thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/procedure_picker.py" line="29"/>
        <source>Search by name or code, e.g. khai sinh</source>
        <translation>Tìm theo tên hoặc mã, ví dụ: khai sinh</translation>
    </message>
</context>
<context>
    <name>RatingDialog</name>
    <message>
        <location filename="../../ui/satisfaction.py" line="85"/>
        <source>Citizen&apos;s satisfaction</source>
        <translation>Mức độ hài lòng của công dân</translation>
    </message>
    <message>
        <location filename="../../ui/satisfaction.py" line="88"/>
        <source>Dossier {code}: how satisfied is the citizen with the service?
Ask, then press 1, 2 or 3 (Esc: skip).</source>
        <translation>Hồ sơ {code}: công dân có hài lòng với việc tiếp nhận không?
Hãy hỏi công dân rồi bấm 1, 2 hoặc 3 (Esc: bỏ qua).</translation>
    </message>
    <message>
        <location filename="../../ui/satisfaction.py" line="97"/>
        <source>Skip (Esc)</source>
        <translation>Bỏ qua (Esc)</translation>
    </message>
</context>
<context>
    <name>ScanPanel</name>
    <message>
        <location filename="../../ui/scan_panel.py" line="159"/>
        <source>&amp;Scan (F5)</source>
        <translation>&amp;Quét (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="160"/>
        <source>From &amp;files…</source>
        <translation>Từ &amp;tệp…</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="161"/>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="163"/>
        <source>Rotate ↻ (Ctrl+R)</source>
        <translation>Xoay ↻ (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="164"/>
        <source>Delete page (Del)</source>
        <translation>Xóa trang (Del)</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="165"/>
        <source>Rescan page</source>
        <translation>Quét lại trang</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="167"/>
        <source>Move to paper</source>
        <translation>Chuyển sang giấy tờ</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="178"/>
        <location filename="../../ui/scan_panel.py" line="528"/>
        <source>Scanned pages appear here.</source>
        <translation>Các trang đã quét hiện ở đây.</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="184"/>
        <source>%v of %m pages recognized</source>
        <translation>Đã nhận dạng %v/%m trang</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="237"/>
        <source>Looking for scanners…</source>
        <translation>Đang tìm máy quét…</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="248"/>
        <source>No scanner found — use files</source>
        <translation>Không thấy máy quét — hãy dùng tệp</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="287"/>
        <source>Choose a scanner first, or add pages from files.</source>
        <translation>Hãy chọn máy quét, hoặc thêm trang từ tệp.</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="295"/>
        <source>Pages from files</source>
        <translation>Thêm trang từ tệp</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="297"/>
        <source>Papers ({patterns})</source>
        <translation>Giấy tờ ({patterns})</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="311"/>
        <source>Choose the procedure and the paper first.</source>
        <translation>Hãy chọn thủ tục và thành phần hồ sơ trước.</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="320"/>
        <location filename="../../ui/scan_panel.py" line="409"/>
        <source>Scanning…</source>
        <translation>Đang quét…</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="146"/>
        <source>Cancelled.</source>
        <translation>Đã hủy.</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="393"/>
        <source>A blank page was left out.</source>
        <translation>Đã bỏ một trang trắng.</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="410"/>
        <source>Scanning finished.</source>
        <translation>Đã quét xong.</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="457"/>
        <source>Select one page and a scanner to rescan it.</source>
        <translation>Hãy chọn một trang và máy quét để quét lại.</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="508"/>
        <source>Page {n}</source>
        <translation>Trang {n}</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="538"/>
        <source>Rotation {r}°, skew {s:.1f}°, confidence {c}</source>
        <translation>Xoay {r}°, nghiêng {s:.1f}°, độ tin cậy {c}</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="546"/>
        <source>Recognizing…</source>
        <translation>Đang nhận dạng chữ…</translation>
    </message>
</context>
<context>
    <name>TransferView</name>
    <message>
        <location filename="../../ui/transfer_view.py" line="70"/>
        <source>Dossier</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/transfer_view.py" line="71"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/transfer_view.py" line="72"/>
        <source>Attempts</source>
        <translation>Số lần gửi</translation>
    </message>
    <message>
        <location filename="../../ui/transfer_view.py" line="73"/>
        <source>Next attempt</source>
        <translation>Gửi lại lúc</translation>
    </message>
    <message>
        <location filename="../../ui/transfer_view.py" line="74"/>
        <source>Last error</source>
        <translation>Lỗi gần nhất</translation>
    </message>
    <message>
        <location filename="../../ui/transfer_view.py" line="80"/>
        <source>&amp;Send now</source>
        <translation>&amp;Gửi ngay</translation>
    </message>
    <message>
        <location filename="../../ui/transfer_view.py" line="81"/>
        <source>&amp;Retry selected</source>
        <translation>Gửi &amp;lại hồ sơ đã chọn</translation>
    </message>
    <message>
        <location filename="../../ui/transfer_view.py" line="82"/>
        <source>S&amp;top selected</source>
        <translation>&amp;Dừng chuyển hồ sơ đã chọn</translation>
    </message>
    <message>
        <location filename="../../ui/transfer_view.py" line="115"/>
        <source>Sending…</source>
        <translation>Đang gửi…</translation>
    </message>
    <message>
        <location filename="../../ui/transfer_view.py" line="133"/>
        <source>Select a dossier first.</source>
        <translation>Hãy chọn một hồ sơ trước.</translation>
    </message>
    <message>
        <location filename="../../ui/transfer_view.py" line="155"/>
        <source>waiting</source>
        <translation>đang chờ</translation>
    </message>
    <message>
        <location filename="../../ui/transfer_view.py" line="156"/>
        <source>sending</source>
        <translation>đang gửi</translation>
    </message>
    <message>
        <location filename="../../ui/transfer_view.py" line="157"/>
        <source>delivered</source>
        <translation>đã chuyển</translation>
    </message>
    <message>
        <location filename="../../ui/transfer_view.py" line="158"/>
        <source>rejected by the hub</source>
        <translation>máy chủ tỉnh từ chối</translation>
    </message>
    <message>
        <location filename="../../ui/transfer_view.py" line="159"/>
        <source>stopped</source>
        <translation>đã dừng</translation>
    </message>
</context>
<context>
    <name>report_widgets</name>
    <message>
        <location filename="../../ui/report_widgets.py" line="46"/>
        <source>{m} min</source>
        <translation>{m} phút</translation>
    </message>
    <message>
        <location filename="../../ui/report_widgets.py" line="47"/>
        <source>{h} h {m:02d}</source>
        <translation>{h} giờ {m:02d}</translation>
    </message>
    <message>
        <location filename="../../ui/report_widgets.py" line="220"/>
        <source>early</source>
        <translation>trước hạn</translation>
    </message>
    <message>
        <location filename="../../ui/report_widgets.py" line="221"/>
        <source>on time</source>
        <translation>đúng hạn</translation>
    </message>
    <message>
        <location filename="../../ui/report_widgets.py" line="222"/>
        <source>late</source>
        <translation>quá hạn</translation>
    </message>
    <message>
        <location filename="../../ui/report_widgets.py" line="223"/>
        <source>in progress, in time</source>
        <translation>đang giải quyết, trong hạn</translation>
    </message>
    <message>
        <location filename="../../ui/report_widgets.py" line="224"/>
        <source>in progress, overdue</source>
        <translation>đang giải quyết, quá hạn</translation>
    </message>
    <message>
        <location filename="../../ui/report_widgets.py" line="225"/>
        <source>no appointment</source>
        <translation>không hẹn trả</translation>
    </message>
</context>
<context>
    <name>satisfaction</name>
    <message>
        <location filename="../../ui/satisfaction.py" line="53"/>
        <source>Very satisfied</source>
        <translation>Rất hài lòng</translation>
    </message>
    <message>
        <location filename="../../ui/satisfaction.py" line="54"/>
        <source>Satisfied</source>
        <translation>Hài lòng</translation>
    </message>
    <message>
        <location filename="../../ui/satisfaction.py" line="55"/>
        <source>Not satisfied</source>
        <translation>Không hài lòng</translation>
    </message>
</context>
</TS>
