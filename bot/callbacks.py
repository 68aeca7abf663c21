"""What buttons and links carry: callback data of inline buttons (encoding and strict parsing), and the
deep links that open the private chat with a payload (``start_link``).

Telegram allows 1–64 bytes of callback data, and a client can send any bytes it likes, so parsing is
strict and total: anything that is not exactly one of these shapes is ``None``. What the data names
(round, statement, level) is then checked against the database on every press.

``a:<round>:<statement>:<level|?>``  answer a statement
``s:<round>:<statement>``            show a statement (back button, "change" from the summary)
``f:<round>``                        show the summary of one's answers
``d:<round>:<statement>``            delete one's comment on a statement
``x:<round>:<y|n>``                  confirm or refuse cancelling a round
``p:<y|n>``                          confirm or refuse deleting one's data
``k:<lighthouse>:<s|a>``             open a re-check round: the project's statements, or all
``w:<question>:<s|x>``               a question why: skip this one, or stop asking me
``v:<belief>``                       delete a recorded belief (admins)
``c:<version>``                      retire a team's own catalogue, named by its latest version (admins)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_BYTES = 64
CANT_JUDGE = "?"

#: The /start payload of the link that opens a private chat for /export (round tokens never look so).
EXPORT_PAYLOAD = "export"

_ID = r"[1-9][0-9]{0,11}"
_STATEMENT = r"[a-z0-9][a-z0-9-]{0,15}"
_PATTERNS = {
    "a": re.compile(rf"a:({_ID}):({_STATEMENT}):([1-5?])"),
    "s": re.compile(rf"s:({_ID}):({_STATEMENT})"),
    "f": re.compile(rf"f:({_ID})"),
    "d": re.compile(rf"d:({_ID}):({_STATEMENT})"),
    "x": re.compile(rf"x:({_ID}):([yn])"),
    "p": re.compile(r"p:([yn])"),
    "k": re.compile(rf"k:({_ID}):([sa])"),
    "w": re.compile(rf"w:({_ID}):([sx])"),
    "v": re.compile(rf"v:({_ID})"),
    "c": re.compile(rf"c:({_ID})"),
}


@dataclass(frozen=True)
class Answer:
    round_id: int
    statement_id: str
    level: int | None  # None = can't judge


@dataclass(frozen=True)
class Show:
    round_id: int
    statement_id: str


@dataclass(frozen=True)
class Summary:
    round_id: int


@dataclass(frozen=True)
class DeleteComment:
    round_id: int
    statement_id: str


@dataclass(frozen=True)
class ConfirmCancel:
    round_id: int
    confirmed: bool


@dataclass(frozen=True)
class ConfirmDeleteData:
    confirmed: bool


@dataclass(frozen=True)
class Recheck:
    lighthouse_id: int
    #: True: only the statements the project addresses; False: the whole catalogue
    statements_only: bool


@dataclass(frozen=True)
class ReasonAction:
    question_id: int
    #: True: stop asking me (every open question of the round); False: skip this one
    stop: bool


@dataclass(frozen=True)
class DeleteBelief:
    belief_id: int


@dataclass(frozen=True)
class RetireCatalogue:
    #: the latest version of the catalogue when the list was shown; the button retires its catalogue id
    version_row: int


Callback = (
    Answer
    | Show
    | Summary
    | DeleteComment
    | ConfirmCancel
    | ConfirmDeleteData
    | Recheck
    | ReasonAction
    | DeleteBelief
    | RetireCatalogue
)


def encode(callback: Callback) -> str:
    match callback:
        case Answer(round_id, statement_id, level):
            data = f"a:{round_id}:{statement_id}:{CANT_JUDGE if level is None else level}"
        case Show(round_id, statement_id):
            data = f"s:{round_id}:{statement_id}"
        case Summary(round_id):
            data = f"f:{round_id}"
        case DeleteComment(round_id, statement_id):
            data = f"d:{round_id}:{statement_id}"
        case ConfirmCancel(round_id, confirmed):
            data = f"x:{round_id}:{'y' if confirmed else 'n'}"
        case ConfirmDeleteData(confirmed):
            data = f"p:{'y' if confirmed else 'n'}"
        case Recheck(lighthouse_id, statements_only):
            data = f"k:{lighthouse_id}:{'s' if statements_only else 'a'}"
        case ReasonAction(question_id, stop):
            data = f"w:{question_id}:{'x' if stop else 's'}"
        case DeleteBelief(belief_id):
            data = f"v:{belief_id}"
        case RetireCatalogue(version_row):
            data = f"c:{version_row}"
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
    return data


def decode(data: object) -> Callback | None:
    """The callback a button stands for, or None for anything forged, stale in shape, or oversized."""
    if not isinstance(data, str) or not data or len(data.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        return None
    pattern = _PATTERNS.get(data[0])
    match = pattern.fullmatch(data) if pattern else None
    if match is None:
        return None
    groups = match.groups()
    if data[0] == "p":
        return ConfirmDeleteData(groups[0] == "y")
    round_id = int(groups[0])
    match data[0]:
        case "a":
            return Answer(round_id, groups[1], None if groups[2] == CANT_JUDGE else int(groups[2]))
        case "s":
            return Show(round_id, groups[1])
        case "f":
            return Summary(round_id)
        case "d":
            return DeleteComment(round_id, groups[1])
        case "k":
            return Recheck(round_id, groups[1] == "s")
        case "w":
            return ReasonAction(round_id, groups[1] == "x")
        case "v":
            return DeleteBelief(round_id)
        case "c":
            return RetireCatalogue(round_id)
        case _:
            return ConfirmCancel(round_id, groups[1] == "y")


def start_link(bot_username: str, payload: str) -> str:
    """The deep link that opens the private chat with the bot and sends ``/start <payload>``."""
    return f"https://t.me/{bot_username}?start={payload}"
