"""Vietnamese words of the commitments, statistics and open-data pages (part of `labels.VI`).

Kept apart from `labels.py` only because the open-data field documentation is long; every
dictionary here is reached through `VI`, like every other label.
"""

from __future__ import annotations

from typing import Any

COMMITMENTS_VI: dict[str, Any] = {
    "heading": "Cam kết của các cơ quan",
    "intro": ("Những việc cơ quan, đơn vị đã cam kết thực hiện tại các buổi đối thoại, tiếp xúc "
              "cử tri, với trạng thái và thời hạn. Trạng thái “quá hạn” được tính đến ngày cập nhật "
              "số liệu: cam kết chưa hoàn thành mà đã qua thời hạn (thời hạn mới, nếu đã được "
              "gia hạn)."),
    "as_of": "Số liệu tính đến",
    "total": "Tổng số cam kết",
    "overdue": "Quá hạn",
    "overdue_heading": "Cam kết quá hạn",
    "filters": "Lọc danh sách cam kết",
    "by_status": "Theo trạng thái",
    "by_agency": "Theo cơ quan chịu trách nhiệm",
    "by_year": "Theo năm đối thoại",
    "all": "Tất cả",
    "showing": "Đang xem",
    "of_agency": "Cam kết của {name}",
    "of_year": "Cam kết tại các buổi đối thoại năm {year}",
    "status_heading": "Cam kết có trạng thái “{status}”",
    "responsible": "Cơ quan chịu trách nhiệm",
    "now_responsible": "nay thuộc trách nhiệm của",
    "agency_gone": "cơ quan hoạt động đến hết {date}; chưa xác định đơn vị tiếp nhận",
    "agency_handed": "cơ quan hoạt động đến hết {date}; đơn vị tiếp nhận: xem cập nhật tiến độ",
    "made_at": "Tại",
    "last_update": "Cập nhật gần nhất",
    "no_due": "Không ghi thời hạn",
    "none": "Không có cam kết nào.",
    "scorecard": "Thực hiện cam kết",
    "scorecard_intro": "Cam kết cơ quan chịu trách nhiệm thực hiện, tính đến",
    "inherited": ("Cơ quan đang chịu trách nhiệm thay cho đơn vị đã sáp nhập hoặc giải thể: "
                  "{total} cam kết chưa hoàn thành."),
    "inherited_overdue": "Trong đó có {overdue} cam kết đã quá hạn.",
    # carried too, and in the agency's list, but neither unfinished nor in its scorecard
    "inherited_escalated": ("{escalated} cam kết đã chuyển cấp trên của đơn vị đã sáp nhập hoặc "
                            "giải thể cũng do cơ quan chịu trách nhiệm thay."),
    "inherited_link": "Xem các cam kết cơ quan đang chịu trách nhiệm",
    "open": "Chưa hoàn thành (chưa thực hiện, đang thực hiện)",
    "done": "Đã hoàn thành",
    "escalated": "Đã chuyển cấp trên",
    "dropped": "Không thực hiện",
    "average_days": "Thời gian trung bình từ buổi đối thoại đến khi hoàn thành",
    "days": "ngày",
    "average_base": "tính trên {n} cam kết có ghi ngày hoàn thành",
    "average_unknown": "chưa tính được (chưa có cam kết hoàn thành ghi ngày)",
    "all_of_agency": "Xem tất cả cam kết của cơ quan",
    "columns": {"total": "Tổng", "open": "Chưa hoàn thành", "overdue": "Quá hạn", "done": "Hoàn thành",
                "escalated": "Chuyển cấp trên", "dropped": "Không thực hiện",
                "average_days": "Số ngày trung bình đến khi hoàn thành"},
}

STATISTICS_VI: dict[str, Any] = {
    "heading": "Thống kê",
    "intro": ("Số liệu tổng hợp từ các phiên đối thoại đã diễn ra (phiên đã thông báo nhưng "
              "chưa diễn ra không được tính). Mỗi biểu đồ có bảng số liệu đi kèm với cùng các "
              "con số."),
    "session_block": "Số liệu của buổi {kind}",
    "headline": "Tổng quan",
    "sessions": "phiên đối thoại",
    "items": "ý kiến, câu hỏi",
    "answers": "câu trả lời",
    "commitments": "cam kết",
    "share_on_the_spot": "được trả lời trực tiếp ngay tại buổi làm việc",
    "share_on_time": "cam kết đến hạn được hoàn thành đúng hạn",
    "share_on_time_note": ("Tỉ lệ đúng hạn = số cam kết hoàn thành đúng hạn / (hoàn thành đúng "
                           "hạn + hoàn thành sau hạn + quá hạn chưa hoàn thành). Cam kết chưa "
                           "đến hạn, không ghi hạn, hoàn thành nhưng không ghi ngày hoàn thành "
                           "(không biết đúng hạn hay sau hạn), đã chuyển cấp trên hoặc không "
                           "thực hiện không tính vào tỉ lệ này. Đúng hạn là theo thời hạn đã hứa "
                           "tại buổi làm việc: cam kết được gia hạn, hoàn thành trong thời hạn mới, "
                           "vẫn tính là hoàn thành sau hạn."),
    "share_on_time_undated": "không tính {count} cam kết hoàn thành nhưng không ghi ngày hoàn thành",
    "outcome_note": ("Mỗi ý kiến được tính một lần theo câu trả lời tốt nhất: trả lời trực "
                     "tiếp, nếu không thì bằng văn bản, nếu không thì chuyển cơ quan khác."),
    "topic_note": "Một ý kiến thuộc nhiều lĩnh vực được tính ở mỗi lĩnh vực.",
    "agency_note": ("Không tính các ý kiến cơ quan chỉ chuyển đến cơ quan khác giải quyết: "
                    "chuyển ý kiến không phải là trả lời."),
    "sessions_per_year": "Số phiên đối thoại theo năm",
    "items_per_year": "Số ý kiến, câu hỏi theo năm",
    "items_per_topic": "Số ý kiến, câu hỏi theo lĩnh vực",
    "items_per_agency": "Số ý kiến, câu hỏi cơ quan đã trả lời",
    "outcomes": "Ý kiến, câu hỏi theo cách trả lời",
    "commitment_status": "Cam kết theo trạng thái",
    "commitment_deadlines": "Cam kết so với thời hạn",
    "by_type": "Theo loại",
    "by_topic": "Theo lĩnh vực",
    "scope": "Theo chủ đề buổi {kind}",
    "outcome": "Theo cách trả lời",
    "in_scope": "Đúng chủ đề",
    "out_of_scope": "Ngoài chủ đề",
    "year": "Năm",
    "topic": "Lĩnh vực",
    "agency": "Cơ quan",
    "type": "Loại",
    "status": "Trạng thái",
    "category": "Phân loại",
    "count": "Số lượng",
    "session_count": "Số phiên",
    "item_count": "Số ý kiến",  # a column: a voter meeting's are "ý kiến, kiến nghị"
    "share": "Tỉ lệ",
    "rounded": "Mỗi tỉ lệ được làm tròn đến phần trăm nên cộng lại có thể không đúng 100%.",
    "drawn_first": "Biểu đồ vẽ {drawn} dòng đầu; bảng dưới đây ghi đủ {total} dòng.",
    "scorecards": "Thực hiện cam kết theo cơ quan",
    # why an agency's row and its commitments page may differ: the page also lists what it carries
    "scorecards_carried": ("Mỗi cam kết được tính cho cơ quan đã cam kết tại buổi đối thoại: "
                           "{count} cam kết của đơn vị đã sáp nhập hoặc giải thể, nay do cơ quan "
                           "khác chịu trách nhiệm thay, được tính cho đơn vị cũ."),
    "scorecards_carried_link": "Xem cam kết theo cơ quan đang chịu trách nhiệm",
    "scroll_hint": "Bảng có {columns} cột: vuốt hoặc cuộn ngang để xem các cột còn lại.",
    "no_average": "—",  # the scorecards table's average, of an agency with no dated one done
}

CSV_SHARED_DOCS = {
    "session_id": "Mã phiên đối thoại.", "session_date": "Ngày tổ chức.",
    "session_title": "Tiêu đề bài viết.", "place_id": "Mã địa bàn của phiên.",
    "place": "Địa bàn của phiên.", "item_id": "Mã ý kiến.", "item_url": "Địa chỉ cố định của ý kiến.",
    "item_type": "Loại ý kiến.", "item_type_label": "Loại ý kiến, bằng tiếng Việt.",
    "topic_ids": "Mã các lĩnh vực của ý kiến, cách nhau bởi “; ”.",
    "topics": "Tên các lĩnh vực của ý kiến, cách nhau bởi “; ”.",
}
"""Columns items.csv and commitments.csv share, described once."""

OPEN_DATA_VI: dict[str, Any] = {
    "heading": "Dữ liệu mở",
    "intro": ("Toàn bộ các phiên đối thoại đã công bố, ý kiến, câu hỏi, câu trả lời và cam kết "
              "được cung cấp dưới dạng dữ liệu máy đọc được, cùng nội dung với các trang của "
              "kho lưu trữ. Bản nháp và bài hẹn giờ đăng không bao giờ có trong dữ liệu."),
    "as_of": ("Dữ liệu được tạo {date}; các trường overdue (quá hạn) và deadline (so với thời hạn) "
              "được tính theo ngày này (trường build_date của archive.json và của mỗi tệp "
              "sessions/<mã phiên>.json, cột as_of của items.csv và commitments.csv)."),
    "files": "Các tệp dữ liệu",
    "file": "Tệp",
    "content": "Nội dung",
    "size": "Dung lượng",
    "sizes": {"bytes": "{size} byte", "kilobytes": "{size} KB", "megabytes": "{size} MB",
              "gigabytes": "{size} GB"},
    "size_unknown": "—",  # a preview's first start, until its data files are written
    "file_archive": ("Toàn bộ kho lưu trữ (JSON): danh mục cơ quan, lĩnh vực, địa bàn, thủ tục "
                     "và mọi phiên đối thoại."),
    "file_items": ("Bảng tính (CSV, UTF-8 có BOM để Excel, LibreOffice hiển thị đúng tiếng Việt; "
                   "tệp lớn hàng trăm MB nên đọc bằng công cụ xử lý dữ liệu như pandas, R): "
                   "mỗi dòng là một câu trả lời; ý kiến chưa được trả lời có một dòng với các cột "
                   "câu trả lời để trống. Ô bắt đầu bằng =, +, - hoặc @ được thêm dấu ' ở đầu để "
                   "bảng tính không hiểu nhầm là công thức; các tệp JSON giữ nguyên văn bản. "
                   "Excel chỉ chứa được 32.767 ký tự trong một ô: một văn bản dài hơn (hiếm gặp) "
                   "không hiện đủ khi mở bằng Excel, dù tệp giữ trọn văn bản; bản đầy đủ cũng có "
                   "trong archive.json và tệp sessions/<mã phiên>.json của phiên."),
    "file_commitments": ("Bảng tính các cam kết (CSV, cùng cách ghi như items.csv): mỗi dòng là "
                         "một cam kết với trạng thái, thời hạn, việc đã quá hạn hay chưa và lần "
                         "cập nhật gần nhất, kèm địa chỉ của cam kết và của ý kiến."),
    "file_schema": "Lược đồ JSON Schema (bản 2020-12) mô tả cấu trúc tệp archive.json.",
    "file_datapackage": ("Mô tả gói dữ liệu theo chuẩn Frictionless Data Package: kiểu của từng cột "
                         "trong items.csv và commitments.csv (mã, kể cả mã thủ tục như 2.000720, là "
                         "chuỗi ký tự chứ không phải số; ngày theo dạng YYYY-MM-DD; true/false; ô "
                         "trống là không có giá trị), giấy phép và đơn vị công bố, để các công cụ "
                         "như pandas, R hay frictionless đọc bảng tính đúng kiểu."),
    "package_title": "Dữ liệu mở về các phiên đối thoại do {publisher} công bố",
    "year_files": "Tệp dữ liệu theo năm",
    "year_files_intro": ("Các tệp của toàn bộ kho lưu trữ lớn dần theo thời gian (nhiều dịch vụ "
                         "lưu trữ web không nhận tệp trên 100 MB). Mỗi năm vì vậy có thêm các tệp "
                         "riêng, gồm các phiên đối thoại diễn ra trong năm đó, cùng định dạng, cùng "
                         "cột và cùng cấu trúc như tệp toàn bộ (danh mục cơ quan, lĩnh vực, địa bàn, "
                         "thủ tục có đủ trong tệp của mỗi năm): ghép các năm lại được đủ các dòng, "
                         "các phiên của tệp toàn bộ."),
    "year": "Năm",
    "year_file": ("{file} của các phiên đối thoại năm {year}, cùng cấu trúc với {file} của toàn "
                  "bộ kho lưu trữ."),
    "session_file_name": "sessions/<mã phiên>.json",
    "file_session": ("Mỗi phiên đối thoại một tệp JSON (cấu trúc “SessionFile” trong lược đồ: phần "
                     "đầu như archive.json, rồi các trường của “Session”), ví dụ"),
    "file_popolo": ("Cùng dữ liệu theo chuẩn Popolo: tổ chức (organizations), sự kiện (events: "
                    "mỗi phiên đối thoại) và phát biểu (speeches: type “question” cho ý kiến, "
                    "câu hỏi; “answer” cho câu trả lời; “referral” cho lần chuyển ý kiến đến cơ quan khác, "
                    "không tính là câu trả lời, với mã cơ quan nhận ở referred_to_id)."),
    "licence": "Giấy phép",
    "licence_text": ("Dữ liệu được cung cấp theo giấy phép {name}: được tự do sao chép, phân phối, "
                     "chỉnh sửa, kể cả vì mục đích thương mại, với điều kiện ghi rõ nguồn."),
    "cite": "Cách trích dẫn một ý kiến",
    "cite_text": ("Mỗi ý kiến có địa chỉ cố định: địa chỉ trang phiên đối thoại cộng với "
                  "“#” và mã ý kiến (trường url trong dữ liệu). Địa chỉ không đổi khi tên cơ quan "
                  "hay tiêu đề bài viết thay đổi. Ví dụ trích dẫn:"),
    "accessed": "truy cập",
    "fields": "Mô tả các trường",
    "fields_intro": ("Tên trường và các giá trị liệt kê bằng tiếng Anh (giống tệp nội dung); "
                     "trường có hậu tố _label là nhãn tiếng Việt tương ứng. Ngày theo dạng "
                     "YYYY-MM-DD. Trường không có giá trị là null; danh sách rỗng là []."),
    "field": "Trường",
    "meaning": "Ý nghĩa",
    "csv_columns": "Các cột của {file}",
    "column": "Cột",
    "values": "Giá trị liệt kê",
    "objects": {
        "Provenance": ("Phần đầu của archive.json và của mỗi tệp sessions/<mã phiên>.json (tệp phiên "
                       "gồm phần đầu này rồi các trường của phiên đối thoại, “SessionFile” trong "
                       "lược đồ)"),
        "Archive": "Tệp archive.json, sau phần đầu",
        "Licence": "Giấy phép (licence)",
        "Ref": "Tham chiếu danh mục (mã và tên)",
        "Agency": "Cơ quan, đơn vị (agencies)",
        "Topic": "Lĩnh vực (topics)",
        "Place": "Địa bàn (places)",
        "Procedure": "Thủ tục hành chính (procedures)",
        "Session": "Phiên đối thoại (sessions)",
        "Chair": "Người chủ trì (chair)",
        "Source": "Nguồn bài viết (sources)",
        "Correction": "Đính chính (corrections)",
        "Image": "Ảnh đại diện (image)",
        "Item": "Ý kiến, câu hỏi (items)",
        "Asker": "Người nêu ý kiến (asker)",
        "Answer": "Câu trả lời (answers)",
        "Commitment": "Cam kết (commitments)",
        "Update": "Cập nhật tiến độ cam kết (updates)",
    },
    "field_docs": {
        "Provenance": {
            "format_version": "Phiên bản cấu trúc dữ liệu; tăng khi có thay đổi không tương thích.",
            "build_date": ("Ngày dữ liệu được tạo; các trường overdue, deadline và now_by được "
                           "tính theo ngày này."),
            "site_url": "Địa chỉ gốc của kho lưu trữ.",
            "publisher": "Đơn vị công bố dữ liệu.",
            "licence": "Giấy phép sử dụng dữ liệu.",
        },
        "Archive": {
            "agencies": "Danh mục cơ quan, đơn vị.",
            "topics": "Danh mục lĩnh vực.",
            "places": "Danh mục địa bàn hành chính, kể cả đơn vị đã sáp nhập.",
            "procedures": "Danh mục thủ tục hành chính được nhắc đến.",
            "sessions": "Các phiên đối thoại đã công bố, mới nhất trước.",
        },
        "Licence": {"name": "Tên giấy phép, ví dụ CC BY 4.0.", "url": "Địa chỉ văn bản giấy phép."},
        "Ref": {"id": "Mã cố định trong danh mục.", "name": "Tên đầy đủ trong danh mục."},
        "Agency": {
            "id": "Mã cơ quan (cố định).", "name": "Tên đầy đủ.", "short_name": "Tên viết gọn.",
            "parent": "Mã cơ quan cấp trên.", "kind": "Loại cơ quan (ví dụ people_committee).",
            "kind_label": "Loại cơ quan, bằng tiếng Việt; null nếu loại không có nhãn tiếng Việt.",
            "aliases": "Các cách viết khác của tên.", "valid_from": "Ngày bắt đầu hoạt động.",
            "valid_until": "Ngày cuối cùng cơ quan hoạt động (từ ngày hôm sau, cơ quan giải thể, "
                           "sáp nhập hoặc đổi tên).", "succeeded_by": "Mã các cơ quan kế thừa.",
            "url": "Địa chỉ trang của cơ quan trong kho lưu trữ.",
        },
        "Topic": {
            "id": "Mã lĩnh vực.", "name": "Tên lĩnh vực.", "description": "Mô tả.",
            "synonyms": "Cách gọi khác người dân hay dùng (ví dụ sổ đỏ).",
            "url": "Địa chỉ trang của lĩnh vực.",
        },
        "Place": {
            "id": "Mã địa bàn.", "name": "Tên địa bàn.",
            "kind": "Cấp hành chính.",
            "kind_label": "Cấp hành chính, bằng tiếng Việt.",
            "parent": "Mã địa bàn cấp trên.", "valid_from": "Ngày thành lập.",
            "valid_until": "Ngày cuối cùng địa bàn còn tồn tại (từ ngày hôm sau, địa bàn giải thể, "
                           "sáp nhập hoặc đổi tên).", "succeeded_by": "Mã các địa bàn kế thừa.",
            "url": "Địa chỉ trang của địa bàn.",
        },
        "Procedure": {
            "code": "Mã thủ tục trên Cơ sở dữ liệu quốc gia về thủ tục hành chính.",
            "name": "Tên thủ tục.", "topic": "Mã lĩnh vực.", "agency": "Mã cơ quan giải quyết.",
            "url": "Địa chỉ trang thủ tục trên Cổng Dịch vụ công.",
        },
        "Session": {
            "id": "Mã phiên đối thoại (YYYY-MM-DD-tên), cố định.",
            "url": "Địa chỉ cố định của trang phiên đối thoại.", "title": "Tiêu đề bài viết.",
            "date": "Ngày tổ chức.", "time": "Giờ bắt đầu (HH:MM, giờ Việt Nam).",
            "held": ("true nếu phiên đã diễn ra vào ngày build_date; false nếu phiên mới được thông "
                     "báo, chưa diễn ra (có thể đã có ý kiến gửi trước; trang web ghi “Sắp diễn "
                     "ra”; không tính vào thống kê và danh sách ý kiến theo cơ quan, lĩnh vực, "
                     "địa bàn)."),
            "kind": "Hình thức.",
            "kind_label": "Hình thức, bằng tiếng Việt.", "organizer": "Cơ quan tổ chức.",
            "place": "Địa bàn (tên tại thời điểm tổ chức).", "venue": "Địa điểm họp.",
            "subject": "Chủ đề được thông báo.", "chair": "Người chủ trì.",
            "participants": "Các cơ quan tham dự.",
            "attendance": "Số người tham dự theo thành phần (ví dụ citizens: 60).",
            "attendance_labels": ("Tên tiếng Việt của từng thành phần trong attendance (ví dụ "
                                  "citizens: công dân), như trên trang web."),
            "author": "Tác giả bài viết.",
            "published": ("Thời điểm công bố bài viết. Khi bài không ghi thời điểm công bố, đây "
                          "là 00:00 ngày tổ chức: chỉ ngày là đúng, giờ không được ghi (không "
                          "phải bài đăng trước giờ họp)."),
            "summary": "Tóm tắt.",
            "writeup": ("Bài tường thuật của phiên (Markdown, như đăng trên trang: đã áp dụng quy "
                        "tắc ẩn thông tin, liên kết và ảnh ghi địa chỉ đầy đủ)."),
            "sources": "Nguồn đăng tải gốc.",
            "corrections": ("Các lần đính chính bài viết hoặc biên bản sau khi công bố, theo ngày, "
                            "cũ nhất trước; nội dung đã đăng là bản đã đính chính."),
            "image": "Ảnh đại diện của bài viết.",
            "aliases": "Mã cũ của phiên (vẫn dẫn đến phiên này).",
            "items": ("Các ý kiến, câu hỏi theo thứ tự được nêu. Danh sách rỗng nghĩa là biên bản "
                      "chưa được cập nhật (trang của phiên ghi “Biên bản ý kiến, câu trả lời … sẽ "
                      "được cập nhật sau”), không phải là không có ý kiến nào."),
        },
        "Chair": {"name": "Họ tên.", "position": "Chức vụ.",
                  "on_behalf_of": "Thay mặt, thừa ủy quyền (tên như trang web ghi).",
                  "on_behalf_of_id": ("Mã cơ quan được thay mặt, khi đó là một cơ quan của danh "
                                      "mục; null nếu không.")},
        "Source": {"url": "Địa chỉ bài gốc.", "title": "Tên bài, tên trang."},
        "Correction": {"date": "Ngày đính chính.", "note": "Nội dung đính chính: đã sửa gì."},
        "Image": {"url": "Địa chỉ tệp ảnh.", "caption": "Chú thích ảnh.",
                  "alt": "Mô tả ảnh cho người không xem được ảnh."},
        "Item": {
            "id": "Mã ý kiến, duy nhất trong phiên; là phần sau dấu # của địa chỉ.",
            "url": "Địa chỉ cố định của ý kiến (trang phiên + #mã ý kiến), dùng để trích dẫn.",
            "session_id": "Mã phiên đối thoại.",
            "type": "Loại ý kiến.",
            "type_label": "Loại, bằng tiếng Việt.", "asker": "Người nêu ý kiến.",
            "topics": "Các lĩnh vực.", "procedures": "Mã các thủ tục hành chính liên quan.",
            "in_scope": "true nếu đúng chủ đề buổi đối thoại, false nếu ngoài chủ đề.",
            "text": "Nội dung ý kiến (Markdown).",
            "outcome": ("Cách được trả lời tốt nhất: trực tiếp, nếu không thì bằng văn bản, nếu "
                        "không thì chuyển cơ quan khác; chưa trả lời nếu chưa có câu trả lời nào; "
                        "sẽ được trả lời tại buổi sắp diễn ra nếu ý kiến gửi trước một phiên chưa "
                        "diễn ra (held là false)."),
            "outcome_label": "Cách được trả lời tốt nhất, bằng tiếng Việt.",
            "answers": "Các câu trả lời.", "commitments": "Các cam kết.",
            "aliases": "Mã cũ của ý kiến (vẫn dẫn đến ý kiến này).",
        },
        "Asker": {
            "label": "Tên hiển thị (ẩn danh nếu không có sự đồng ý).",
            "kind": "Đối tượng người nêu.",
            "kind_label": "Đối tượng người nêu, bằng tiếng Việt.", "place": "Địa bàn của người nêu.",
            "named_with_consent": "true nếu người nêu đồng ý công bố tên.",
        },
        "Answer": {
            "by": "Cơ quan trả lời.", "official": "Chức vụ người trả lời.",
            "mode": "Cách trả lời.",
            "mode_label": "Cách trả lời, bằng tiếng Việt.",
            "date": "Ngày trả lời.", "referred_to": "Cơ quan được chuyển đến (khi mode là referred).",
            "document": "Số, ký hiệu văn bản trả lời.", "text": "Nội dung trả lời (Markdown).",
        },
        "Commitment": {
            "id": "Mã cam kết, duy nhất trong phiên.",
            "url": "Địa chỉ cố định của cam kết (trang phiên + #cam-ket-mã).",
            "by": "Cơ quan chịu trách nhiệm khi cam kết.",
            "now_by": ("Cơ quan nay chịu trách nhiệm, khi cơ quan đã cam kết (by) đã giải thể, sáp "
                       "nhập mà cam kết chưa xong (trang web ghi “nay thuộc trách nhiệm của …”); "
                       "danh sách rỗng nếu không có. Cam kết của cơ quan X, như trang cam kết của X "
                       "liệt kê: by là X hoặc now_by có X."),
            "text": "Nội dung cam kết.", "due": "Thời hạn đã hứa tại phiên.",
            "current_due": ("Thời hạn hiện hành: thời hạn mới của lần gia hạn gần nhất (updates[].due), "
                            "nếu không có thì bằng due."),
            "status": "Trạng thái.",
            "status_label": "Trạng thái, bằng tiếng Việt.",
            "overdue": ("true nếu chưa hoàn thành (pending, in_progress) mà đã qua thời hạn hiện "
                        "hành (current_due) vào ngày build_date."),
            "done_date": "Ngày của lần cập nhật ghi trạng thái done; null nếu không rõ.",
            "deadline": ("So với thời hạn, vào ngày build_date: on_time là hoàn thành trong thời "
                         "hạn đã hứa (due), late là hoàn thành sau thời hạn đó, kể cả trong thời hạn "
                         "đã gia hạn."),
            "deadline_label": "So với thời hạn, bằng tiếng Việt.",
            "updates": "Các lần cập nhật tiến độ, cũ nhất trước.",
        },
        "Update": {"date": "Ngày cập nhật.", "status": "Trạng thái mới (nếu thay đổi).",
                   "status_label": "Trạng thái mới, bằng tiếng Việt.",
                   "note": "Nội dung cập nhật (null khi bản cập nhật chỉ ghi trạng thái).",
                   "due": "Thời hạn mới khi lần cập nhật này gia hạn (null nếu không)."},
    },
    "csv_docs": {
        **CSV_SHARED_DOCS,
        "session_kind": "Hình thức.",
        "session_kind_label": "Hình thức, bằng tiếng Việt.",
        "organizer_id": "Mã cơ quan tổ chức.", "organizer": "Cơ quan tổ chức.",
        "asker": "Người nêu ý kiến.",
        "asker_kind": "Đối tượng người nêu.",
        "asker_kind_label": "Đối tượng người nêu, bằng tiếng Việt.",
        "asker_place_id": "Mã địa bàn của người nêu (hai địa bàn có thể trùng tên).",
        "asker_place": "Địa bàn của người nêu.",
        "procedures": "Mã các thủ tục, cách nhau bởi “; ”.", "in_scope": "true hoặc false.",
        "item_text": "Nội dung ý kiến.",
        "outcome": ("Cách được trả lời tốt nhất; awaiting_session nếu phiên chưa diễn ra "
                    "(session_held là false)."),
        "outcome_label": "Cách được trả lời tốt nhất, bằng tiếng Việt.",
        "answer_number": "Thứ tự câu trả lời trong ý kiến (1, 2, …); trống nếu chưa trả lời.",
        "answer_by_id": "Mã cơ quan trả lời.", "answer_by": "Cơ quan trả lời.",
        "answer_official": "Chức vụ người trả lời.", "answer_mode": "Cách trả lời.",
        "answer_mode_label": "Cách trả lời, bằng tiếng Việt.", "answer_date": "Ngày trả lời.",
        "answer_referred_to_id": "Mã cơ quan được chuyển đến.",
        "answer_referred_to": "Cơ quan được chuyển đến.", "answer_document": "Văn bản trả lời.",
        "answer_text": "Nội dung trả lời.",
        "commitments": ("Số cam kết của ý kiến, chỉ ghi ở dòng đầu của ý kiến (answer_number là 1 "
                        "hoặc trống), để tổng của cột là số cam kết; trống ở các dòng sau."),
        "commitments_overdue": ("Số cam kết quá hạn của ý kiến, chỉ ghi ở dòng đầu của ý kiến, như "
                                "cột commitments."),
        "as_of": "Ngày tạo dữ liệu, ngày mà commitments_overdue được tính theo.",
        "session_held": ("true nếu phiên đã diễn ra; false nếu phiên mới được thông báo, chưa diễn "
                         "ra (ý kiến gửi trước buổi đối thoại; không tính vào thống kê và danh "
                         "sách ý kiến theo cơ quan, lĩnh vực, địa bàn)."),
    },
    "commitment_csv_docs": {
        **CSV_SHARED_DOCS,
        "commitment_id": "Mã cam kết.", "commitment_url": "Địa chỉ cố định của cam kết.",
        "by_id": "Mã cơ quan chịu trách nhiệm khi cam kết.", "by": "Cơ quan chịu trách nhiệm khi cam kết.",
        "now_by_ids": ("Mã cơ quan nay chịu trách nhiệm, khi cơ quan cam kết đã giải thể, sáp nhập "
                       "mà cam kết chưa xong (trang web ghi “nay thuộc trách nhiệm của …”), cách "
                       "nhau bởi “; ”; trống nếu không có. Cam kết của cơ quan X, như trang cam kết "
                       "của X liệt kê: by_id là X hoặc now_by_ids có X."),
        "now_by": "Tên cơ quan nay chịu trách nhiệm, cách nhau bởi “; ”.",
        "text": "Nội dung cam kết.", "due": "Thời hạn đã hứa tại phiên (YYYY-MM-DD); trống nếu không nêu.",
        "current_due": ("Thời hạn hiện hành, sau lần gia hạn gần nhất (YYYY-MM-DD); bằng due nếu "
                        "chưa gia hạn."),
        "status": "Trạng thái.",
        "status_label": "Trạng thái, bằng tiếng Việt.",
        "overdue": ("true nếu chưa hoàn thành mà đã qua thời hạn hiện hành (current_due) vào ngày "
                    "dữ liệu được tạo (build_date)."),
        "done_date": "Ngày của lần cập nhật ghi trạng thái done; trống nếu không rõ.",
        "deadline": "So với thời hạn, vào ngày as_of.",
        "deadline_label": "So với thời hạn, bằng tiếng Việt.",
        "updates": "Số lần cập nhật tiến độ.",
        "last_update_date": "Ngày cập nhật gần nhất.", "last_update_note": "Nội dung cập nhật gần nhất.",
        "as_of": "Ngày tạo dữ liệu, ngày mà overdue và deadline được tính theo.",
    },
}
