"""Residential groups (tổ dân phố, thôn, khu phố, ấp, khối, xóm): below wards and communes.

FORMAT.md's places stop at wards and communes (`kind`: province, district, ward or commune),
but an office whose voter meeting was held for one group writes that group first: as a place
of the registry (`kind: ward`, its parent a ward) or as an asker's `place`. The messages that
refuse it say where it goes instead, the asker's label, rather than only "fix parent or kind";
the import reads a sheet's column of groups into the askers' labels.
"""

from __future__ import annotations

from .registry_match import folded_words

RESIDENTIAL_GROUPS = ("Tổ dân phố", "Tổ dân cư", "Khu dân cư", "Khu phố", "Khối phố", "Tổ", "Thôn",
                      "Ấp", "Khối", "Xóm", "Khóm")
"""How the name of a residential group under a ward or commune opens ('Tổ dân phố Cẩm Nam',
'Thôn 3'): said in the asker's label (the import reads it from a column of its own); a place
naming one is refused, saying so. Not 'Bản', 'Buôn', 'Sóc', which open names of communes and
provinces too (Buôn Ma Thuột)."""
GROUP_INITIALS = ("TDP", "KP", "KDC")
"""The initials offices write for RESIDENTIAL_GROUPS ('TDP 12'), kept as written in a label."""
GROUP_OPENINGS = frozenset(folded_words(word) for word in (*RESIDENTIAL_GROUPS, *GROUP_INITIALS))
GROUPS = "tổ dân phố, thôn, khu phố, ấp, bản, khối"
"""The groups as a message names them."""
EXAMPLE_GROUP = "tổ dân phố Cẩm Nam"
"""A group's name in an example label, when only its id is written."""


def group_opening(name: str) -> int:
    """How many words of `name` are the word of a residential group it opens with (GROUP_OPENINGS:
    3 for 'Tổ dân phố Cẩm Nam', 1 for 'TDP 12'), 0 for none."""
    words = name.split()
    return next((n for n in range(min(3, len(words)), 0, -1)
                 if folded_words(" ".join(words[:n])) in GROUP_OPENINGS), 0)


def reads_as_group(*names: str | None) -> bool:
    """Whether a name or id (with or without accents: 'to-dan-pho-cam-nam') opens with a
    group's word."""
    return any(group_opening(folded_words(name)) for name in names if name)


def in_sentence(name: str) -> str:
    """A group's name mid-sentence, as a label holds it: its group's word lower-case ("Tổ dân
    phố Cẩm Nam" -> "tổ dân phố Cẩm Nam"), its initials as written ("TDP 12")."""
    words = name.split()
    opening = group_opening(name)
    kind = " ".join(words[:opening])
    kind = kind if folded_words(kind).upper() in GROUP_INITIALS else kind.lower()
    return " ".join(filter(None, [kind, *words[opening:]]))


def read_as_group(subject: str, ward: str | None, name: str | None = None, session: bool = False,
                  first: str = "") -> str:
    """What to do with a group written as a place, said of `subject` ("it", "'Thôn 2'").
    `ward`: the ward or commune to suggest as its place (None: unknown); `name`: the group's
    name, which the example label holds when written with its accents and its group's word;
    `session`: written as the session's own place, not an asker's or a registry entry;
    `first`: a step before the others ("remove this entry, and ")."""
    written = name and not name.isascii() and reads_as_group(name)
    group = in_sentence(name) if written and name else EXAMPLE_GROUP
    place = ward or "<id of its ward or commune>"
    lead = (f"{subject} reads as a residential group ({GROUPS}), below wards and communes, where "
            f"places stop (FORMAT.md's kinds): {first}")
    if session:
        return (f"{lead}write the ward or commune the session served as place (place: {place}) and "
                f"name the group in the title or venue (venue: Nhà văn hóa {group})")
    return (f"{lead}write the group in the asker's label and its ward or commune as the asker's "
            f"place (label: Cử tri {group}, place: {place})")
