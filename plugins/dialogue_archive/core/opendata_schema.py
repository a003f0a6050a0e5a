"""The published shape of /data/archive.json, as pydantic models; schema.json is made from them.

Field names follow FORMAT.md (they are the open-data field names). References to a registry
carry both the id and the name, so a reader does not need the registries to read a session.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, get_args

from pydantic import BaseModel, ConfigDict

from .commitments import DEADLINE_OUTCOMES
from .labels import VI
from .models import AnswerMode, AskerKind, CommitmentStatus, ItemType, PlaceKind, SessionKind
from .statistics import AWAITING, OUTCOMES

FORMAT_VERSION = 1
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


Outcome = StrEnum("Outcome", [(code, code) for code in (*OUTCOMES, AWAITING)])
Deadline = StrEnum("Deadline", [(code, code) for code in DEADLINE_OUTCOMES])
"""The computed codes, as enums like the content's own, so that the schema lists their values."""


class Record(BaseModel):
    """Coded fields are typed with their enum, so that schema.json lists the values a reader may
    meet (and a wrong one does not validate); the records hold the plain codes."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class Ref(Record):
    id: str
    name: str


class Licence(Record):
    name: str
    url: str


class Agency(Record):
    id: str
    name: str
    short_name: str | None
    parent: str | None
    kind: str | None
    kind_label: str | None
    aliases: list[str]
    valid_from: dt.date | None
    valid_until: dt.date | None
    succeeded_by: list[str]
    url: str


class Topic(Record):
    id: str
    name: str
    description: str | None
    synonyms: list[str]
    url: str


class Place(Record):
    id: str
    name: str
    kind: PlaceKind
    kind_label: str
    parent: str | None
    valid_from: dt.date | None
    valid_until: dt.date | None
    succeeded_by: list[str]
    url: str


class Procedure(Record):
    code: str
    name: str
    topic: str | None
    agency: str | None
    url: str | None


class Chair(Record):
    name: str | None
    position: str | None
    on_behalf_of: str | None
    on_behalf_of_id: str | None


class Source(Record):
    url: str
    title: str | None


class Correction(Record):
    date: dt.date
    note: str


class Image(Record):
    url: str
    caption: str | None
    alt: str | None


class Asker(Record):
    label: str
    kind: AskerKind
    kind_label: str
    place: Ref | None
    named_with_consent: bool


class Answer(Record):
    by: Ref
    official: str | None
    mode: AnswerMode
    mode_label: str
    date: dt.date
    referred_to: Ref | None
    document: str | None
    text: str


class Update(Record):
    date: dt.date
    status: CommitmentStatus | None
    status_label: str | None
    note: str | None
    due: dt.date | None


class Commitment(Record):
    id: str
    url: str
    by: Ref
    now_by: list[Ref]
    text: str
    due: dt.date | None
    current_due: dt.date | None
    status: CommitmentStatus
    status_label: str
    overdue: bool
    done_date: dt.date | None
    deadline: Deadline
    deadline_label: str
    updates: list[Update]


class Item(Record):
    id: str
    url: str
    session_id: str
    type: ItemType
    type_label: str
    asker: Asker
    topics: list[Ref]
    procedures: list[str]
    in_scope: bool
    text: str
    outcome: Outcome
    outcome_label: str
    answers: list[Answer]
    commitments: list[Commitment]
    aliases: list[str]


class Session(Record):
    id: str
    url: str
    title: str
    date: dt.date
    time: str | None
    held: bool
    kind: SessionKind
    kind_label: str
    organizer: Ref
    place: Ref
    venue: str | None
    subject: str | None
    chair: Chair | None
    participants: list[Ref]
    attendance: dict[str, int]
    attendance_labels: dict[str, str]
    author: str | None
    published: dt.datetime
    summary: str | None
    writeup: str
    sources: list[Source]
    corrections: list[Correction]
    image: Image | None
    aliases: list[str]
    items: list[Item]


class Provenance(Record):
    """What every JSON file says first: whose data, under which licence, computed on which day."""

    format_version: int
    build_date: dt.date
    site_url: str
    publisher: str
    licence: Licence


class Archive(Provenance):
    agencies: list[Agency]
    topics: list[Topic]
    places: list[Place]
    procedures: list[Procedure]
    sessions: list[Session]


class SessionFile(Session, Provenance):
    """data/sessions/<id>.json: a session, after the same head as archive.json (a saved copy
    still says on which day `overdue` held, and under which licence)."""


DOCUMENTED = (Provenance, Archive, SessionFile, Licence, Ref, Agency, Topic, Place, Procedure,
              Session, Chair, Source, Correction, Image, Item, Asker, Answer, Commitment, Update)
"""Every published object, in the order the open-data page lists them."""
MODELS = {model.__name__: model for model in DOCUMENTED}


CODE_LABELS: dict[type[StrEnum], str] = {
    SessionKind: "session_kind", ItemType: "item_type", AskerKind: "asker_kind",
    AnswerMode: "outcome", CommitmentStatus: "commitment_status", PlaceKind: "place_kind",
    Outcome: "outcome", Deadline: "deadline_outcome"}
"""The labels.VI group of each kind of code: the words the site shows (an answer's mode in the
full words of /statistics/, 'Chuyển cơ quan khác giải quyết', not the page's 'Chuyển đến')."""


def field_codes(model_name: str, field: str) -> type[StrEnum] | None:
    """The enum of a coded field of a published object, None for a field of free values."""
    annotation = MODELS[model_name].model_fields[field].annotation
    return next((t for t in (annotation, *get_args(annotation)) if t in CODE_LABELS), None)


def coded_values(codes: type[StrEnum] | None) -> list[tuple[str, str]]:
    """Each code of `codes` with its Vietnamese label, for the open-data page."""
    return [(code.value, VI[CODE_LABELS[codes]][code.value]) for code in codes] if codes else []


def own_fields(model: type[Record]) -> list[str]:
    """The fields `model` declares itself (a file's head fields belong to Provenance)."""
    inherited = {f for base in model.__bases__ for f in getattr(base, "model_fields", {})}
    return [f for f in model.model_fields if f not in inherited]


def _declared_in(model: type[Record], field: str) -> str:
    return next(m.__name__ for m in model.__mro__ if field in own_fields(m))


def json_schema(docs: dict[str, dict[str, str]], schema_id: str) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of archive.json, with the session files' `SessionFile` among
    its definitions, every property described in Vietnamese.

    `docs` maps model name -> field -> description (under the model that declares the field);
    a field without one is a KeyError, so the open-data page can never fall behind the data.
    """
    schema = Archive.model_json_schema()
    session_file = SessionFile.model_json_schema()
    defs = {**schema.get("$defs", {}), **session_file.pop("$defs", {}), "SessionFile": session_file}
    schema["$defs"] = dict(sorted(defs.items()))
    for name, definition in {"Archive": schema, **defs}.items():
        for field, prop in definition.get("properties", {}).items():
            prop.pop("title", None)
            prop["description"] = docs[_declared_in(MODELS[name], field)][field]
    return {"$schema": JSON_SCHEMA_DIALECT, "$id": schema_id, **schema}


def documented_objects() -> dict[str, list[str]]:
    """Model name -> the field names it declares, in the order the open-data page lists them
    (SessionFile declares none: it is Provenance then Session)."""
    return {model.__name__: fields for model in DOCUMENTED if (fields := own_fields(model))}
