"""The sample spreadsheet a press office keeps after a session, as .csv and .xlsx.

`python tests/data/sample_sheet.py` rewrites the two shipped files next to this script;
tests build their own copies (and broken variants) in a temporary folder.
The question on STT 2 was answered by two agencies: in the .xlsx its question cells are
merged over two rows, in the .csv the second row leaves STT and Nội dung empty.
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent
NAME = "cam-le-2024-07-18-thong-ke-y-kien"
TITLE = "THỐNG KÊ Ý KIẾN, KIẾN NGHỊ CỦA CÔNG DÂN TẠI BUỔI ĐỐI THOẠI NGÀY 18/7/2024"

HEADER = ["STT", "Người hỏi", "Đối tượng", "Phường", "Loại", "Lĩnh vực", "Thủ tục",
          "Nội dung ý kiến", "Đúng chủ đề?", "Cơ quan trả lời", "Người trả lời", "Hình thức",
          "Chuyển đến", "Văn bản", "Ngày trả lời", "Nội dung trả lời", "Cam kết",
          "Cơ quan thực hiện", "Hạn", "Tình trạng", "Ghi chú"]

ROWS = [
    ["1", "Ông N.V.H., tổ dân phố 12", "Công dân", "Hòa Thọ Đông", "Kiến nghị", "Xây dựng",
     "1.009994",
     "Gia đình tôi nộp hồ sơ cấp giấy phép xây dựng nhà ở riêng lẻ từ tháng 3 nhưng đến nay "
     "vẫn chưa có kết quả. Đề nghị cho biết lý do và rút ngắn thời gian giải quyết.",
     "Có", "Phòng QLĐT", "Trưởng phòng", "Trực tiếp", "", "", "",
     "Hồ sơ phải bổ sung bản vẽ mặt bằng theo quy hoạch chi tiết mới được phê duyệt. Phòng đã "
     "hướng dẫn gia đình bổ sung và sẽ trả kết quả trong 7 ngày làm việc kể từ khi nhận đủ hồ sơ.",
     "Trả kết quả giấy phép xây dựng cho hộ ông N.V.H.", "Phòng QLĐT", "31/07/2024",
     "Đang thực hiện", "Ưu tiên"],
    ["2", "Bà T.T.M., tổ dân phố 7", "Công dân", "Hòa Thọ Đông", "Câu hỏi", "Đất đai", "",
     "Thửa đất của gia đình tôi nằm trong khu quy hoạch đã hơn mười năm chưa thực hiện. "
     "Xin hỏi gia đình có được cấp giấy chứng nhận quyền sử dụng đất (sổ đỏ) không?",
     "Có", "Chi nhánh VP ĐKĐĐ Cẩm Lệ", "Giám đốc", "Trả lời trực tiếp", "", "", "",
     "Đất nằm trong quy hoạch nhưng chưa có quyết định thu hồi vẫn được xem xét cấp giấy "
     "chứng nhận. Chi nhánh hướng dẫn gia đình nộp hồ sơ tại Bộ phận một cửa.",
     "", "", "", "", ""],
    ["", "", "", "", "", "", "", "", "", "Phòng TN&MT", "Phó Trưởng phòng", "Bằng văn bản", "",
     "Công văn số 812/TNMT", "05/08/2024",
     "Phòng Tài nguyên và Môi trường đã rà soát: khu đất thuộc dự án chưa có kế hoạch sử dụng "
     "đất hằng năm, đủ điều kiện cấp giấy chứng nhận theo quy định.",
     "Kiến nghị thành phố điều chỉnh, huỷ bỏ các khu quy hoạch treo trên địa bàn phường",
     "UBND quận Cẩm Lệ", "31/12/2024", "Chưa thực hiện", ""],
    ["", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
    ["3", "Hộ kinh doanh Q.T.", "Hộ kinh doanh", "Hòa Thọ Đông", "Phản ánh",
     "Môi trường; Giao thông, hạ tầng đô thị", "",
     "Xe tải chở vật liệu xây dựng ra vào công trình trên đường Cách Mạng Tháng Tám "
     "làm rơi vãi đất cát, gây bụi cho các hộ kinh doanh hai bên đường.",
     "Không", "UBND phường Hòa Thọ Đông", "Chủ tịch", "Chuyển", "Đội QLTTĐT", "", "",
     "Ý kiến ngoài chủ đề buổi đối thoại; UBND phường chuyển Đội Quản lý trật tự đô thị quận "
     "kiểm tra, xử lý.", "", "", "", "", ""],
    ["4", "", "Công dân", "", "Ý kiến", "Dịch vụ công trực tuyến, một cửa", "",
     "Tôi ghi nhận thái độ phục vụ tận tình của cán bộ Bộ phận một cửa phường.",
     "Có", "Bộ phận một cửa", "", "", "", "", "",
     "Cảm ơn ý kiến của công dân; Bộ phận sẽ tiếp tục nâng cao chất lượng phục vụ.",
     "", "", "", "", ""],
    ["5", "Bà L.T.H.", "Hộ kinh doanh", "Hòa Thọ Đông", "Câu hỏi", "Thuế, phí, lệ phí", "",
     "Hộ kinh doanh nhỏ có bắt buộc dùng hoá đơn điện tử khởi tạo từ máy tính tiền không?",
     "Có", "Chi cục Thuế quận Cẩm Lệ", "Đội trưởng", "Trực tiếp", "", "", "",
     "Hộ kinh doanh nộp thuế theo phương pháp khoán không bắt buộc; hộ kê khai có doanh thu "
     "từ 1 tỷ đồng trở lên thì áp dụng theo lộ trình của ngành thuế.",
     "Tổ chức lớp hướng dẫn hoá đơn điện tử cho hộ kinh doanh phường Hòa Thọ Đông",
     "Chi cục Thuế Cẩm Lệ – Hòa Vang", "30/09/2024", "Hoàn thành", ""],
]
CONTINUATION_ROWS = (3,)
"""1-based positions in ROWS of rows that continue the question above (merged in .xlsx)."""
QUESTION_COLUMNS = 9
"""STT .. Đúng chủ đề?: the cells a merged question spans."""


def write_csv(path: Path, header: list[str] = HEADER, rows: list[list[str]] = ROWS) -> Path:
    """UTF-8 with BOM, as Excel's 'CSV UTF-8' writes it; a title line above the table."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow([TITLE])
        out.writerow(header)
        out.writerows(rows)
    return path


def write_xlsx(path: Path, header: list[str] = HEADER, rows: list[list[str]] = ROWS,
               merge: bool = True) -> Path:
    """The same table in Excel, question cells merged over their continuation rows."""
    import datetime as dt

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Tổng hợp ý kiến"
    sheet.append([TITLE])
    sheet.append(header)
    for row in rows:
        cells: list[object] = []
        for name, value in zip(header, row, strict=True):
            if value and name in {"Hạn", "Ngày trả lời"}:
                day, month, year = (int(x) for x in value.split("/"))
                cells.append(dt.date(year, month, day))  # real Excel dates, not text
            elif value and name == "STT":
                cells.append(int(value))
            else:
                cells.append(value or None)
        sheet.append(cells)
    if merge:
        for position in CONTINUATION_ROWS:
            excel_row = position + 2  # title and header rows come first
            for column in range(1, QUESTION_COLUMNS + 1):
                sheet.merge_cells(start_row=excel_row - 1, end_row=excel_row,
                                  start_column=column, end_column=column)
    book.save(path)
    return path


if __name__ == "__main__":
    print(write_csv(HERE / f"{NAME}.csv"))
    print(write_xlsx(HERE / f"{NAME}.xlsx"))
