"""Every word a site reader sees, in one place, so that another language can follow.

Keys are the English enum values and view names. `VI` is the site's language: every module
reads its words, its date forms and its language tags ("locale") from it, and sentences are
format strings ('{name} năm {year}'), so that a translation is a labels file of the same keys
(label_overrides.use_labels puts its words in VI, in place: there is no other dict of words).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .labels_accountability import COMMITMENTS_VI, OPEN_DATA_VI, STATISTICS_VI
from .labels_publishing import PUBLISHING_VI
from .labels_search import SEARCH_VI

VI: dict[str, Any] = {
    "locale": {
        "lang": "vi",        # <html lang>, feeds' language, the search page's numbers and case
        "content_lang": "vi",  # the records' own language: marked on their texts when not `lang`
        "number": "vi-VN",   # numbers on the search page: 1.234
        "thousands": ".",    # and on the pages: 12.000
        "decimal": ",",      # a file's size: 456,4 MB
        "og": "vi_VN",       # Open Graph's og:locale
        "date": "ngày {day} tháng {month} năm {year}",
        "weekday_date": "{weekday}, {date}",
        "short_date": "{day}/{month}/{year}",  # day first, no leading zeros, as officially written
    },
    "session_kind": {
        "dialogue": "Đối thoại với công dân",
        "business_dialogue": "Đối thoại doanh nghiệp",
        "voter_meeting": "Tiếp xúc cử tri",
        "citizen_reception": "Tiếp công dân",
    },
    "session_kind_in_sentence": {  # after "buổi": "Số liệu của buổi tiếp xúc cử tri"
        "dialogue": "đối thoại với công dân",
        "business_dialogue": "đối thoại doanh nghiệp",
        "voter_meeting": "tiếp xúc cử tri",
        "citizen_reception": "tiếp công dân",
    },
    "item_type": {
        "question": "Câu hỏi",
        "opinion": "Ý kiến",
        "proposal": "Kiến nghị",
        "complaint": "Phản ánh",
    },
    "asker_kind": {
        "citizen": "Công dân",
        "business": "Doanh nghiệp, hộ kinh doanh",
        "organization": "Tổ chức",
        "voter": "Cử tri",
    },
    "answer_mode": {
        "on_the_spot": "Trả lời trực tiếp",
        "in_writing": "Trả lời bằng văn bản",
        "referred": "Chuyển đến",
    },
    "commitment_status": {
        "pending": "Chưa thực hiện",
        "in_progress": "Đang thực hiện",
        "done": "Đã hoàn thành",
        "escalated": "Đã chuyển cấp trên",
        "dropped": "Không thực hiện",
    },
    "outcome": {
        "on_the_spot": "Trả lời trực tiếp",
        "in_writing": "Trả lời bằng văn bản",
        "referred": "Chuyển cơ quan khác giải quyết",
        "not_answered": "Chưa được trả lời",
        "awaiting_session": "Sẽ được trả lời tại buổi sắp diễn ra",  # sent in before the session
    },
    "deadline_outcome": {
        "on_time": "Hoàn thành đúng hạn",
        "late": "Hoàn thành sau hạn",
        "done_undated": "Hoàn thành, không ghi ngày hoàn thành",
        "overdue": "Quá hạn, chưa hoàn thành",
        "not_yet_due": "Chưa đến hạn",
        "escalated": "Đã chuyển cấp trên",
        "dropped": "Không thực hiện",
        "no_due": "Không ghi thời hạn",
    },
    "commitments": COMMITMENTS_VI,
    "statistics": STATISTICS_VI,
    "open_data": OPEN_DATA_VI,
    "search": SEARCH_VI,
    "publishing": PUBLISHING_VI,
    "place_kind": {
        "province": "Tỉnh, thành phố",
        "district": "Quận, huyện",
        "ward": "Phường",
        "commune": "Xã",
    },
    "agency_kind": {  # registry/agencies.yaml `kind` is free; these common values are translated
        "people_committee": "Ủy ban nhân dân",
        "people_council": "Hội đồng nhân dân",
        "specialised_agency": "Cơ quan chuyên môn",
        "inspectorate": "Thanh tra",
        "one_stop_desk": "Bộ phận tiếp nhận và trả kết quả",
        "police": "Công an",
        "tax_office": "Cơ quan thuế",
        "public_service_unit": "Đơn vị sự nghiệp",
        "front": "Mặt trận Tổ quốc, đoàn thể",
    },
    "visibility": {
        "draft": "BẢN NHÁP — chưa công bố",
        "scheduled": "HẸN GIỜ ĐĂNG — chưa công bố",
        "published_on": "HẸN GIỜ ĐĂNG — chưa công bố (đăng ngày {date})",
        "published_at": "HẸN GIỜ ĐĂNG — chưa công bố (đăng lúc {time} ngày {date})",
    },
    "theme": {
        # Material's own Vietnamese, where it is English or means something else.
        "tabs": "Các mục chính",
        "action.skip": "Bỏ qua, đến nội dung chính",  # Material: "Bỏ qua" (skip what?)
        "top": "Lên đầu trang",
        "rss.created": "Bản tin RSS",
        "rss.updated": "Bản tin RSS về nội dung cập nhật",
        "search.result.initializer": "Đang chuẩn bị tìm kiếm",
        "source.file.contributors": "Người đóng góp",
        "blog.meta": "Thông tin",
        # Ours, for the pages Material makes.
        "permalink": "Liên kết đến mục này",
        "menu": "Danh mục điều hướng",  # the header's ☰ button ("Mục lục" is the page's contents)
        "path": "Vị trí của trang",  # the breadcrumb (Material names it as the menu: 'nav')
        "not_found": "Không tìm thấy trang",
        "not_found_text": "Địa chỉ này không có trong kho lưu trữ, hoặc trang đã được chuyển đi.",
        "not_found_search": "Tìm trong kho lưu trữ",
        "not_found_home": "Về trang chủ",
    },
    # A date form's {month_name} ('{month_name} {day}, {year}': "June 27, 2024"), in place of
    # its {month}; the Vietnamese forms write the month's number.
    "month": ["tháng 1", "tháng 2", "tháng 3", "tháng 4", "tháng 5", "tháng 6", "tháng 7",
              "tháng 8", "tháng 9", "tháng 10", "tháng 11", "tháng 12"],
    "weekday": ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"],
    "nav": {
        "home": "Trang chủ",
        "sessions": "Phiên đối thoại",
        "agencies": "Cơ quan",
        "topics": "Lĩnh vực",
        "places": "Địa bàn",
        "commitments": "Cam kết",
        "statistics": "Thống kê",
        "open-data": "Dữ liệu mở",
    },
    "text": {
        "overdue": "Quá hạn",
        "due": "Hạn",
        "due_was": "đã gia hạn, hạn ban đầu {date}",
        "due_brought_forward": "hạn đã được điều chỉnh sớm hơn, hạn ban đầu {date}",
        "due_moved": "hạn mới {date}",
        "out_of_scope": "Ngoài chủ đề",
        # beside a full name published with the person's consent (named_with_consent: true)
        "named_with_consent": "Nêu tên theo sự đồng ý của người phát biểu",
        "not_answered": "Chưa được trả lời",
        # a question sent in before a session not held yet ({kind}: "tiếp xúc cử tri")
        "awaiting_session": "Sẽ được trả lời tại buổi {kind} ngày {date}",
        "answered_by": "Trả lời",
        "referral": "{agency} chuyển đến {target}",  # a referral's name for screen readers
        "footnote_back": "Quay lại chỗ chú thích {number} trong bài",  # a footnote's ↩ link
        "referred_list": "Đã chuyển đến",  # an item referred, its answer awaited
        # on the list of the agency that referred an item elsewhere: where it referred it
        "passed_on": "Cơ quan này đã chuyển đến",
        "document": "Văn bản",
        "commitment": "Cam kết",
        "updates": "Tiến độ",
        "mentioned_in": "Được nhắc lại tại",  # the items of later sessions that link to this one
        "items": {
            "dialogue": "Ý kiến, câu hỏi của người dân",
            "business_dialogue": "Ý kiến, kiến nghị của doanh nghiệp",
            "voter_meeting": "Ý kiến, kiến nghị của cử tri",
            "citizen_reception": "Ý kiến, kiến nghị của công dân",
        },
        "topics": "Lĩnh vực",
        "procedures": "Thủ tục hành chính",
        "venue": "Địa điểm",
        "time": "Thời gian",
        "organizer": "Cơ quan tổ chức",
        "place": "Địa bàn",
        "chair": "Chủ trì",
        "on_behalf_of": "thay mặt",
        "participants": "Cơ quan tham dự",
        "attendance": "Thành phần",
        "author": "Tác giả",
        "published_on": "Đăng ngày {date}",
        "published_at": "Đăng lúc {time} ngày {date}",
        "sources": "Nguồn",
        "corrections": "Đính chính",
        "corrected_on": "Đã đính chính ngày {date}",
        "see_corrections": "xem nội dung đính chính",
        "session_data": "Dữ liệu mở của phiên này",
        "copy_link": "Sao chép liên kết",
        "link_copied": "Đã sao chép liên kết",
        "latest_sessions": "Phiên đối thoại mới nhất",
        "all_sessions": "Tất cả phiên đối thoại",
        "sessions": "phiên đối thoại",
        "held_sessions": "phiên đối thoại đã diễn ra",
        "items_count": "ý kiến, câu hỏi",
        "answers_count": "câu trả lời",
        "answers_count_note": ("Số câu trả lời không tính các lần chuyển ý kiến đến cơ quan khác "
                               "giải quyết."),
        "commitments_count": "cam kết",
        "agencies_count": "cơ quan trả lời hoặc được chuyển ý kiến",
        "page": "Trang",
        # a list's page 2 on: its <title>, its heading ({page}: the label above)
        "paged_title": "{title} — {page} {number}",
        "previous": "Trang trước",
        "next": "Trang sau",
        "pagination": "Phân trang",
        # a long list's links to where each year's entries start ("Chuyển đến năm: 2024 120
        # 2023 64"), not "Theo năm", which on the commitments page filters by year; and the
        # name a screen reader gives that row, told apart from the pager's
        "year_starts": "Chuyển đến năm:",
        "year_starts_nav": "Chuyển đến năm trong danh sách",
        "successor": "Nay thuộc",
        # a unit split among several (a district among its wards) does not belong to them
        "successors": "Nay thuộc địa bàn",
        "successor_inline": "nay thuộc",  # in brackets after a name
        "successors_inline": "nay thuộc địa bàn",
        "within": "thuộc",  # before a name, inside a sentence
        "sessions_here": "Phiên đối thoại tại địa bàn",
        "sessions_of_agency": "Các phiên đối thoại do cơ quan tổ chức hoặc tham dự",
        "newest_of": "10 phiên gần nhất trên tổng số {total}",
        "upcoming_of": "trong đó {count} sắp diễn ra",  # of the sessions counted, not held yet
        "items_from_here": "Ý kiến, câu hỏi nêu trên địa bàn",  # any askers: citizens, voters, firms
        "subplaces": "Địa bàn trực thuộc",
        "items_own_only": "Danh sách dưới đây gồm các ý kiến ghi địa bàn là {name}.",
        "items_within_all": "Xem tất cả {total} ý kiến, câu hỏi của {name} và các địa bàn trực thuộc",
        # after items_within_all, of its {total}: questions the search finds that the lists
        # leave out until their session is held
        "items_within_awaiting": "trong đó {count} gửi trước buổi sắp diễn ra",
        "asked_of_agency": ("Ý kiến, câu hỏi cơ quan đã trả lời, đã chuyển cơ quan khác hoặc được "
                            "chuyển đến"),
        "items_on_topic": "Ý kiến, câu hỏi thuộc lĩnh vực",
        "no_entries": "Chưa có mục nào.",
        "recorded_under_predecessors": "Ý kiến trước khi thành lập được ghi theo đơn vị cũ:",
        "sessions_of_year": "Phiên đối thoại năm {year}",
        "years": "Theo năm",
        "announced": "Sắp diễn ra",
        "no_record_yet": "Biên bản ý kiến, câu trả lời sẽ được cập nhật sau buổi {kind}.",
        "record_pending": "Biên bản ý kiến, câu trả lời của phiên này sẽ được cập nhật sau.",
        "record_to_follow": "Biên bản đang được cập nhật",
        # atop every page of a partial preview (scripts/serve --only 2026)
        "partial_preview": "Bản xem trước một phần: chỉ gồm các phiên {sessions} và các phiên được "
                           "sửa từ khi mở bản xem trước. Danh sách, thống kê, tìm kiếm và dữ liệu mở "
                           "chỉ tính các phiên này.",
        "aliases": "Cách viết khác",  # the spellings met in documents, to match them
        "parent_agency": "Trực thuộc",
        "agency_kind": "Loại cơ quan",
        "active_until": "Hoạt động đến hết",
        # a place does not "operate" ("Hoạt động đến hết"): its last day, on its page (the
        # date follows, "ngày 30 tháng 6 năm 2025") and in the places list
        "place_until": "Đến hết",
        "place_ended": "Đến hết ngày {date}",
        "active_from": "Hoạt động từ",
        "place_from": "Từ",  # a place's first day, on its page: "Từ ngày 1 tháng 7 năm 2025"
        "replaced_by": "Đơn vị kế thừa",
        "successor_today": "Đơn vị kế thừa hiện nay",
        "formed_from": "Hình thành từ",
        "in_part": "một phần",
        "merged_in": "Tiếp nhận đơn vị sáp nhập",
        "recorded_before_merge": "Ý kiến trước khi sáp nhập được ghi theo đơn vị cũ:",
        "answered_count": "ý kiến đã trả lời, đã chuyển cơ quan khác hoặc được chuyển đến",
        "took_over_from": "Kế thừa từ",
        "named_until": "đến {date}",
        "named_from": "từ {date}",
        "description": "Mô tả",
        "subject": "Chủ đề",
        "synonyms": "Cách gọi khác",
        "attendance_kinds": {
            "citizens": "công dân", "agencies": "cơ quan, đơn vị", "businesses": "doanh nghiệp",
            "voters": "cử tri", "deputies": "đại biểu", "officials": "cán bộ",
            "organizations": "tổ chức", "organisations": "tổ chức", "households": "hộ dân",
            "residents": "người dân", "people": "người", "representatives": "đại biểu",
            "delegates": "đại biểu", "guests": "khách mời", "journalists": "phóng viên",
            "press": "phóng viên", "enterprises": "doanh nghiệp", "companies": "doanh nghiệp",
            "cooperatives": "hợp tác xã", "associations": "hội, hiệp hội",
        },
        "counts_title": "Số liệu lưu trữ",
    },
}

REMOVED = frozenset({
    "text.commitments", "text.referred_to", "text.asker", "text.valid_until", "text.part_of",
    "text.session", "text.photo", "statistics.of", "open_data.object", "text.in_scope", "text.year",
    "publishing.print",
})
"""Labels removed because they changed nothing a reader sees: a labels file written before
still names them, and its translator is told the line is to delete, not to look for a typo."""

COUNTED = frozenset({
    "text.held_sessions", "text.sessions", "text.items_count", "text.answers_count",
    "text.commitments_count", "text.agencies_count", "text.answered_count", "text.upcoming_of",
    "text.attendance_kinds.*", "statistics.sessions", "statistics.items", "statistics.answers",
    "statistics.commitments",
    "commitments.days", "publishing.items_in_session",
    "search.to_results_count", "search.results_count", "search.shown_count",
    "search.filtered_count", "search.facet_shown", "text.newest_of", "text.items_within_all",
    "text.items_within_awaiting",
    "commitments.inherited",
    "commitments.inherited_overdue", "commitments.inherited_escalated", "commitments.average_base",
    "statistics.share_on_time_undated",
    "statistics.drawn_first",
})
"""Labels said with a count ('12 cam kết', 'Tìm thấy {count} kết quả'; `group.*`: each of the
group's). Vietnamese nouns have one form; a labels file may give each a singular,
`<name>_one`, used for a count of 1 ('1 commitment', '12 commitments'). Two counts that each
choose their words are two labels, one sentence each: an agency's inherited commitments
(`commitments.inherited`, {total}) and those of them overdue (`commitments.inherited_overdue`,
{overdue}) were one label whose form followed {total}, and '3 commitments, of which 1 are
overdue' could not be written. `statistics.drawn_first` keeps two: its form follows {total},
the table's rows, as {drawn}, the few drawn, is never 1."""


def is_counted(name: str) -> bool:
    """Whether the label `name` ('text.items_count') is said with a count (COUNTED)."""
    return name in COUNTED or f"{name.rpartition('.')[0]}.*" in COUNTED


def count_label(name: str, count: int) -> str:
    """The label `name` ('text.items_count') for `count` things: its singular `<name>_one`,
    when the site's labels have one, for 1; every page, feed and script picks the form here
    (search.js as countMessage)."""
    if not is_counted(name):
        raise ValueError(f"'{name}' is said with a count: add it to labels.COUNTED")
    *path, key = name.split(".")
    group = VI
    for part in path:
        group = group[part]
    return group.get(f"{key}_one", group[key]) if count == 1 else group[key]


def attendance_kind(key: str) -> str:
    """What an `attendance` key is shown as: its label, or (keys are free, FORMAT.md) the key as
    written, its hyphens as spaces."""
    return VI["text"]["attendance_kinds"].get(key) or key.replace("-", " ")


def counted(name: str, count: int) -> str:
    """A count with its noun, '12 phiên đối thoại' (`name` a COUNTED label without {count})."""
    return f"{format_number(count)} {count_label(name, count)}"


DESCRIBED_COUNTS = {"sessions": "text.sessions", "items": "text.items_count",
                    "commitments": "text.commitments_count", "inherited": "text.commitments_count"}
"""The noun of each count a page's description says (`described`)."""


def described(kind: str, counts: dict[str, int], upcoming: int = 0, **values: object) -> str:
    """A list's or a unit's description (VI["publishing"]["described"][kind]): the clauses of
    its counts that are not 0, in `counts`' order ('5 phiên đối thoại tại phường Hòa Xuân; 37
    ý kiến, câu hỏi …'), after the unit's name where the kind has a "named" form, else its
    "none" sentence: a unit nothing was asked of was described as '0 phiên đối thoại …; 0 ý
    kiến, câu hỏi …'. The sessions' clause says how many of them are `upcoming`, as the page's
    heading does ('3 phiên …, trong đó 1 sắp diễn ra'): search engines and shared links show
    the description alone."""
    clauses = VI["publishing"]["described"][kind]
    said = [clauses[key].format(**values, **{key: counted(DESCRIBED_COUNTS[key], count)})
            + (", " + count_label("text.upcoming_of", upcoming).replace("{count}", format_number(upcoming))
               if key == "sessions" and upcoming else "")
            for key, count in counts.items() if count]
    if not said:
        return clauses["none"].format(**values)
    text = "; ".join(said) + "."
    return clauses["named"].format(said=text, **values) if "named" in clauses else text


def format_date(value: dt.date, weekday: bool = False) -> str:
    """Long date: 'ngày 20 tháng 6 năm 2024' (optionally with the weekday)."""
    locale = VI["locale"]
    text = locale["date"].format(**_date_parts(value))
    if weekday:
        text = locale["weekday_date"].format(weekday=VI["weekday"][value.weekday()], date=text)
    return text


def content_lang() -> str | None:
    """The records' language where it is not the interface's (an English interface over
    Vietnamese records: a screen reader must read them with a Vietnamese voice), else None:
    a Vietnamese site declares it once, on <html>."""
    locale = VI["locale"]
    return None if locale["content_lang"] == locale["lang"] else locale["content_lang"]


def format_number(value: int) -> str:
    """A count as the pages and the search page write it: '12.000'."""
    return f"{value:,}".replace(",", VI["locale"]["thousands"])


SIZE_UNITS = (("gigabytes", 10**9, 1), ("megabytes", 10**6, 1), ("kilobytes", 10**3, 0))
"""The units of a file's size, largest first, with the decimals each is written with (decimal
units, 1 MB = 1.000.000 bytes, as macOS and disk makers count them)."""


def format_size(size: int) -> str:
    """A file's size in bytes as a Vietnamese reader writes it: '456,4 MB', '12 KB', '512 byte'
    (the largest unit it holds one of)."""
    units, locale = VI["open_data"]["sizes"], VI["locale"]
    for unit, scale, decimals in SIZE_UNITS:
        value = round(size / scale, decimals)
        # rounded to a decimal, 999.960 bytes is '1,0 MB'; 512 bytes is no '1 KB'
        if size >= scale or (decimals and value >= 1):
            written = f"{value:,.{decimals}f}".translate(
                str.maketrans({",": locale["thousands"], ".": locale["decimal"]}))
            return units[unit].format(size=written)
    return units["bytes"].format(size=format_number(size))


def format_short_date(value: dt.date) -> str:
    """Numeric date: '20/6/2024'."""
    return VI["locale"]["short_date"].format(**_date_parts(value))


def _date_parts(value: dt.date) -> dict[str, int | str]:
    """What a date form may hold: {day}, {month} (its number) or {month_name}, {year}."""
    return {"day": value.day, "month": value.month, "month_name": VI["month"][value.month - 1],
            "year": value.year}
