"""The questionnaire in the private chat: the intro, one statement with its level buttons, the summary,
and the keyboards under a comment. Plain data in, Telegram HTML and inline keyboards out.

Every inserted value is HTML-escaped here; texts from ``bot.texts`` may carry static markup.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import callbacks
from bot.domain.catalogue import Catalogue
from bot.domain.rounds import MAX_COMMENT_LENGTH, Round, format_deadline
from bot.domain.text import shorten
from bot.texts import t
from bot.views.beliefs import Earlier, earlier_html
from bot.views.html import View, escape, th

#: Seconds a manager needs per statement, for the "about N minutes" in the intro.
SECONDS_PER_STATEMENT = 20


def level_button_text(catalogue: Catalogue, level: int, lang: str, chosen: bool) -> str:
    label = catalogue.level(level).label.get(lang)
    return f"{level} · {label}{' ✓' if chosen else ''}"


def statement_view(
    catalogue: Catalogue,
    round_: Round,
    statement_id: str,
    answers: dict[str, int | None],
    comment: str | None,
    lang: str,
    earlier: Earlier | None = None,
) -> View:
    """One statement: progress, dimension, text, what each level means, and the answer buttons; in a
    re-rating also the earlier round's ratings and reasons (``earlier``)."""
    ids = [s.id for s in catalogue.statements]
    index = ids.index(statement_id)
    statement = catalogue.statement(statement_id)
    dimension = catalogue.dimension(statement.dimension)
    lines = [
        f"<b>{index + 1}/{len(ids)}</b> · <i>{escape(dimension.title.get(lang))}</i>",
        "",
        f"<b>{escape(statement.text.get(lang))}</b>",
    ]
    if statement.hint is not None:
        lines += ["", f"<i>{escape(statement.hint.get(lang))}</i>"]
    lines.append("")
    for level in catalogue.scale:
        meaning = statement.anchors.get(level.level) or level.description
        lines.append(f"<b>{level.level}</b> {escape(level.label.get(lang))}: {escape(meaning.get(lang))}")
    if earlier is not None:
        lines += ["", earlier_html(earlier, lang)]
    chosen = answers.get(statement_id, 0) if statement_id in answers else 0
    if statement_id in answers:
        lines += ["", th(lang, "q.your_answer", answer=answer_text(catalogue, answers[statement_id], lang))]
    if comment:
        lines += ["", th(lang, "q.your_comment", comment=comment)]
    level_buttons = [
        InlineKeyboardButton(
            level_button_text(catalogue, level.level, lang, chosen == level.level),
            callback_data=callbacks.encode(callbacks.Answer(round_.id, statement_id, level.level)),
        )
        for level in catalogue.scale
    ]
    cant_judge = InlineKeyboardButton(
        t(lang, "q.cant_judge_button") + (" ✓" if statement_id in answers and chosen is None else ""),
        callback_data=callbacks.encode(callbacks.Answer(round_.id, statement_id, None)),
    )
    rows = [level_buttons[:3], [*level_buttons[3:], cant_judge]]
    navigation = []
    if index > 0:
        navigation.append(
            InlineKeyboardButton(
                t(lang, "q.back_button"),
                callback_data=callbacks.encode(callbacks.Show(round_.id, ids[index - 1])),
            )
        )
    if len(answers) == len(ids):
        navigation.append(
            InlineKeyboardButton(
                t(lang, "q.summary_button"), callback_data=callbacks.encode(callbacks.Summary(round_.id))
            )
        )
    if navigation:
        rows.append(navigation)
    return View("\n".join(lines), InlineKeyboardMarkup(rows))


def answer_text(catalogue: Catalogue, level: int | None, lang: str) -> str:
    if level is None:
        return t(lang, "q.cant_judge")
    return f"{level} · {catalogue.level(level).label.get(lang)}"


def summary_view(
    catalogue: Catalogue,
    round_: Round,
    answers: dict[str, int | None],
    comments: dict[str, str],
    lang: str,
    tz: str,
) -> View:
    """After the last statement: thanks, every answer, and how to change them until the round closes."""
    lines = [th(lang, "q.thanks"), ""]
    for number, statement in enumerate(catalogue.statements, start=1):
        answer = answer_text(catalogue, answers[statement.id], lang) if statement.id in answers else "–"
        marker = " 💬" if statement.id in comments else ""
        text = escape(shorten(statement.text.get(lang)))
        lines.append(f"{number}. {text} → <b>{escape(answer)}</b>{marker}")
    lines.append("")
    if round_.deadline_at is not None:
        lines.append(
            th(lang, "q.change_until_deadline", deadline=format_deadline(round_.deadline_at, tz, lang))
        )
    else:
        lines.append(th(lang, "q.change_until_close"))
    keyboard, markup = _summary_keyboard(catalogue, round_)
    return View("\n".join(lines), keyboard, markup)


_T = TypeVar("_T")


class _Kept(Generic[_T]):
    """Values built from a catalogue, remembered by key; beyond ``size`` the least recently used go.

    The key includes the catalogue's ``id()``, and each entry holds its catalogue, so the key cannot be
    taken by another catalogue that gets the same ``id()`` while the entry exists.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: OrderedDict[tuple[Any, ...], tuple[Catalogue, _T]] = OrderedDict()

    def get(self, catalogue: Catalogue, key: tuple[Any, ...], build: Callable[[], _T]) -> _T:
        """The value kept for ``catalogue`` and ``key``, built with ``build()`` the first time."""
        full_key = (id(catalogue), *key)
        entry = self._entries.get(full_key)
        if entry is not None and entry[0] is catalogue:
            self._entries.move_to_end(full_key)
            return entry[1]
        value = build()
        self._entries[full_key] = (catalogue, value)
        if len(self._entries) > self._size:
            self._entries.popitem(last=False)
        return value


#: Summary keyboards kept for reuse, one per round (and catalogue) in use.
_summary_keyboards: _Kept[tuple[InlineKeyboardMarkup, dict[str, Any]]] = _Kept(1024)


def _summary_keyboard(catalogue: Catalogue, round_: Round) -> tuple[InlineKeyboardMarkup, dict[str, Any]]:
    """The summary's number buttons and their JSON, remembered per round: they depend on nothing else and
    were most of the summary's CPU; every manager of a round reaches the summary, and when a team finishes
    together the bot builds it for all of them at once (figures in BENCHMARKS.md).
    """

    def build() -> tuple[InlineKeyboardMarkup, dict[str, Any]]:
        buttons = [
            InlineKeyboardButton(
                str(number), callback_data=callbacks.encode(callbacks.Show(round_.id, statement.id))
            )
            for number, statement in enumerate(catalogue.statements, start=1)
        ]
        keyboard = InlineKeyboardMarkup([buttons[i : i + 6] for i in range(0, len(buttons), 6)])
        return keyboard, keyboard.to_dict()

    return _summary_keyboards.get(catalogue, (round_.id,), build)


def questionnaire_message(
    catalogue: Catalogue,
    round_: Round,
    statement_id: str | None,
    answers: dict[str, int | None],
    comments: dict[str, str],
    lang: str,
    tz: str,
    earlier: Mapping[str, Earlier] | None = None,
) -> View:
    """The questionnaire message: the statement to show, or the summary when everything is answered.

    ``earlier``: in a re-rating, what each statement showed in the round it re-rates."""
    if statement_id is None:
        return summary_view(catalogue, round_, answers, comments, lang, tz)
    comment = comments.get(statement_id)
    context = earlier.get(statement_id) if earlier else None
    if comment is not None or context is not None:
        return statement_view(catalogue, round_, statement_id, answers, comment, lang, context)
    return _cached_statement_view(catalogue, round_, statement_id, answers, lang)


#: Statement views kept for reuse: 24 statements × 7 answer states × 2 languages for 20 rounds or so.
_statement_views: _Kept[View] = _Kept(8192)
_UNANSWERED = object()


def _cached_statement_view(
    catalogue: Catalogue, round_: Round, statement_id: str, answers: dict[str, int | None], lang: str
) -> View:
    """``statement_view`` without a comment, remembered: after each press the next statement is shown
    with the same text and buttons to everyone in the round, so building it and its keyboard's JSON once
    saves a share of the CPU of every answer (figures in BENCHMARKS.md).

    The view depends on the round (its buttons), the statement, its answer, whether every statement is
    answered (the summary button) and the language.
    """
    key = (
        round_.id,
        statement_id,
        answers.get(statement_id, _UNANSWERED),
        len(answers) == len(catalogue.statements),
        lang,
    )
    return _statement_views.get(
        catalogue, key, lambda: statement_view(catalogue, round_, statement_id, answers, None, lang)
    )


def intro_view(
    catalogue: Catalogue, round_: Round, team_title: str, first_name: str, resumed: bool, lang: str, tz: str
) -> str:
    count = len(catalogue.statements)
    minutes = max(1, round(count * SECONDS_PER_STATEMENT / 60))
    parts = [
        th(
            lang,
            "intro.welcome_back" if resumed else "intro.welcome",
            name=first_name,
            catalogue=catalogue.title.get(lang),
            team=team_title,
            count=count,
            minutes=minutes,
        ),
        th(lang, "intro.anonymous" if round_.anonymous else "intro.named"),
    ]
    if round_.deadline_at is not None:
        parts.append(th(lang, "intro.deadline", deadline=format_deadline(round_.deadline_at, tz, lang)))
    parts.append(th(lang, "intro.how", limit=MAX_COMMENT_LENGTH))
    return "\n\n".join(parts)


def comment_saved_view(
    catalogue: Catalogue, round_: Round, statement_id: str, extended: bool, lang: str
) -> View:
    """The confirmation under a comment: which statement it belongs to (its number as the round asks it),
    and a button to delete it."""
    number = [s.id for s in catalogue.statements].index(statement_id) + 1
    button = InlineKeyboardButton(
        t(lang, "comment.delete_button"),
        callback_data=callbacks.encode(callbacks.DeleteComment(round_.id, statement_id)),
    )
    text = th(
        lang,
        "comment.extended" if extended else "comment.saved",
        number=number,
        statement=catalogue.statement(statement_id).text.get(lang),
    )
    return View(text, InlineKeyboardMarkup([[button]]))
