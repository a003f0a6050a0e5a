"""What Vietnamese offices write in their spreadsheets, mapped to the format's keys and values.

Data, read by `spreadsheet` (and by the loader, to say which value a Vietnamese word typed in
YAML stands for). Headers and values are compared folded (no case, no diacritics, no
punctuation), so 'Nội dung ý kiến', 'NOI DUNG Y KIEN' and 'Nội dung ý kiến:' are one header.
The enum labels of `labels.VI` are accepted as values too.
"""

from __future__ import annotations

import re
from typing import Any

from .labels import VI
from .registry_match import folded_words
from .vietnamese import normalise

COLUMNS: dict[str, tuple[str, ...]] = {
    # item (question) columns: read from the first row of a question
    "number": ("STT", "TT", "Số TT", "Số thứ tự"),
    "asker": ("Người hỏi", "Người nêu", "Người nêu ý kiến", "Người phát biểu", "Người kiến nghị",
              "Người hỏi/nêu ý kiến", "Họ tên người hỏi", "Họ và tên người hỏi",
              "Người nêu ý kiến, kiến nghị", "Người hỏi, kiến nghị", "Họ tên cử tri",
              "Họ và tên cử tri", "Họ tên công dân", "Họ và tên công dân"),
    "asker_kind": ("Đối tượng", "Thành phần", "Loại người hỏi"),
    "place": ("Phường", "Địa bàn", "Phường/xã", "Phường, xã", "Xã/phường", "Nơi cư trú"),
    # not 'Tổ' alone: a voter meeting's sheet names the deputies' group so (tổ đại biểu)
    "group": ("Tổ dân phố", "Thôn", "Khu phố", "Ấp", "Khối phố", "Tổ dân cư", "Xóm"),
    "type": ("Loại", "Loại ý kiến", "Phân loại", "Hình thức ý kiến"),
    "topics": ("Lĩnh vực", "Nhóm lĩnh vực", "Chủ đề"),
    "procedures": ("Thủ tục", "Thủ tục hành chính", "Mã thủ tục", "Mã TTHC", "TTHC"),
    "text": ("Nội dung", "Nội dung ý kiến", "Nội dung câu hỏi", "Nội dung kiến nghị",
             "Nội dung phản ánh", "Ý kiến", "Câu hỏi", "Ý kiến, kiến nghị",
             "Nội dung câu hỏi/kiến nghị", "Nội dung câu hỏi, kiến nghị", "Nội dung kiến nghị, phản ánh",
             "Nội dung phản ánh, kiến nghị", "Nội dung ý kiến, kiến nghị", "Nội dung kiến nghị, đề xuất",
             "Nội dung ý kiến, kiến nghị, phản ánh", "Tóm tắt nội dung"),
    "in_scope": ("Đúng chủ đề", "Đúng chủ đề?", "Trong chủ đề", "Thuộc chủ đề"),
    "consent": ("Đồng ý nêu tên", "Đồng ý công khai tên", "Đồng ý công bố tên"),
    # answer columns: one answer per row
    "by": ("Cơ quan trả lời", "Đơn vị trả lời", "Cơ quan giải đáp", "Cơ quan",
           "Cơ quan, đơn vị trả lời", "Đơn vị chủ trì trả lời", "Cơ quan chủ trì trả lời",
           "Đơn vị giải quyết", "Cơ quan giải quyết", "Cơ quan, đơn vị giải quyết"),
    "official": ("Người trả lời", "Chức vụ", "Chức vụ người trả lời", "Người giải đáp"),
    "mode": ("Hình thức", "Hình thức trả lời"),
    "referred_to": ("Chuyển đến", "Chuyển cơ quan", "Cơ quan được chuyển", "Chuyển"),
    "document": ("Văn bản", "Số văn bản", "Văn bản trả lời", "Số, ký hiệu văn bản"),
    "answer_date": ("Ngày trả lời", "Ngày văn bản", "Thời gian trả lời", "Ngày giải quyết"),
    "answer_text": ("Nội dung trả lời", "Trả lời", "Ý kiến trả lời", "Nội dung giải đáp",
                    "Kết quả giải quyết", "Kết quả trả lời", "Nội dung trả lời, giải quyết",
                    "Kết quả giải quyết, trả lời"),
    # commitment columns: at most one commitment per row
    "commitment": ("Cam kết", "Nội dung cam kết", "Việc cần làm"),
    "commitment_by": ("Cơ quan thực hiện", "Đơn vị thực hiện", "Cơ quan chủ trì"),
    "due": ("Hạn", "Thời hạn", "Hạn hoàn thành", "Hạn xử lý", "Hạn giải quyết", "Thời hạn giải quyết",
            "Thời hạn hoàn thành", "Thời hạn xử lý"),
    "status": ("Tình trạng", "Trạng thái", "Tiến độ", "Kết quả thực hiện"),
    "done_date": ("Ngày hoàn thành", "Thời gian hoàn thành", "Ngày thực hiện xong", "Ngày xong"),
}

ANSWER_COLUMNS = ("by", "official", "mode", "referred_to", "document", "answer_date", "answer_text")
COMMITMENT_COLUMNS = ("commitment", "commitment_by", "due", "status", "done_date")
DATE_COLUMNS = ("answer_date", "due", "done_date")
"""The columns of a day: an Excel date in any other column is no value of it (see spreadsheet)."""
REQUIRED_COLUMNS = ("type", "topics", "text")
JOINED_COLUMNS = ("text", "answer_text", "commitment")
"""Two columns of the sheet for one of these ('Nội dung' twice): their texts are joined, as
paragraphs; two columns for another key must not disagree on a row."""
FIELD_NAMES = {"number": "the number (STT)", "asker": "the asker", "asker_kind": "the asker's kind",
               "place": "the asker's place", "group": "the asker's residential group",
               "type": "the type", "topics": "the topics",
               "procedures": "the procedures", "text": "the question", "in_scope": "in scope",
               "consent": "the consent to be named", "by": "the answering agency",
               "official": "the answering official", "mode": "the answer's mode",
               "referred_to": "the agency referred to", "document": "the written reply",
               "answer_date": "the answer's date", "answer_text": "the answer",
               "commitment": "the commitment", "commitment_by": "the agency responsible",
               "due": "the due date", "status": "the commitment's status",
               "done_date": "the day the work was done"}
"""What a key is, in the press office's messages."""
NOT_FOR_THE_SITE = ("Ghi chú", "Ghi chú khác", "Người nhập", "Người tổng hợp", "Người nhập liệu")
"""The office's own notes columns: not imported, and said so in a note rather than a warning."""
NO_FIELD: dict[str, tuple[str, ...]] = {
    "the day the question was received": (
        "Ngày nhận", "Ngày tiếp nhận", "Ngày gửi", "Ngày nhận đơn", "Ngày nhận ý kiến",
        "Ngày tiếp nhận ý kiến", "Ngày gửi ý kiến", "Ngày nhận câu hỏi", "Ngày nhận kiến nghị",
        "Ngày tiếp nhận kiến nghị", "Thời gian nhận", "Thời gian tiếp nhận"),
}
"""Columns offices keep for what FORMAT.md has no field for (what they hold -> their names): not
imported, and said so in a note, with what they hold, rather than a warning whose 'did you mean'
named a column of another meaning ('Ngày nhận' -> 'Ngày văn bản', the answer's date: followed,
it made the days questions were received their answers' dates)."""
DAY_NAMES = ("Ngày", "Hạn", "Thời hạn", "Thời gian")
"""Words a column's name opens with when its cells are days, as those of DATE_COLUMNS: a column
of days and one of something else are not one misspelt for the other ('Ngày chuyển' is no
'Chuyển', the agency referred to)."""
PERSONAL = ("Số điện thoại", "Điện thoại", "SĐT", "ĐT", "Điện thoại liên hệ", "Số CCCD", "CCCD",
            "Số CMND", "CMND", "Căn cước công dân", "Số căn cước", "Email", "Địa chỉ email",
            "Địa chỉ", "Địa chỉ thường trú", "Nơi ở", "Ngày sinh", "Năm sinh")
"""Columns of a citizen's contact and identity: never imported, and said so (a hint to rename
them to a known column would be wrong)."""
_PERSONAL = tuple(folded_words(name) for name in PERSONAL)


def is_personal(name: Any) -> bool:
    """Whether a column's name is one of PERSONAL, or opens with one ('SĐT liên hệ')."""
    folded = folded_words(name)
    return any(folded == known or folded.startswith(f"{known} ") for known in _PERSONAL)


HEADER_ABBREVIATIONS = {"TL": "trả lời", "ND": "nội dung", "CQ": "cơ quan", "ĐV": "đơn vị",
                        "VB": "văn bản", "KN": "kiến nghị", "YK": "ý kiến", "CK": "cam kết",
                        "Ngày ĐT": "Ngày đối thoại", "TXCT": "tiếp xúc cử tri",
                        "TCD": "tiếp công dân"}
"""The short forms offices write in their headers ('Đơn vị TL', 'ND trả lời', 'Ngày ĐT'), read
as their words. 'ĐT' alone is a phone number's column (PERSONAL), so only after 'Ngày'."""
_ABBREVIATED = re.compile(r"\b(?:" + "|".join(folded_words(short) for short in HEADER_ABBREVIATIONS)
                          + r")\b")
_WORDS_OF = {folded_words(short): folded_words(words) for short, words in HEADER_ABBREVIATIONS.items()}


def header_words(name: Any) -> str:
    """A column's name folded (folded_words), its short forms written out: the key a header is
    known by ('Đơn vị TL' is 'Đơn vị trả lời')."""
    return _ABBREVIATED.sub(lambda found: _WORDS_OF[found[0]], folded_words(name))


VALUES: dict[str, dict[str, tuple[str, ...]]] = {  # TRUE/FALSE: Excel's, in a saved CSV
    "type": {
        "question": ("Câu hỏi", "Hỏi", "Chất vấn"),
        "opinion": ("Ý kiến", "Góp ý", "Đề xuất"),
        "proposal": ("Kiến nghị", "Đề nghị", "Kiến nghị, đề xuất"),
        "complaint": ("Phản ánh", "Khiếu nại", "Bức xúc"),
    },
    "asker_kind": {
        "citizen": ("Công dân", "Người dân", "Cá nhân", "Hộ gia đình"),
        "business": ("Doanh nghiệp", "Hộ kinh doanh", "DN", "HKD", "Doanh nghiệp, hộ kinh doanh",
                     "Hợp tác xã", "HTX"),
        "organization": ("Tổ chức", "Hội", "Đoàn thể"),
        "voter": ("Cử tri",),
    },
    "mode": {
        "on_the_spot": ("Trực tiếp", "Trả lời trực tiếp", "Tại buổi đối thoại", "Tại chỗ",
                        "Trả lời tại chỗ", "Trả lời tại buổi đối thoại", "Tại hội nghị",
                        "Trả lời tại hội nghị", "Tại buổi tiếp xúc", "Trả lời tại buổi tiếp xúc"),
        "in_writing": ("Bằng văn bản", "Văn bản", "Trả lời bằng văn bản", "Trả lời sau"),
        "referred": ("Chuyển", "Chuyển đến", "Chuyển cơ quan", "Chuyển cơ quan có thẩm quyền",
                     "Chuyển cơ quan chức năng"),
    },
    "status": {
        "pending": ("Chưa thực hiện", "Chưa", "Chưa làm", "Chờ", "Chưa giải quyết", "Chưa xử lý"),
        "in_progress": ("Đang thực hiện", "Đang làm", "Đang xử lý", "Đang giải quyết"),
        "done": ("Đã hoàn thành", "Hoàn thành", "Xong", "Đã thực hiện", "Đã xong", "Đã giải quyết",
                 "Đã xử lý", "Đã khắc phục"),
        "escalated": ("Đã chuyển cấp trên", "Chuyển cấp trên", "Kiến nghị cấp trên"),
        "dropped": ("Không thực hiện", "Hủy", "Huỷ", "Dừng"),
    },
    "in_scope": {
        "true": ("Có", "Đúng", "X", "Đúng chủ đề", "Trong chủ đề", "Yes", "1", "TRUE"),
        "false": ("Không", "Sai", "Ngoài chủ đề", "Không đúng chủ đề", "No", "0", "FALSE"),
    },
    "consent": {
        "true": ("Có", "Đồng ý", "X", "Yes", "1", "TRUE"),
        "false": ("Không", "Không đồng ý", "No", "0", "FALSE"),
    },
}

NOTED = ("Tiếp thu", "Ghi nhận")
"""What offices write as an answer's mode when the opinion was noted, taken on board: that it
was not answered, in official usage, or answered at the session with a promise, or to be
answered in writing; none of the format's modes for sure (they were read as 'on the spot'),
so the import asks the office to choose, and so does the loader when one is typed in YAML."""
EXPLAINED = ("Giải trình",)
"""What offices write as an answer's mode when the opinion was explained ('giải trình': the
agency's explanation, which is an answer), said at the session or in a written report
('Báo cáo tiếp thu, giải trình ý kiến cử tri'): that it was answered, not how, which is what
FORMAT.md's mode says. The import reads it as an empty mode cell, the mode the row's other
cells imply (Bằng văn bản when 'Văn bản' is filled, else Trực tiếp)."""
OPINION_FILLERS = ("Đã", "Và", "Ý kiến", "Kiến nghị", "Cử tri", "Công dân", "Người dân",
                   "Nhân dân", "Của")
"""Words offices write around NOTED and EXPLAINED ('Đã tiếp thu', 'Tiếp thu và ghi nhận',
'Tiếp thu ý kiến cử tri'), which say no more."""


def _phrases(words: tuple[str, ...]) -> re.Pattern[str]:
    """A folded text's whole words that are one of `words`."""
    return re.compile(r"\b(?:" + "|".join(re.escape(folded_words(w)) for w in words) + r")\b")


NOTED_PHRASE, EXPLAINED_PHRASE, OPINION_FILLER = map(_phrases, (NOTED, EXPLAINED, OPINION_FILLERS))

SESSION_WORDS = ("Đối thoại", "Tiếp xúc", "Tiếp công dân", "Phiên", "Buổi", "Hội nghị", "Kỳ họp",
                 "Cuộc họp")
"""Words of a column naming sessions ('Ngày đối thoại', 'Buổi tiếp xúc'): its cells, when
mostly dates, are the sessions' days (spreadsheet._check_session_dates)."""
DAY_HEADING_WORDS = ("Ngày",)
"""Words that, beside SESSION_WORDS, make a column's name one of sessions' days ('Ngày đối
thoại', 'Ngày, giờ hội nghị'): its cells are meant as days, so cells that cannot be read as ones
are errors, never an unknown column's. Not 'Thời gian' ('Thời gian đối thoại' may hold the hours
alone, 8h00 - 11h00), nor a 'Buổi' or 'Phiên' alone, which may hold the part of the day or a
title."""
SESSION_PHRASE, DAY_HEADING_PHRASE, DAY_NAME = map(_phrases, (SESSION_WORDS, DAY_HEADING_WORDS,
                                                             DAY_NAMES))


def opinion_taken(value: str) -> str | None:
    """'explained' for a mode that says only that the opinion was explained ('Tiếp thu, giải
    trình', 'Ghi nhận, giải trình'), 'noted' for one that says only that it was noted ('Ghi nhận',
    'Đã tiếp thu', 'Tiếp thu ý kiến cử tri'), else None: read by its words, the spellings are
    many, and a word of a mode ('Trực tiếp', 'văn bản') left beside them makes it no such one."""
    folded = folded_words(value)
    explained, noted = bool(EXPLAINED_PHRASE.search(folded)), bool(NOTED_PHRASE.search(folded))
    left = OPINION_FILLER.sub(" ", NOTED_PHRASE.sub(" ", EXPLAINED_PHRASE.sub(" ", folded)))
    if left.strip() or not (explained or noted):
        return None
    return "explained" if explained else "noted"

ASKER_OPENINGS: dict[str, tuple[str, ...]] = {
    "business": ("Công ty", "Chi nhánh công ty", "Doanh nghiệp", "Doanh nghiệp tư nhân", "DNTN",
                 "Hợp tác xã", "HTX", "Hộ kinh doanh", "HKD", "Tập đoàn", "Cơ sở sản xuất",
                 "Cơ sở kinh doanh", "Cửa hàng"),
    "organization": ("Hội", "Chi hội", "Hiệp hội", "Ban đại diện", "Ban điều hành", "Ban quản trị",
                     "Ban công tác Mặt trận", "Ủy ban Mặt trận", "Mặt trận", "Tổ dân phố", "Công đoàn",
                     "Đoàn thanh niên", "Câu lạc bộ", "Bệnh viện"),
    "voter": ("Cử tri",),  # 'Cử tri ấp An Thuận' at a dialogue: a voter, as the sheet says
}
"""How an asker's name that is an organisation's, or a voter's, opens ('Công ty TNHH Minh Phát',
'Hội Cựu chiến binh phường', 'Cử tri thôn 3'): its kind when the sheet gives none, instead of the
session's default (công dân)."""
ASKER_OPENING_KINDS = {folded_words(opening): kind for kind, openings in ASKER_OPENINGS.items()
                       for opening in openings}


PERSON_WORDS = frozenset({"viên", "trưởng", "phó"})
"""Words that make an organisation's name a person's title ('Hội viên', 'Chi hội trưởng', 'Công
đoàn viên', 'Cửa hàng trưởng'), as written: folded, they are also names ('HTX Trường Thịnh')."""


def kind_named(asker: str | None) -> str | None:
    """The asker's kind its name says (ASKER_OPENINGS), or None; not for a person named by a
    title in the organisation (PERSON_WORDS right after the opening)."""
    written = re.findall(r"\w+", normalise(asker or "").lower())
    words = [folded_words(word) for word in written]
    for n in range(len(words), 0, -1):
        if (opening := " ".join(words[:n])) in ASKER_OPENING_KINDS:
            return None if written[n:n + 1] and written[n] in PERSON_WORDS else ASKER_OPENING_KINDS[opening]
    return None


DASHES = ("-", "–", "—")
"""The marks for 'none' that are no word: the only ones read in the answer's text, where 'Không'
answers a yes-or-no question and a dash answers nothing (it was published as the answer '-')."""
NONE_MARKS = ("Không", "Không có", *DASHES, "x")
"""What offices type in a cell for 'none' (no commitment, no written reply), compared with the
whole cell (case aside): read as an empty cell in NONE_MARK_COLUMNS, and an error in a required
column. Not in `Đúng chủ đề?` and `Đồng ý nêu tên`, where Không and x are answers, nor in the
answering agency; in the answer's text only DASHES."""
NONE_MARK_COLUMNS = ("asker", "asker_kind", "place", "group", "procedures", "official", "mode",
                     "referred_to", "document", "answer_date", "commitment", "commitment_by", "due",
                     "status", "done_date")


LABEL_GROUPS = {"type": "item_type", "asker_kind": "asker_kind", "mode": "answer_mode",
                "status": "commitment_status"}
"""Value columns whose Vietnamese UI labels (labels.VI) are accepted as well."""

VALUE_NAMES = {
    column: {folded_words(word): value for value, words in choices.items()
             for word in (*words, *([VI[LABEL_GROUPS[column]][value]] if column in LABEL_GROUPS else []))}
    for column, choices in VALUES.items()
}
"""Folded word -> value, for each value column."""

KEY_WORDS: dict[str, tuple[str, ...]] = {
    "title": ("Tiêu đề", "Tên bài", "Tên phiên"),
    "date": ("Ngày", "Ngày tổ chức", "Ngày họp", "Ngày cập nhật", "Ngày đính chính",
             *COLUMNS["answer_date"]),
    "time": ("Giờ", "Thời gian", "Giờ bắt đầu"),
    "kind": ("Hình thức", "Loại phiên", *COLUMNS["asker_kind"]),
    "organizer": ("Cơ quan tổ chức", "Đơn vị tổ chức"),
    "place": COLUMNS["place"],
    "venue": ("Địa điểm", "Nơi tổ chức", "Nơi họp"),
    "subject": ("Chủ đề", "Nội dung đối thoại"),
    "chair": ("Chủ trì", "Người chủ trì", "Chủ tọa"),
    "participants": ("Thành phần", "Thành phần tham dự", "Cơ quan tham dự"),
    "attendance": ("Số người tham dự", "Số lượng tham dự", "Tham dự"),
    "summary": ("Tóm tắt",),
    "author": ("Tác giả", "Người viết"),
    "published": ("Ngày đăng", "Ngày công bố", "Thời điểm đăng"),
    "image": ("Ảnh", "Hình ảnh", "Ảnh đại diện"),
    "sources": ("Nguồn", "Nguồn tin"),
    "corrections": ("Đính chính",),
    "aliases": ("Bí danh", "Mã cũ"),
    "draft": ("Nháp", "Bản nháp"),
    "name": ("Tên", "Họ tên", "Họ và tên"),
    "position": ("Chức vụ",),
    "on_behalf_of": ("Thay mặt",),
    "url": ("Địa chỉ", "Đường dẫn", "Link"),
    "asker": COLUMNS["asker"],
    "label": ("Người hỏi", "Tên người hỏi"),
    "type": COLUMNS["type"],
    "topics": COLUMNS["topics"],
    "procedures": COLUMNS["procedures"],
    "in_scope": COLUMNS["in_scope"],
    "text": (*COLUMNS["text"], *COLUMNS["answer_text"], *COLUMNS["commitment"]),
    "answers": ("Trả lời", "Câu trả lời", "Các câu trả lời"),
    "commitments": ("Cam kết", "Các cam kết"),
    "by": (*COLUMNS["by"], *COLUMNS["commitment_by"]),
    "official": COLUMNS["official"],
    "mode": COLUMNS["mode"],
    "referred_to": COLUMNS["referred_to"],
    "document": COLUMNS["document"],
    "due": COLUMNS["due"],
    "status": COLUMNS["status"],
    "updates": ("Cập nhật", "Các lần cập nhật"),
    "note": ("Ghi chú", "Nội dung cập nhật"),
}
"""The format's keys (session front matter, answers.yaml) in the words a clerk may type for
them in Vietnamese ('địa điểm: Hội trường' for venue), the sheet's columns among them: a key
so typed is told its English key, as a Vietnamese value is."""

def _key_names() -> dict[str, list[str]]:
    """KEY_WORDS by folded word (each word folded once: every build imports this)."""
    names: dict[str, list[str]] = {}
    for key, words in KEY_WORDS.items():
        for folded in dict.fromkeys(folded_words(word) for word in words):
            names.setdefault(folded, []).append(key)
    return names


KEY_NAMES = _key_names()
"""Folded word -> the keys it may stand for, in KEY_WORDS' order (the place decides which:
'Hình thức' is a session's kind, an answer's mode)."""

LIST_SEPARATORS = r"[;\n]+"
"""Several topics or procedures in one cell: "Xây dựng; Đất đai" (or "Xây dựng, Đất đai" when
each part is a known name: some names, like "Thuế, phí, lệ phí", contain commas)."""

PARTS_OF_DAY = ("Sáng", "Trưa", "Chiều", "Tối", "Buổi sáng", "Buổi trưa", "Buổi chiều", "Buổi tối")
"""The part of the day a session was held in, which offices write beside its day in a column
of sessions' days ('Sáng 20/11/2026', '20/11/2026 (chiều)')."""
WEEKDAYS = {**{name: n for n, name in enumerate(VI["weekday"])},
            **{f"Thứ {n + 2}": n for n in range(6)}, "CN": 6}
"""A weekday as offices write it beside a day ('Thứ Sáu, 20/11/2026', 'Thứ 6', 'CN') -> its
number (Monday 0, as `date.weekday()`): the site's own names, their numbers, Chủ nhật's initials."""
DAY_WORDS = re.compile(r"\b(?:(?P<part>{})|(?P<weekday>{})|ngay)\b".format(
    "|".join(folded_words(part) for part in PARTS_OF_DAY),
    "|".join(folded_words(name) for name in WEEKDAYS)))
"""The words a cell of sessions' days may hold beside its one date, folded: a part of the day,
a weekday, 'ngày' ('Sáng thứ Sáu, ngày 20/11/2026')."""
WEEKDAY_NUMBERS = {folded_words(name): n for name, n in WEEKDAYS.items()}
"""WEEKDAYS folded, as DAY_WORDS finds them."""
