"""Words of feeds, the calendar, share cards, redirects, the photo viewer and the printed record
(VI["publishing"])."""

from __future__ import annotations

from typing import Any

PUBLISHING_VI: dict[str, Any] = {
    "feed_site": "Phiên đối thoại mới",
    "feed_site_subtitle": "Các phiên đối thoại, tiếp xúc cử tri mới được đăng trong kho lưu trữ",
    "feed_agency": "Phiên đối thoại có {name}",
    "feed_topic": "Phiên đối thoại về lĩnh vực {name}",
    "feed_place": "Phiên đối thoại ở {name}",
    "feed_subtitle_of": "Các phiên đối thoại mới có ý kiến, câu trả lời liên quan: {name}",
    "follow": "Theo dõi bản tin (Atom)",
    "follow_hint": "Dán địa chỉ này vào ứng dụng đọc tin để nhận phiên đối thoại mới",
    "calendar": "Lịch các phiên đối thoại (iCalendar)",
    "calendar_name": "Lịch phiên đối thoại, tiếp xúc cử tri",
    "items_in_session": "{count} ý kiến, câu hỏi",
    "redirect_title": "Trang đã chuyển địa chỉ",
    "redirect_text": "Trang này đã chuyển sang địa chỉ mới:",  # any kind of session
    "photo_close": "Đóng ảnh",
    "photo_open": "Xem ảnh lớn",
    "print_source": "Bản in từ",
    "print_address": "Địa chỉ",
    "print_updated": "Dữ liệu cập nhật ngày",
    "print_date": "Ngày in",
    # a list's or a unit's description (<meta name="description">, its share card): what it
    # holds, with counts ({sessions}: "12 phiên đối thoại", {items}: "85 ý kiến, câu hỏi").
    # A page's clauses whose count is not 0 are joined by "; " and end with "."; "none" when
    # every count is 0 (a unit that nothing was asked of yet). A unit's ("named") starts with its
    # name ({unit}), whichever clauses are said: the description alone says which unit it is.
    # Items are not said to be "của người dân": a list holds businesses' and voters' too.
    "described": {
        "sessions": {"sessions": "{sessions} đã công bố, mới nhất trước",
                     "items": "{items}, với câu trả lời của chính quyền",
                     "none": "Chưa có phiên đối thoại nào được công bố."},
        "year": {"sessions": "{sessions} năm {year}",
                 "items": "{items}, với câu trả lời của chính quyền",
                 "none": "Chưa có phiên đối thoại nào năm {year} được công bố."},
        "agency": {"named": "{unit}: {said}",
                   "items": "{items} cơ quan đã trả lời, đã chuyển cơ quan khác hoặc được chuyển đến",
                   "sessions": "{sessions} do cơ quan tổ chức hoặc tham dự",
                   "inherited": ("{inherited} chưa hoàn thành của đơn vị đã sáp nhập hoặc giải thể "
                                 "do cơ quan chịu trách nhiệm thay"),
                   "none": ("Chưa có ý kiến, câu hỏi nào {name} đã trả lời, đã chuyển cơ quan khác "
                            "hoặc được chuyển đến.")},
        "topic": {"items": "{items} thuộc lĩnh vực {name}, với câu trả lời của chính quyền",
                  "none": "Chưa có ý kiến, câu hỏi nào thuộc lĩnh vực {name}."},
        "place": {"named": "{unit}: {said}",
                  "sessions": "{sessions} tại địa bàn",
                  "items": "{items} nêu trên địa bàn, với câu trả lời của chính quyền",
                  "none": "Chưa có phiên đối thoại hay ý kiến, câu hỏi nào ở {name}."},
        "commitments": {"commitments": ("{heading}: {commitments}, với trạng thái và thời hạn tính "
                                        "đến {date}"),
                        "none": "{heading}: chưa có cam kết nào, tính đến {date}."},
        "agencies": ("Các cơ quan, đơn vị đã trả lời, đã chuyển cơ quan khác hoặc được chuyển ý "
                     "kiến, câu hỏi nêu tại các buổi đối thoại, tiếp xúc cử tri, với số ý "
                     "kiến của từng cơ quan."),
        "topics": ("Các lĩnh vực của ý kiến, câu hỏi nêu tại các buổi đối thoại, tiếp "
                   "xúc cử tri, với số ý kiến của từng lĩnh vực."),
        "places": ("Các địa bàn nơi ý kiến, câu hỏi được nêu tại các buổi đối thoại, tiếp "
                   "xúc cử tri, với số ý kiến của từng địa bàn."),
    },
}
