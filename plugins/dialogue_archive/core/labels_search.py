"""Words of the search page, the header search box and "search within" forms (VI["search"])."""

from __future__ import annotations

from typing import Any

SEARCH_VI: dict[str, Any] = {
    "title": "Tìm kiếm",
    "description": "Tìm câu hỏi, ý kiến của người dân và câu trả lời của cơ quan nhà nước; "
                   "gõ có dấu hoặc không dấu đều được.",
    "heading": "Tìm câu hỏi, câu trả lời đã có",
    "input_label": "Nội dung cần tìm",
    "placeholder": "Ví dụ: {examples}",  # the archive's most asked topics (search.examples)
    "placeholder_empty": "Nhập nội dung cần tìm",  # an archive nothing was asked in yet
    "header_label": "Tìm kiếm trong kho lưu trữ",
    "header_placeholder": "Tìm kiếm",
    "submit": "Tìm",
    "hint": "Gõ có dấu hoặc không dấu đều được (ví dụ: “dat dai” tìm được “đất đai”).",
    "filters": "Bộ lọc",
    # Under "Bộ lọc": a filter's number counts the results it leaves (an item, a write-up), not
    # the site's figures (a topic's holds its sessions' write-ups; "overdue" counts items).
    "facet_counts": "Số trong ngoặc là số kết quả (ý kiến, câu hỏi, bài tường thuật), không phải "
                    "số cam kết.",
    "skip_to_results": "Đến kết quả tìm kiếm",
    "to_results": "Xem kết quả",
    "to_results_count": "Xem {count} kết quả",
    "clear_filters": "Bỏ tất cả bộ lọc",
    "active_filters": "Đang lọc theo:",
    "facet_find": "Gõ tên để tìm trong danh sách",  # a long list of agencies or places
    "facet_none": "Không có tên nào chứa các chữ đã gõ.",
    "facet_shown": "Danh sách còn {count} tên.",  # said to a screen reader once typing pauses
    "remove_filter": "Bỏ lọc {facet}:",  # read before the value on each active filter's button
    "no_javascript": "Trang tìm kiếm cần JavaScript. Bạn vẫn có thể xem theo lĩnh vực, cơ quan "
                     "hoặc địa bàn ở thanh điều hướng.",
    "loading": "Đang tải chỉ mục tìm kiếm…",
    "searching": "Đang tìm…",
    "prompt": "Nhập nội dung cần tìm hoặc chọn bộ lọc.",
    "results_count": "Tìm thấy {count} kết quả",
    "results_for": "cho “{query}”",
    # What narrowed the search, after its scope: named when few, counted when many.
    "filtered_by": "lọc theo {filters}",
    "filtered_count": "với {count} bộ lọc",
    "page_title_query": "“{query}” – {page}",
    "no_results": "Không tìm thấy kết quả nào phù hợp. Hãy thử từ khác hoặc bỏ bớt bộ lọc.",
    "no_results_in": "Không tìm thấy kết quả nào {scope}. Hãy tìm thêm trong các phiên cũ hơn, "
                     "thử từ khác hoặc bỏ bớt bộ lọc.",
    # The same when no older sessions are left to search (a year chosen, the oldest reached).
    "no_results_within": "Không tìm thấy kết quả nào {scope}. Hãy thử từ khác hoặc bỏ bớt bộ lọc.",
    # The same three without a filter chosen: there is none to remove.
    "no_results_unfiltered": "Không tìm thấy kết quả nào phù hợp. Hãy thử từ khác.",
    "no_results_in_unfiltered": "Không tìm thấy kết quả nào {scope}. Hãy tìm thêm trong các phiên "
                                "cũ hơn hoặc thử từ khác.",
    "no_results_within_unfiltered": "Không tìm thấy kết quả nào {scope}. Hãy thử từ khác.",
    # The same three with filters chosen and no words typed: there are none to change.
    "no_results_unworded": "Không tìm thấy kết quả nào phù hợp. Hãy bỏ bớt bộ lọc.",
    "no_results_in_unworded": "Không tìm thấy kết quả nào {scope}. Hãy tìm thêm trong các phiên "
                              "cũ hơn hoặc bỏ bớt bộ lọc.",
    "no_results_within_unworded": "Không tìm thấy kết quả nào {scope}. Hãy bỏ bớt bộ lọc.",
    # The words typed that no record searched holds (a typo: "xay dug"), each in quotes.
    "missing_words": "Không có nội dung nào chứa {words}: hãy kiểm tra chính tả.",
    "accents_hint": "Nếu gõ có dấu, hãy thử gõ không dấu.",
    "no_sessions_in_years": "Không có phiên nào trong năm {years}. Hãy chọn năm khác hoặc bỏ "
                            "bộ lọc năm.",
    "scope_range": "trong các phiên từ {from} đến {to}",
    "scope_day": "trong các phiên ngày {date}",
    "scope_all": "trong toàn bộ kho lưu trữ",
    "scope_years": "trong các phiên năm {years}",  # years chosen apart ("2016, 2019")
    "scope_note": "Để có kết quả nhanh, tìm kiếm bắt đầu từ các phiên gần đây nhất.",
    "older": "Tìm thêm các phiên từ ngày {date} trở về trước",
    "all": "Tìm trong toàn bộ kho lưu trữ",
    "load_failed": "Không tải được chỉ mục tìm kiếm. Vui lòng tải lại trang.",
    # A part of the index, a result or the filters that the network lost (search.js): searching
    # again fetches them afresh.
    "search_incomplete": "Không tải được đầy đủ chỉ mục tìm kiếm nên kết quả có thể bị thiếu. "
                         "Hãy kiểm tra kết nối mạng rồi tìm lại.",
    "results_failed": "Một số kết quả không tải được. Hãy kiểm tra kết nối mạng rồi tìm lại.",
    "result_failed": "Không tải được kết quả này.",
    # In place of the excerpt of a result whose link is still known (search.js lostResult).
    "excerpt_failed": "Không tải được đoạn trích của kết quả này.",
    "filters_failed": "Không tải được bộ lọc. Hãy kiểm tra kết nối mạng rồi tìm lại.",
    "more": "Xem thêm kết quả",
    "shown_count": "Đang hiển thị {shown} trên {count} kết quả.",
    "results": "Kết quả tìm kiếm",
    "session": "Phiên",
    "answered_by": "Trả lời",
    "referred": "Đã chuyển đến",
    "organized_by": "Cơ quan tổ chức",
    "commitment": "Cam kết",
    # The "search within" box of an agency's, topic's or place's page: what it searches.
    "search_within": {
        "agency": "Tìm trong các phiên và câu trả lời của {name}",
        "topic": "Tìm trong lĩnh vực {name}",
        "place": "Tìm trên địa bàn {name}",
    },
    "facets": {
        "type": "Loại ý kiến",
        "answered": "Tình trạng trả lời",
        "status": "Trạng thái cam kết",  # as the commitments page and statistics say
        "topic": "Lĩnh vực",
        "agency": "Cơ quan",
        "place": "Địa bàn",
        "kind": "Loại buổi",
        "year": "Năm",
    },
    "type_session": "Bài tường thuật",  # of any kind of session: a voter meeting's too
    "answered": {"yes": "Đã được trả lời", "referred": "Đã chuyển, chờ trả lời",
                 "no": "Chưa được trả lời",
                 "awaiting": "Sẽ được trả lời tại buổi sắp diễn ra"},  # sent in before it
    "overdue": "Cam kết quá hạn",
    # A result's excerpt: its parts as sentences, each introduced ('Trả lời (Phòng Quản lý đô
    # thị quận Cẩm Lệ, Chuyên viên): …', 'Cam kết: …').
    "excerpt_answer": "Trả lời ({agency}):",
    "excerpt_fact": "{name}: {text}",
}
