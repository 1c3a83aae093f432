<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AgencyPage</name>
    <message>
        <location filename="../../ui/settings/agency_page.py" line="54"/>
        <source>Agency &amp;code:</source>
        <translation>&amp;Mã cơ quan:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/agency_page.py" line="55"/>
        <source>Agency &amp;name:</source>
        <translation>&amp;Tên cơ quan:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/agency_page.py" line="56"/>
        <source>Su&amp;perior agency:</source>
        <translation>Cơ quan &amp;cấp trên:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/agency_page.py" line="57"/>
        <source>Uni&amp;t name:</source>
        <translation>Tên đơn &amp;vị:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/agency_page.py" line="58"/>
        <source>Place (on the &amp;date line):</source>
        <translation>Địa &amp;danh (ghi ở dòng ngày tháng):</translation>
    </message>
    <message>
        <location filename="../../ui/settings/agency_page.py" line="59"/>
        <source>Add&amp;ress:</source>
        <translation>Đị&amp;a chỉ:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/agency_page.py" line="60"/>
        <source>&amp;Hotline:</source>
        <translation>Đường dây &amp;nóng:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/agency_page.py" line="61"/>
        <source>C&amp;ounter code:</source>
        <translation>Mã &amp;quầy:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/agency_page.py" line="62"/>
        <source>Counter na&amp;me:</source>
        <translation>Tên quầ&amp;y:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/agency_page.py" line="63"/>
        <source>&amp;Lookup URL:</source>
        <translation>Địa chỉ t&amp;ra cứu:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/agency_page.py" line="64"/>
        <source>Result deli&amp;very:</source>
        <translation>Nơi trả &amp;kết quả:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/agency_page.py" line="73"/>
        <source>e.g. https://dichvucong.example.gov.vn/tra-cuu?ma={code}</source>
        <translation>ví dụ https://dichvucong.example.gov.vn/tra-cuu?ma={code}</translation>
    </message>
    <message>
        <location filename="../../ui/settings/agency_page.py" line="76"/>
        <source>{code} is replaced by the dossier code in the receipt&apos;s QR code.</source>
        <translation>{code} được thay bằng mã hồ sơ trong mã QR của giấy biên nhận.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/agency_page.py" line="82"/>
        <source>&amp;Form templates:</source>
        <translation>&amp;Bộ mẫu biểu:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/agency_page.py" line="85"/>
        <source>Agency and counter</source>
        <translation>Cơ quan và quầy</translation>
    </message>
</context>
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
        <location filename="../../ui/audit_view.py" line="82"/>
        <location filename="../../ui/audit_view.py" line="150"/>
        <source>All users</source>
        <translation>Tất cả người dùng</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="85"/>
        <source>12 digits</source>
        <translation>12 chữ số</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="95"/>
        <source>Words in the entry (with or without diacritics)</source>
        <translation>Từ cần tìm trong nhật ký (có hoặc không dấu)</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="96"/>
        <source>&amp;Search (F5)</source>
        <translation>&amp;Tìm (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="102"/>
        <source>&amp;From:</source>
        <translation>&amp;Từ ngày:</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="103"/>
        <source>&amp;To:</source>
        <translation>Đế&amp;n ngày:</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="104"/>
        <source>&amp;User:</source>
        <translation>&amp;Người dùng:</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="105"/>
        <source>&amp;Citizen ID:</source>
        <translation>Số định &amp;danh công dân:</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="106"/>
        <source>Acti&amp;on:</source>
        <translation>&amp;Thao tác:</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="113"/>
        <source>&amp;Words:</source>
        <translation>Từ &amp;khóa:</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="122"/>
        <source>Time</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="123"/>
        <source>User</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="124"/>
        <source>Action</source>
        <translation>Thao tác</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="125"/>
        <source>Object</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="126"/>
        <source>Key</source>
        <translation>Mã</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="127"/>
        <source>Citizen</source>
        <translation>Công dân</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="128"/>
        <source>Detail</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="173"/>
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="186"/>
        <source>(system)</source>
        <translation>(hệ thống)</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="198"/>
        <source>{n} entries</source>
        <translation>{n} mục</translation>
    </message>
    <message>
        <location filename="../../ui/audit_view.py" line="200"/>
        <source>(only the first {n}; narrow the filters)</source>
        <translation>(chỉ hiện {n} mục đầu; hãy thu hẹp bộ lọc)</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <location filename="../../ui/settings/calendar_page.py" line="208"/>
        <source>Extra days off</source>
        <extracomment>The preview of the next working days was recomputed. The preview counts the working days after this date (tests fix it).</extracomment>
        <translation>Ngày nghỉ thêm</translation>
    </message>
    <message>
        <location filename="../../ui/settings/calendar_page.py" line="209"/>
        <source>&amp;Extra day off:</source>
        <translation>&amp;Ngày nghỉ thêm:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/calendar_page.py" line="210"/>
        <source>Add &amp;day off</source>
        <translation>Thêm ngà&amp;y nghỉ</translation>
    </message>
    <message>
        <location filename="../../ui/settings/calendar_page.py" line="211"/>
        <source>Re&amp;move day off</source>
        <translation>&amp;Xoá ngày nghỉ</translation>
    </message>
    <message>
        <location filename="../../ui/settings/calendar_page.py" line="215"/>
        <source>Compensatory working days</source>
        <translation>Ngày làm bù</translation>
    </message>
    <message>
        <location filename="../../ui/settings/calendar_page.py" line="216"/>
        <source>&amp;Compensatory working day:</source>
        <translation>Ngày làm &amp;bù:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/calendar_page.py" line="217"/>
        <source>Add &amp;working day</source>
        <translation>Thêm ngày là&amp;m bù</translation>
    </message>
    <message>
        <location filename="../../ui/settings/calendar_page.py" line="218"/>
        <source>Remo&amp;ve working day</source>
        <translation>Xoá n&amp;gày làm bù</translation>
    </message>
    <message>
        <location filename="../../ui/settings/calendar_page.py" line="230"/>
        <source>Public holidays and weekends are known to the program. The same-day cut-off hour is set for each procedure in the catalog, not here.</source>
        <translation>Chương trình đã biết các ngày lễ, Tết và ngày nghỉ cuối tuần. Giờ chốt nhận hồ sơ trả trong ngày được đặt cho từng thủ tục trong danh mục, không đặt ở đây.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/calendar_page.py" line="238"/>
        <source>Next {n} working days</source>
        <translation>{n} ngày làm việc tiếp theo</translation>
    </message>
    <message>
        <location filename="../../ui/settings/calendar_page.py" line="254"/>
        <source>Working calendar</source>
        <translation>Lịch làm việc</translation>
    </message>
    <message>
        <location filename="../../ui/settings/calendar_page.py" line="259"/>
        <source>{day} is already in “{other}”: a day cannot be both.</source>
        <translation>Ngày {day} đã có trong «{other}»: một ngày không thể thuộc cả hai bảng.</translation>
    </message>
</context>
<context>
    <name>CatalogPage</name>
    <message>
        <location filename="../../ui/settings/catalog_page.py" line="76"/>
        <source>Version</source>
        <extracomment>A file was checked: whether it can be loaded, and the message shown. &quot;Apply&quot; ended: whether the catalog was loaded, and the message shown. Asks for the file to import (&quot;&quot; when cancelled); tests put their own here.</extracomment>
        <translation>Phiên bản</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog_page.py" line="77"/>
        <source>Loaded at</source>
        <translation>Nạp lúc</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog_page.py" line="78"/>
        <source>In use</source>
        <translation>Đang dùng</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog_page.py" line="79"/>
        <source>Procedures</source>
        <translation>Số thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog_page.py" line="80"/>
        <source>Dossiers taken in</source>
        <translation>Hồ sơ đã tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog_page.py" line="90"/>
        <source>&amp;Versions loaded:</source>
        <translation>&amp;Các phiên bản đã nạp:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog_page.py" line="92"/>
        <source>&amp;Import file…</source>
        <translation>&amp;Nhập tệp…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog_page.py" line="94"/>
        <source>&amp;Apply this catalog</source>
        <translation>Á&amp;p dụng danh mục này</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog_page.py" line="100"/>
        <source>C&amp;hanges in the file:</source>
        <translation>Các thay đổi t&amp;rong tệp:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog_page.py" line="120"/>
        <source>Catalog</source>
        <translation>Danh mục</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog_page.py" line="124"/>
        <source>Catalog file</source>
        <translation>Tệp danh mục</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog_page.py" line="124"/>
        <source>Catalog files (*.json)</source>
        <translation>Tệp danh mục (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog_page.py" line="133"/>
        <source>Catalog in use: {version}, loaded {at}, {count} procedures.</source>
        <translation>Danh mục đang dùng: {version}, nạp lúc {at}, {count} thủ tục.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog_page.py" line="139"/>
        <source>No catalog is loaded.</source>
        <translation>Chưa nạp danh mục nào.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog_page.py" line="146"/>
        <source>in use</source>
        <translation>đang dùng</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog_page.py" line="163"/>
        <source>Checking {file}…</source>
        <translation>Đang kiểm tra {file}…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog_page.py" line="179"/>
        <source>The file has {count} errors; nothing can be loaded.</source>
        <translation>Tệp có {count} lỗi; không nạp được gì.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog_page.py" line="184"/>
        <source> (line {line})</source>
        <translation> (dòng {line})</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog_page.py" line="193"/>
        <source>No difference in procedures and document types. Apply loads it anyway.</source>
        <translation>Không có khác biệt về thủ tục và loại giấy tờ. Bấm «Áp dụng» vẫn nạp danh mục này.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog_page.py" line="195"/>
        <source>Check the changes listed, then press Apply to load catalog {version}.</source>
        <translation>Hãy xem các thay đổi được liệt kê, rồi bấm «Áp dụng» để nạp danh mục {version}.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog_page.py" line="235"/>
        <source>In use: {active} → in the file: {candidate}</source>
        <translation>Đang dùng: {active} → trong tệp: {candidate}</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog_page.py" line="239"/>
        <source>Procedures added ({count})</source>
        <translation>Thủ tục thêm mới ({count})</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog_page.py" line="240"/>
        <source>Procedures removed ({count})</source>
        <translation>Thủ tục bị bỏ ({count})</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog_page.py" line="241"/>
        <source>Procedures changed ({count})</source>
        <translation>Thủ tục thay đổi ({count})</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog_page.py" line="242"/>
        <source>Document types added ({count})</source>
        <translation>Loại giấy tờ thêm mới ({count})</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog_page.py" line="243"/>
        <source>Document types removed ({count})</source>
        <translation>Loại giấy tờ bị bỏ ({count})</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog_page.py" line="244"/>
        <source>Document types changed ({count})</source>
        <translation>Loại giấy tờ thay đổi ({count})</translation>
    </message>
    <message>
        <location filename="../../ui/settings/catalog_page.py" line="255"/>
        <source>Loading the catalog…</source>
        <translation>Đang nạp danh mục…</translation>
    </message>
</context>
<context>
    <name>CertificatePage</name>
    <message>
        <location filename="../../ui/settings/certificate_page.py" line="114"/>
        <source>&amp;Import…</source>
        <extracomment>A certificate was opened (True) or refused (False, the reason).</extracomment>
        <translation>&amp;Nhập…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/certificate_page.py" line="120"/>
        <source>empty: only the certificate&apos;s own validity is checked</source>
        <translation>để trống: chỉ kiểm tra thời hạn của chính chứng thư</translation>
    </message>
    <message>
        <location filename="../../ui/settings/certificate_page.py" line="123"/>
        <source>C&amp;hoose…</source>
        <translation>Chọn tệ&amp;p…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/certificate_page.py" line="130"/>
        <source>Certificate</source>
        <translation>Chứng thư số</translation>
    </message>
    <message>
        <location filename="../../ui/settings/certificate_page.py" line="133"/>
        <source>Name:</source>
        <translation>Tên:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/certificate_page.py" line="134"/>
        <source>Organisation:</source>
        <translation>Tổ chức:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/certificate_page.py" line="135"/>
        <source>Issued by:</source>
        <translation>Tổ chức cấp:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/certificate_page.py" line="136"/>
        <source>Serial number:</source>
        <translation>Số hiệu:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/certificate_page.py" line="137"/>
        <source>Valid from:</source>
        <translation>Hiệu lực từ:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/certificate_page.py" line="138"/>
        <source>Valid until:</source>
        <translation>Hiệu lực đến:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/certificate_page.py" line="139"/>
        <source>Days left:</source>
        <translation>Còn lại:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/certificate_page.py" line="155"/>
        <source>Certificate pass&amp;word:</source>
        <translation>Mật &amp;khẩu chứng thư:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/certificate_page.py" line="157"/>
        <source>Certificate &amp;file:</source>
        <translation>&amp;Tệp chứng thư:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/certificate_page.py" line="159"/>
        <source>&amp;Trusted CA (PEM):</source>
        <translation>CA tin cậ&amp;y (PEM):</translation>
    </message>
    <message>
        <location filename="../../ui/settings/certificate_page.py" line="166"/>
        <source>Type the certificate&apos;s password, then choose its .p12/.pfx file with Import…; press Enter in the password field to check it again.</source>
        <translation>Nhập mật khẩu của chứng thư số, rồi chọn tệp .p12/.pfx bằng nút Nhập…; nhấn Enter trong ô mật khẩu để kiểm tra lại.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/certificate_page.py" line="181"/>
        <source>Signing certificate</source>
        <translation>Chứng thư số ký</translation>
    </message>
    <message>
        <location filename="../../ui/settings/certificate_page.py" line="188"/>
        <source>(saved)</source>
        <translation>(đã lưu)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/certificate_page.py" line="193"/>
        <source>No certificate installed: dossiers cannot be signed.</source>
        <translation>Chưa cài chứng thư số: chưa ký được hồ sơ.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/certificate_page.py" line="273"/>
        <source>Password changed: press Enter to check it again.</source>
        <translation>Mật khẩu đã đổi: nhấn Enter để kiểm tra lại.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/certificate_page.py" line="282"/>
        <source>Opening the certificate…</source>
        <translation>Đang mở chứng thư số…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/certificate_page.py" line="309"/>
        <source>Certificate checked. Press Save to install it.</source>
        <translation>Đã kiểm tra chứng thư số. Bấm Lưu để cài đặt.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/certificate_page.py" line="323"/>
        <source>Certificate valid: dossiers are signed with it.</source>
        <translation>Chứng thư số còn hiệu lực: hồ sơ được ký bằng chứng thư này.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/certificate_page.py" line="349"/>
        <source>{days} days</source>
        <translation>{days} ngày</translation>
    </message>
    <message>
        <location filename="../../ui/settings/certificate_page.py" line="351"/>
        <source>expired {days} days ago</source>
        <translation>đã hết hạn {days} ngày trước</translation>
    </message>
    <message>
        <location filename="../../ui/settings/certificate_page.py" line="368"/>
        <source>Choose the agency certificate</source>
        <translation>Chọn chứng thư số của cơ quan</translation>
    </message>
    <message>
        <location filename="../../ui/settings/certificate_page.py" line="370"/>
        <source>PKCS#12 certificates (*.p12 *.pfx);;All files (*)</source>
        <translation>Chứng thư số PKCS#12 (*.p12 *.pfx);;Mọi tệp (*)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/certificate_page.py" line="377"/>
        <source>Choose the trusted CA file</source>
        <translation>Chọn tệp CA tin cậy</translation>
    </message>
    <message>
        <location filename="../../ui/settings/certificate_page.py" line="379"/>
        <source>CA certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Chứng thư CA (*.pem *.crt *.cer);;Mọi tệp (*)</translation>
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
    <name>DateListEditor</name>
    <message>
        <location filename="../../ui/settings/calendar_page.py" line="113"/>
        <source>{day} is already in the list.</source>
        <extracomment>The list changed. A date was not added; the message says why. Says why a date may not be added (e.g. it is in the other table), or None.</extracomment>
        <translation>Ngày {day} đã có trong danh sách.</translation>
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
    <name>HubPage</name>
    <message>
        <location filename="../../ui/settings/hub_page.py" line="82"/>
        <source>https://hub.example — empty: no hub</source>
        <extracomment>&quot;Test connection&quot; finished: everything fine (True) or not, and the hub&apos;s message.</extracomment>
        <translation>https://hub.example — để trống: không dùng máy chủ tỉnh</translation>
    </message>
    <message>
        <location filename="../../ui/settings/hub_page.py" line="88"/>
        <source>empty: the system&apos;s certificate authorities</source>
        <translation>để trống: dùng các CA của hệ điều hành</translation>
    </message>
    <message>
        <location filename="../../ui/settings/hub_page.py" line="89"/>
        <source>C&amp;hoose…</source>
        <translation>Chọn tệ&amp;p…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/hub_page.py" line="96"/>
        <source> s</source>
        <translation> giây</translation>
    </message>
    <message>
        <location filename="../../ui/settings/hub_page.py" line="100"/>
        <source>Test &amp;connection</source>
        <translation>&amp;Kiểm tra kết nối</translation>
    </message>
    <message>
        <location filename="../../ui/settings/hub_page.py" line="110"/>
        <source>Hub &amp;address:</source>
        <translation>Đị&amp;a chỉ máy chủ:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/hub_page.py" line="111"/>
        <source>Access &amp;token:</source>
        <translation>&amp;Mã truy cập:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/hub_page.py" line="119"/>
        <source>CA &amp;file (PEM):</source>
        <translation>&amp;Tệp CA (PEM):</translation>
    </message>
    <message>
        <location filename="../../ui/settings/hub_page.py" line="122"/>
        <source>T&amp;ime-out:</source>
        <translation>Thời gian &amp;chờ:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/hub_page.py" line="143"/>
        <source>Province hub</source>
        <translation>Máy chủ tỉnh</translation>
    </message>
    <message>
        <location filename="../../ui/settings/hub_page.py" line="149"/>
        <source>(saved)</source>
        <translation>(đã lưu)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/hub_page.py" line="191"/>
        <source>No hub address: the counter works on its own.</source>
        <translation>Chưa có địa chỉ máy chủ tỉnh: quầy làm việc độc lập.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/hub_page.py" line="196"/>
        <source>Testing the connection to {url}…</source>
        <translation>Đang kiểm tra kết nối tới {url}…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/hub_page.py" line="205"/>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <location filename="../../ui/settings/hub_page.py" line="205"/>
        <source>no</source>
        <translation>không</translation>
    </message>
    <message>
        <location filename="../../ui/settings/hub_page.py" line="207"/>
        <source>unknown</source>
        <translation>không rõ</translation>
    </message>
    <message>
        <location filename="../../ui/settings/hub_page.py" line="209"/>
        <source>{seconds} s</source>
        <translation>{seconds} giây</translation>
    </message>
    <message>
        <location filename="../../ui/settings/hub_page.py" line="214"/>
        <source>Reachable: {answer}</source>
        <translation>Kết nối được: {answer}</translation>
    </message>
    <message>
        <location filename="../../ui/settings/hub_page.py" line="215"/>
        <source>Token accepted: {answer}</source>
        <translation>Mã truy cập được chấp nhận: {answer}</translation>
    </message>
    <message>
        <location filename="../../ui/settings/hub_page.py" line="216"/>
        <source>Clock difference: {skew}</source>
        <translation>Lệch đồng hồ: {skew}</translation>
    </message>
    <message>
        <location filename="../../ui/settings/hub_page.py" line="243"/>
        <source>Choose the hub&apos;s CA file</source>
        <translation>Chọn tệp CA của máy chủ tỉnh</translation>
    </message>
    <message>
        <location filename="../../ui/settings/hub_page.py" line="245"/>
        <source>CA certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Chứng thư CA (*.pem *.crt *.cer);;Mọi tệp (*)</translation>
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
        <location filename="../../ui/lookup_view.py" line="56"/>
        <source>Dossier code, or scan the QR of the receipt with the barcode reader</source>
        <extracomment>The result of this dossier was handed to the citizen (the rating is asked then).</extracomment>
        <translation>Mã hồ sơ, hoặc quét mã QR trên giấy tiếp nhận bằng đầu đọc mã</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="58"/>
        <source>&amp;Find</source>
        <translation>&amp;Tìm</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="64"/>
        <source>Search the text of digitized papers (with or without diacritics)</source>
        <translation>Tìm trong nội dung giấy tờ đã số hóa (gõ có dấu hoặc không dấu)</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="66"/>
        <source>Search &amp;text</source>
        <translation>Tìm &amp;nội dung</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="67"/>
        <source>&amp;Print form again</source>
        <translation>&amp;In lại biểu mẫu</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="69"/>
        <source>&amp;Hand over the result</source>
        <translation>Trả kết &amp;quả</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="72"/>
        <source>The citizen receives the result: the dossier becomes &apos;result returned&apos;.</source>
        <translation>Công dân nhận kết quả: hồ sơ chuyển sang «Đã trả kết quả».</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="104"/>
        <location filename="../../ui/lookup_view.py" line="113"/>
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="127"/>
        <source>No digitized paper contains these words.</source>
        <translation>Không có giấy tờ số hóa nào chứa các từ này.</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="130"/>
        <source>{n} pages found.</source>
        <translation>Tìm thấy {n} trang.</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="132"/>
        <source>page {n}</source>
        <translation>trang {n}</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="156"/>
        <source>waiting to be sent</source>
        <translation>đang chờ chuyển</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="157"/>
        <source>sending</source>
        <translation>đang chuyển</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="158"/>
        <source>delivered</source>
        <translation>đã chuyển đến cơ quan giải quyết</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="159"/>
        <source>rejected</source>
        <translation>bị từ chối nhận</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="160"/>
        <source>failed, needs attention</source>
        <translation>không chuyển được, cần xử lý</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="163"/>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="164"/>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="165"/>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="167"/>
        <source>Applicant</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="170"/>
        <source>Received</source>
        <translation>Tiếp nhận lúc</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="171"/>
        <source>Appointment</source>
        <translation>Hẹn trả</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="172"/>
        <source>Received by</source>
        <translation>Người tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="173"/>
        <source>Transfer</source>
        <translation>Chuyển hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="176"/>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="181"/>
        <source>re-used from the vault</source>
        <translation>tái sử dụng từ kho</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="183"/>
        <source>handed in</source>
        <translation>đã nộp</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="185"/>
        <source>missing</source>
        <translation>còn thiếu</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="185"/>
        <source>not provided</source>
        <translation>không nộp</translation>
    </message>
    <message>
        <location filename="../../ui/lookup_view.py" line="227"/>
        <source>Result of {code} handed over.</source>
        <translation>Đã trả kết quả hồ sơ {code}.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="36"/>
        <source>One-stop counter — {agency}</source>
        <translation>Bộ phận Một cửa — {agency}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="44"/>
        <source>&amp;Intake</source>
        <translation>&amp;Tiếp nhận hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="45"/>
        <source>&amp;Look up dossier</source>
        <translation>Tra &amp;cứu hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="47"/>
        <source>&amp;Transfer queue</source>
        <translation>&amp;Chuyển hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="56"/>
        <source>Dash&amp;board</source>
        <translation>Tổng &amp;hợp</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="57"/>
        <source>Late &amp;dossiers</source>
        <translation>Hồ sơ t&amp;rễ hạn</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="58"/>
        <source>Access lo&amp;g</source>
        <translation>Nhật &amp;ký truy cập</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="66"/>
        <source>Setti&amp;ngs</source>
        <translation>Cà&amp;i đặt</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="68"/>
        <source>D&amp;iagnostics</source>
        <translation>Chẩn đ&amp;oán</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="75"/>
        <source>&amp;Quit</source>
        <translation>T&amp;hoát</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="78"/>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="80"/>
        <source>Hub: not configured — vault lookups are local only</source>
        <translation>Máy chủ tỉnh: chưa cấu hình — chỉ tra cứu kho cục bộ</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="85"/>
        <source>{name} ({role}) · counter {counter} · {agency}</source>
        <translation>{name} ({role}) · quầy {counter} · {agency}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="109"/>
        <source>Hub: connected</source>
        <translation>Máy chủ tỉnh: đã kết nối</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="111"/>
        <source>Hub: {problem}</source>
        <translation>Máy chủ tỉnh: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="116"/>
        <source>Hub unreachable — vault lookups are local only. {why}</source>
        <translation>Không kết nối được máy chủ tỉnh — chỉ tra cứu kho cục bộ. {why}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="145"/>
        <source>counter officer</source>
        <translation>cán bộ tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="146"/>
        <source>supervisor</source>
        <translation>lãnh đạo bộ phận</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="147"/>
        <source>technician</source>
        <translation>kỹ thuật viên</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="148"/>
        <source>administrator</source>
        <translation>quản trị viên</translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <location filename="../../ui/settings/users_page.py" line="136"/>
        <source>&amp;User name:</source>
        <translation>Tên đăng &amp;nhập:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="137"/>
        <source>&amp;Full name:</source>
        <translation>&amp;Họ và tên:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="138"/>
        <source>R&amp;ole:</source>
        <translation>&amp;Vai trò:</translation>
    </message>
</context>
<context>
    <name>OcrPage</name>
    <message>
        <location filename="../../ui/settings/ocr_page.py" line="80"/>
        <source>Looking for Tesseract…</source>
        <extracomment>Tesseract&apos;s languages are known (True) or could not be read (False).</extracomment>
        <translation>Đang tìm Tesseract…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/ocr_page.py" line="83"/>
        <source>Languages of the papers</source>
        <translation>Ngôn ngữ của giấy tờ</translation>
    </message>
    <message>
        <location filename="../../ui/settings/ocr_page.py" line="90"/>
        <source>&amp;Drop blank pages (e.g. the empty back of a sheet)</source>
        <translation>&amp;Bỏ trang trắng (ví dụ mặt sau để trống của tờ giấy)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/ocr_page.py" line="92"/>
        <source>Flag a page recognised &amp;below:</source>
        <translation>Đánh dấu trang nhận dạng &amp;dưới mức:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/ocr_page.py" line="106"/>
        <source>OCR</source>
        <translation>Nhận dạng chữ (OCR)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/ocr_page.py" line="110"/>
        <source>Vietnamese</source>
        <translation>Tiếng Việt</translation>
    </message>
    <message>
        <location filename="../../ui/settings/ocr_page.py" line="111"/>
        <source>English</source>
        <translation>Tiếng Anh</translation>
    </message>
    <message>
        <location filename="../../ui/settings/ocr_page.py" line="112"/>
        <source>French</source>
        <translation>Tiếng Pháp</translation>
    </message>
    <message>
        <location filename="../../ui/settings/ocr_page.py" line="113"/>
        <source>Chinese (simplified)</source>
        <translation>Tiếng Trung (giản thể)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/ocr_page.py" line="114"/>
        <source>Chinese (traditional)</source>
        <translation>Tiếng Trung (phồn thể)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/ocr_page.py" line="115"/>
        <source>Khmer</source>
        <translation>Tiếng Khmer</translation>
    </message>
    <message>
        <location filename="../../ui/settings/ocr_page.py" line="116"/>
        <source>Lao</source>
        <translation>Tiếng Lào</translation>
    </message>
    <message>
        <location filename="../../ui/settings/ocr_page.py" line="117"/>
        <source>Russian</source>
        <translation>Tiếng Nga</translation>
    </message>
    <message>
        <location filename="../../ui/settings/ocr_page.py" line="118"/>
        <source>German</source>
        <translation>Tiếng Đức</translation>
    </message>
    <message>
        <location filename="../../ui/settings/ocr_page.py" line="119"/>
        <source>Japanese</source>
        <translation>Tiếng Nhật</translation>
    </message>
    <message>
        <location filename="../../ui/settings/ocr_page.py" line="120"/>
        <source>Korean</source>
        <translation>Tiếng Hàn</translation>
    </message>
    <message>
        <location filename="../../ui/settings/ocr_page.py" line="121"/>
        <source>Thai</source>
        <translation>Tiếng Thái</translation>
    </message>
    <message>
        <location filename="../../ui/settings/ocr_page.py" line="130"/>
        <source>Tesseract {version} is installed.</source>
        <translation>Đã cài Tesseract {version}.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/ocr_page.py" line="152"/>
        <source>{language} — not installed</source>
        <translation>{language} — chưa cài</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../ui/settings/users_page.py" line="80"/>
        <source>&amp;Password:</source>
        <extracomment>OK pressed and the two passwords agree with each other and with the rules.</extracomment>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="81"/>
        <source>Password &amp;again:</source>
        <translation>Nhập &amp;lại mật khẩu:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="83"/>
        <source>At least {count} characters, with both letters and digits.</source>
        <translation>Ít nhất {count} ký tự, có cả chữ và số.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="95"/>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="96"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="115"/>
        <source>The two passwords differ.</source>
        <translation>Hai lần nhập mật khẩu không khớp.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="125"/>
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
</context>
<context>
    <name>PdfPrinter</name>
    <message>
        <location filename="../../ui/pdf_output.py" line="102"/>
        <source>Printing failed</source>
        <extracomment>CUPS accepted the job: (queue, job id). Printing failed; the Vietnamese reason (also shown to the user). Shows a failure (a message box; tests put their own here).</extracomment>
        <translation>In không thành công</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_output.py" line="108"/>
        <source>Sending to printer «{queue}»…</source>
        <translation>Đang gửi tới máy in «{queue}»…</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_output.py" line="122"/>
        <source>Sent to printer «{queue}» (job {job}).</source>
        <translation>Đã gửi tới máy in «{queue}» (lệnh in {job}).</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_output.py" line="127"/>
        <source>{reason}
Nothing was printed. Fix the printer and print again, or save the PDF.</source>
        <translation>{reason}
Chưa in được gì. Hãy sửa máy in rồi in lại, hoặc lưu ra tệp PDF.</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_output.py" line="154"/>
        <source>Save PDF</source>
        <translation>Lưu PDF</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_output.py" line="154"/>
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_output.py" line="164"/>
        <source>Could not save</source>
        <translation>Không lưu được</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_output.py" line="165"/>
        <source>Could not write {path}: {error}. Choose another folder.</source>
        <translation>Không ghi được {path}: {error}. Hãy chọn thư mục khác.</translation>
    </message>
</context>
<context>
    <name>PeriodsEditor</name>
    <message>
        <location filename="../../ui/settings/calendar_page.py" line="137"/>
        <source>Working hours</source>
        <translation>Giờ làm việc</translation>
    </message>
    <message>
        <location filename="../../ui/settings/calendar_page.py" line="143"/>
        <source>&amp;From:</source>
        <translation>&amp;Từ:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/calendar_page.py" line="145"/>
        <source>T&amp;o:</source>
        <translation>Đến g&amp;iờ:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/calendar_page.py" line="147"/>
        <source>Add &amp;period</source>
        <translation>Thêm &amp;khoảng giờ</translation>
    </message>
    <message>
        <location filename="../../ui/settings/calendar_page.py" line="150"/>
        <source>Remove per&amp;iod</source>
        <translation>X&amp;oá khoảng giờ</translation>
    </message>
    <message>
        <location filename="../../ui/settings/calendar_page.py" line="176"/>
        <source>A working period must start before it ends.</source>
        <translation>Giờ bắt đầu của khoảng làm việc phải trước giờ kết thúc.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/calendar_page.py" line="181"/>
        <source>{start}–{end} overlaps the period {old}.</source>
        <translation>Khoảng {start}–{end} chồng lên khoảng {old}.</translation>
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
    <name>PrinterPage</name>
    <message>
        <location filename="../../ui/settings/printer_page.py" line="84"/>
        <source>Empty: this computer&apos;s printing system</source>
        <extracomment>The printer list was read (True) or could not be (False, with the reason). A test page was printed (True, with the message) or not (False, with the reason).</extracomment>
        <translation>Để trống: hệ thống in của máy này</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_page.py" line="86"/>
        <source>&amp;Refresh list</source>
        <translation>Làm &amp;mới danh sách</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_page.py" line="94"/>
        <source>80 mm thermal roll</source>
        <translation>Cuộn giấy in nhiệt 80 mm</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_page.py" line="95"/>
        <source>A4 page</source>
        <translation>Trang A4</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_page.py" line="101"/>
        <source>Print A4 &amp;test page</source>
        <translation>In &amp;thử trang A4</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_page.py" line="103"/>
        <source>Print recei&amp;pt test page</source>
        <translation>In thử biên &amp;nhận</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_page.py" line="109"/>
        <source>CUPS ser&amp;ver:</source>
        <translation>Máy &amp;chủ in CUPS:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_page.py" line="112"/>
        <source>&amp;A4 printer:</source>
        <translation>Máy in &amp;A4:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_page.py" line="113"/>
        <source>Rece&amp;ipt printer:</source>
        <translation>Máy in &amp;biên nhận:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_page.py" line="114"/>
        <source>Receipt &amp;layout:</source>
        <translation>&amp;Kiểu biên nhận:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_page.py" line="127"/>
        <source>Printers</source>
        <translation>Máy in</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_page.py" line="172"/>
        <source>Reading the printer list…</source>
        <translation>Đang đọc danh sách máy in…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_page.py" line="184"/>
        <source>{count} printer(s) found.</source>
        <translation>Tìm thấy {count} máy in.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_page.py" line="186"/>
        <source>No printer is set up in the printing system.</source>
        <translation>Hệ thống in chưa có máy in nào.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_page.py" line="197"/>
        <source>stopped</source>
        <translation>đang tạm dừng</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_page.py" line="199"/>
        <source>not accepting jobs</source>
        <translation>không nhận lệnh in</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_page.py" line="201"/>
        <source>printing</source>
        <translation>đang in</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_page.py" line="202"/>
        <source>ready</source>
        <translation>sẵn sàng</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_page.py" line="208"/>
        <source>(none: ask with the print dialog)</source>
        <translation>(không chọn: hỏi bằng hộp thoại in)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_page.py" line="212"/>
        <source>{name} — not found</source>
        <translation>{name} — không tìm thấy</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_page.py" line="235"/>
        <source>Printing the test page…</source>
        <translation>Đang in trang thử…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/printer_page.py" line="248"/>
        <source>Test page printed on «{name}» (job {job}).</source>
        <translation>Đã in xong trang thử trên «{name}» (lệnh in {job}).</translation>
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
        <location filename="../../ui/scan_panel.py" line="539"/>
        <source>Scanned pages appear here.</source>
        <translation>Các trang đã quét hiện ở đây.</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="184"/>
        <source>%v of %m pages recognized</source>
        <translation>Đã nhận dạng %v/%m trang</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="248"/>
        <source>Looking for scanners…</source>
        <translation>Đang tìm máy quét…</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="259"/>
        <source>No scanner found — use files</source>
        <translation>Không thấy máy quét — hãy dùng tệp</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="298"/>
        <source>Choose a scanner first, or add pages from files.</source>
        <translation>Hãy chọn máy quét, hoặc thêm trang từ tệp.</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="306"/>
        <source>Pages from files</source>
        <translation>Thêm trang từ tệp</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="308"/>
        <source>Papers ({patterns})</source>
        <translation>Giấy tờ ({patterns})</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="322"/>
        <source>Choose the procedure and the paper first.</source>
        <translation>Hãy chọn thủ tục và thành phần hồ sơ trước.</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="331"/>
        <location filename="../../ui/scan_panel.py" line="420"/>
        <source>Scanning…</source>
        <translation>Đang quét…</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="146"/>
        <source>Cancelled.</source>
        <translation>Đã hủy.</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="404"/>
        <source>A blank page was left out.</source>
        <translation>Đã bỏ một trang trắng.</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="421"/>
        <source>Scanning finished.</source>
        <translation>Đã quét xong.</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="468"/>
        <source>Select one page and a scanner to rescan it.</source>
        <translation>Hãy chọn một trang và máy quét để quét lại.</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="519"/>
        <source>Page {n}</source>
        <translation>Trang {n}</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="549"/>
        <source>Rotation {r}°, skew {s:.1f}°, confidence {c}</source>
        <translation>Xoay {r}°, nghiêng {s:.1f}°, độ tin cậy {c}</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="557"/>
        <source>Recognizing…</source>
        <translation>Đang nhận dạng chữ…</translation>
    </message>
</context>
<context>
    <name>ScannerPage</name>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="116"/>
        <source>Scanners</source>
        <extracomment>Discovery finished: how many devices are listed. A test scan ended: succeeded, and the text shown (page size, or why it failed).</extracomment>
        <translation>Máy quét</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="120"/>
        <source>Scanner of this counter</source>
        <translation>Máy quét của quầy này</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="124"/>
        <source>&amp;Discover scanners</source>
        <translation>&amp;Dò tìm máy quét</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="132"/>
        <source>None</source>
        <translation>Không dùng</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="134"/>
        <source>Found de&amp;vices:</source>
        <translation>Thiết bị tìm thấ&amp;y:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="137"/>
        <source>Device &amp;id:</source>
        <translation>Mã thiết bị (&amp;id):</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="140"/>
        <source>Scan-to-&amp;folder directory:</source>
        <translation>Thư mục nhận &amp;bản quét:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="153"/>
        <source>Scan profiles</source>
        <translation>Hồ sơ quét</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="157"/>
        <source>&amp;New profile</source>
        <translation>Hồ sơ &amp;mới</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="159"/>
        <source>&amp;Edit</source>
        <translation>Sử&amp;a</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="161"/>
        <source>De&amp;lete</source>
        <translation>&amp;Xoá</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="163"/>
        <source>Use as def&amp;ault</source>
        <translation>Dùng làm mặ&amp;c định</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="179"/>
        <source>Profile</source>
        <translation>Hồ sơ quét</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="187"/>
        <source>Colour</source>
        <translation>Màu</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="188"/>
        <source>Grey</source>
        <translation>Xám</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="189"/>
        <source>Black and white</source>
        <translation>Đen trắng</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="193"/>
        <source>Flatbed (glass)</source>
        <translation>Mặt kính</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="194"/>
        <source>Document feeder</source>
        <translation>Khay nạp giấy</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="196"/>
        <source>Both sides (duple&amp;x, feeder only)</source>
        <translation>Quét &amp;2 mặt (chỉ với khay nạp giấy)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="199"/>
        <source>Automatic</source>
        <translation>Tự động</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="202"/>
        <source>Na&amp;me:</source>
        <translation>Tê&amp;n:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="203"/>
        <source>&amp;Resolution:</source>
        <translation>Độ &amp;phân giải:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="204"/>
        <source>&amp;Colour mode:</source>
        <translation>Chế độ mà&amp;u:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="205"/>
        <source>Paper s&amp;ource:</source>
        <translation>Nguồn &amp;giấy:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="206"/>
        <source>Pa&amp;per size:</source>
        <translation>&amp;Khổ giấy:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="212"/>
        <source>&amp;Keep profile</source>
        <translation>Đưa &amp;vào danh sách</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="214"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="228"/>
        <source>Test scan</source>
        <translation>Quét thử</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="229"/>
        <source>&amp;Test scan</source>
        <translation>Quét &amp;thử</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="231"/>
        <source>Scan one page from the device shown, with the selected profile.</source>
        <translation>Quét một trang từ thiết bị đang chọn, theo hồ sơ quét đang chọn.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="234"/>
        <source>Stop scannin&amp;g</source>
        <translation>Dừng &amp;quét</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="237"/>
        <source>No test page yet.</source>
        <translation>Chưa có trang quét thử.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="288"/>
        <source>Looking for scanners…</source>
        <translation>Đang tìm máy quét…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="311"/>
        <source>{count} device(s) found.</source>
        <translation>Tìm thấy {count} thiết bị.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="364"/>
        <source>{name} — cannot be read, edit or delete it</source>
        <translation>{name} — không đọc được, hãy sửa hoặc xoá</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="368"/>
        <source>{name} — {description} (built-in)</source>
        <translation>{name} — {description} (có sẵn)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="381"/>
        <source>Default profile at the counter: {name}</source>
        <translation>Hồ sơ quét mặc định tại quầy: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="418"/>
        <source>New profile</source>
        <translation>Hồ sơ quét mới</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="420"/>
        <source>Profile «{name}»</source>
        <translation>Hồ sơ «{name}»</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="462"/>
        <source>Profile «{name}» kept; press Save to store it.</source>
        <translation>Đã giữ hồ sơ «{name}»; bấm Lưu để lưu lại.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="504"/>
        <source>Scanning a test page with «{name}»…</source>
        <translation>Đang quét thử một trang với «{name}»…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="530"/>
        <source>{width} × {height} pixels at {dpi} dpi (about {mm_w} × {mm_h} mm)</source>
        <translation>{width} × {height} điểm ảnh ở {dpi} dpi (khoảng {mm_w} × {mm_h} mm)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="534"/>
        <source>Test scan done.</source>
        <translation>Đã quét thử xong.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/scanner_page.py" line="540"/>
        <source>No test page.</source>
        <translation>Không có trang quét thử.</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="66"/>
        <source>&amp;Undo changes</source>
        <extracomment>The changes were stored (the new settings are in ``ctx.settings``). Nothing was stored; the message says why.</extracomment>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="68"/>
        <source>&amp;Save (Ctrl+S)</source>
        <translation>&amp;Lưu (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="95"/>
        <source>Changes not saved yet.</source>
        <translation>Có thay đổi chưa lưu.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="111"/>
        <source>Changes undone; the saved settings are shown.</source>
        <translation>Đã bỏ các thay đổi; đang hiện cài đặt đã lưu.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="132"/>
        <source>Nothing to save: the settings are as shown.</source>
        <translation>Không có gì để lưu: cài đặt đúng như đang hiện.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="136"/>
        <source>Checking and saving…</source>
        <translation>Đang kiểm tra và lưu…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="154"/>
        <source>Saved. Scanner and printer changes apply to the next scan or print.</source>
        <translation>Đã lưu. Thay đổi về máy quét, máy in áp dụng từ lần quét, lần in tiếp theo.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_view.py" line="161"/>
        <source>Not saved — the last good settings stay in force. {why}</source>
        <translation>Chưa lưu — cài đặt tốt gần nhất vẫn được dùng. {why}</translation>
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
    <name>UsersPage</name>
    <message>
        <location filename="../../ui/settings/users_page.py" line="53"/>
        <source>Counter officer</source>
        <translation>Cán bộ tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="54"/>
        <source>Supervisor</source>
        <translation>Giám sát</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="55"/>
        <source>Technician</source>
        <translation>Kỹ thuật viên</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="56"/>
        <source>Administrator</source>
        <translation>Quản trị viên</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="161"/>
        <source>User name</source>
        <extracomment>An action ended: whether it was stored, and the message shown.</extracomment>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="161"/>
        <source>Name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="161"/>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="161"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="173"/>
        <source>&amp;Accounts:</source>
        <translation>&amp;Danh sách tài khoản:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="175"/>
        <source>&amp;New user…</source>
        <translation>Người dùng &amp;mới…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="177"/>
        <location filename="../../ui/settings/users_page.py" line="253"/>
        <source>&amp;Disable</source>
        <translation>&amp;Tắt</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="179"/>
        <source>&amp;Reset password…</source>
        <translation>Đặt &amp;lại mật khẩu…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="184"/>
        <source>R&amp;ole:</source>
        <translation>&amp;Vai trò:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="186"/>
        <source>&amp;Change role</source>
        <translation>Đổ&amp;i vai trò</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="188"/>
        <source>Un&amp;lock</source>
        <translation>Mở &amp;khóa</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="207"/>
        <source>Users</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="220"/>
        <source>Disabled, locked</source>
        <translation>Đã tắt, bị khóa</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="220"/>
        <source>Disabled</source>
        <translation>Đã tắt</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="221"/>
        <source>Locked</source>
        <translation>Bị khóa</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="221"/>
        <source>Active</source>
        <translation>Đang dùng</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="253"/>
        <source>&amp;Enable</source>
        <translation>&amp;Bật</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="266"/>
        <source>Working…</source>
        <translation>Đang thực hiện…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="320"/>
        <source>New user</source>
        <translation>Người dùng mới</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="327"/>
        <source>Account {name} created.</source>
        <translation>Đã tạo tài khoản {name}.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="337"/>
        <source>New password for {name}</source>
        <translation>Mật khẩu mới cho {name}</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="343"/>
        <source>New password set for {name}; the account is unlocked.</source>
        <translation>Đã đặt mật khẩu mới cho {name}; tài khoản đã được mở khóa.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="355"/>
        <source>Account {name} disabled: it can no longer log in.</source>
        <translation>Đã tắt tài khoản {name}: tài khoản này không đăng nhập được nữa.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="357"/>
        <source>Account {name} enabled.</source>
        <translation>Đã bật tài khoản {name}.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="369"/>
        <source>{name} is now: {role}.</source>
        <translation>Vai trò của {name} giờ là: {role}.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users_page.py" line="379"/>
        <source>Account {name} unlocked: it can log in again.</source>
        <translation>Đã mở khóa tài khoản {name}: có thể đăng nhập lại.</translation>
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
