"""Renderers: the statement views and summary keyboards that are remembered and reused."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from bot.domain.catalogue import Catalogue, load_catalogues
from bot.views.questionnaire import questionnaire_message, statement_view, summary_view


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogues()["customer-centricity"]


def show(catalogue: Catalogue, round_id: int, statement: int, answers: dict[str, Any], **kw: Any) -> Any:
    round_ = SimpleNamespace(id=round_id)
    ids = [s.id for s in catalogue.statements]
    return questionnaire_message(
        catalogue, round_, ids[statement], answers, kw.get("comments", {}), kw.get("lang", "en"), "UTC"
    )


def test_the_same_statement_in_the_same_state_is_one_view(catalogue: Catalogue) -> None:
    ids = [s.id for s in catalogue.statements]
    first = show(catalogue, 1, 3, {ids[0]: 2, ids[1]: 4})
    again = show(catalogue, 1, 3, {ids[0]: 5, ids[1]: None, ids[2]: 1})  # other answers, same state of 3
    assert again is first
    assert first == statement_view(catalogue, SimpleNamespace(id=1), ids[3], {}, None, "en")  # type: ignore[arg-type]
    assert first.markup == first.keyboard.to_dict()


def test_what_the_view_shows_is_part_of_the_key(catalogue: Catalogue) -> None:
    ids = [s.id for s in catalogue.statements]
    base = show(catalogue, 2, 5, {})
    assert show(catalogue, 3, 5, {}) is not base  # another round: other buttons
    assert "a:3:" in str(show(catalogue, 3, 5, {}).markup)
    assert show(catalogue, 2, 6, {}) is not base  # another statement
    answered = show(catalogue, 2, 5, {ids[5]: 3})
    cant_judge = show(catalogue, 2, 5, {ids[5]: None})
    assert "3 · " in answered.text and answered.text != base.text
    assert cant_judge.text not in (base.text, answered.text)
    german = show(catalogue, 2, 5, {}, lang="de")
    assert german.text != base.text
    everything = {sid: 3 for sid in ids}
    complete = show(catalogue, 2, 5, everything)
    assert complete.markup != answered.markup  # the summary button appears once all are answered


def test_a_comment_is_never_taken_from_the_cache(catalogue: Catalogue) -> None:
    ids = [s.id for s in catalogue.statements]
    plain = show(catalogue, 4, 1, {})
    commented = show(catalogue, 4, 1, {}, comments={ids[1]: "Only in sales."})
    assert "Only in sales." in commented.text and "Only in sales." not in plain.text
    assert show(catalogue, 4, 1, {}) is plain


def test_another_catalogue_with_the_same_id_gets_its_own_view(catalogue: Catalogue) -> None:
    ids = [s.id for s in catalogue.statements]
    data = catalogue.model_dump()
    data["statements"][0]["text"]["en"] = "A different first statement."
    other = Catalogue.model_validate(data)
    assert other.id == catalogue.id and other.statements[0].id == ids[0]
    assert "A different first statement." in show(other, 5, 0, {}).text
    assert "A different first statement." not in show(catalogue, 5, 0, {}).text


def summary(catalogue: Catalogue, round_id: int, answers: dict[str, Any], **kw: Any) -> Any:
    round_ = SimpleNamespace(id=round_id, deadline_at=None)
    return questionnaire_message(
        catalogue, round_, None, answers, kw.get("comments", {}), kw.get("lang", "en"), "UTC"
    )


def test_a_rounds_summaries_share_one_keyboard_and_show_each_managers_answers(catalogue: Catalogue) -> None:
    ids = [s.id for s in catalogue.statements]
    anna = summary(catalogue, 6, {sid: 2 for sid in ids})
    ben = summary(catalogue, 6, {sid: None for sid in ids}, comments={ids[0]: "Hm."}, lang="de")
    assert ben.keyboard is anna.keyboard and ben.markup is anna.markup
    assert anna.markup == anna.keyboard.to_dict()
    assert "2 · " in anna.text and "💬" not in anna.text
    assert "2 · " not in ben.text and "💬" in ben.text
    numbers = [b["text"] for row in anna.markup["inline_keyboard"] for b in row]
    assert numbers == [str(n) for n in range(1, len(ids) + 1)]
    assert {b["callback_data"] for row in anna.markup["inline_keyboard"] for b in row} == {
        f"s:6:{sid}" for sid in ids
    }


def test_another_round_or_catalogue_gets_its_own_summary_keyboard(catalogue: Catalogue) -> None:
    ids = [s.id for s in catalogue.statements]
    first = summary(catalogue, 7, {sid: 3 for sid in ids})
    other_round = summary(catalogue, 8, {sid: 3 for sid in ids})
    assert other_round.keyboard is not first.keyboard
    assert "s:8:" in str(other_round.markup) and "s:8:" not in str(first.markup)
    data = catalogue.model_dump()
    data["statements"] = data["statements"][:6]
    shorter = Catalogue.model_validate(data)
    short = summary_view(shorter, SimpleNamespace(id=7, deadline_at=None), {}, {}, "en", "UTC")  # type: ignore[arg-type]
    numbers = [b["text"] for row in short.markup["inline_keyboard"] for b in row]
    assert numbers == [str(n) for n in range(1, 7)]  # the same round id, another catalogue
