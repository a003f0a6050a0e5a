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
    # holds, with counts ({sessions}: "12 phiên đối thoại", {items}: "85 ý kiến, câu hỏi")
    "described": {
        "sessions": ("{sessions} đã công bố, mới nhất trước, với {items} của người dân và câu "
                     "trả lời của chính quyền."),
        "year": "{sessions} năm {year}, với {items} của người dân và câu trả lời của chính quyền.",
        "agency": ("{items} của người dân mà {name} đã trả lời hoặc được chuyển đến; {sessions} "
                   "do cơ quan tổ chức hoặc tham dự."),
        "topic": "{items} của người dân thuộc lĩnh vực {name}, với câu trả lời của chính quyền.",
        "place": ("{sessions} tại {name} và {items} của người dân trên địa bàn, với câu trả lời "
                  "của chính quyền."),
        "agencies": ("Các cơ quan, đơn vị đã trả lời hoặc được chuyển ý kiến, câu hỏi của người "
                     "dân tại các buổi đối thoại, tiếp xúc cử tri, với số ý kiến của từng cơ quan."),
        "topics": ("Các lĩnh vực của ý kiến, câu hỏi người dân nêu tại các buổi đối thoại, tiếp "
                   "xúc cử tri, với số ý kiến của từng lĩnh vực."),
        "places": ("Các địa bàn nơi người dân nêu ý kiến, câu hỏi tại các buổi đối thoại, tiếp "
                   "xúc cử tri, với số ý kiến của từng địa bàn."),
        "commitments": "{heading}: {commitments}, với trạng thái và thời hạn tính đến {date}.",
    },
}
