"""The prioritisation poll: which statements it offers, how options read, and the standing of the votes."""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.analysis import Position, Rating, RatingMatrix, RoundAnalysis, Verdict, analyse
from bot.domain.priorities import (
    ELLIPSIS,
    POLL_OPTION_MAX,
    Candidate,
    CandidateKind,
    candidate_for,
    candidates,
    lowest_rated,
    option_text,
    poll_candidates,
    proposal,
    rank,
    rank_counts,
    utf16_len,
)


def analysis_of(columns: Mapping[str, Sequence[Rating]]) -> RoundAnalysis:
    """The real analysis of statement -> one rating per rater (raters r0, r1, …)."""
    width = len(next(iter(columns.values())))
    raters = tuple(f"r{i}" for i in range(width))
    cells = {(r, sid): v for sid, col in columns.items() for r, v in zip(raters, col, strict=True)}
    return analyse(RatingMatrix(raters, tuple(columns), cells, {sid: "dim" for sid in columns}))


#: Three consensual weaknesses, three disagreements, a strength and a middling statement; the comments
#: give the figure each is ranked by.
MIXED = {
    "mid": [3, 3, 3, 3],  # agreement, mean 3: no candidate
    "w-two": [2, 2, 2, 2],  # weakness, mean 2
    "d-one": [2, 4, 2, 4],  # polarised, AD 1
    "w-low": [1, 1, 1, 2],  # weakness, mean 1.25
    "d-wide": [1, 5, 1, 5],  # polarised, AD 2
    "strong": [4, 4, 4, 4],  # strength
    "w-edge": [2, 2, 3, 2],  # weakness, mean 2.25 (the cut-off)
    "d-mid": [1, 2, 4, 5],  # polarised, AD 1.5
}


def ids(found: Sequence[Candidate]) -> list[str]:
    return [c.statement_id for c in found]


# ---------------------------------------------------------------------------------------- candidates


def test_weaknesses_weakest_first_then_disputed_widest_first() -> None:
    analysis = analysis_of(MIXED)
    assert analysis.weaknesses == ("w-low", "w-two", "w-edge")
    assert analysis.disagreements == ("d-wide", "d-mid", "d-one")
    found = candidates(analysis)
    assert ids(found) == ["w-low", "w-two", "w-edge", "d-wide", "d-mid", "d-one"]
    assert [c.kind for c in found] == [CandidateKind.WEAKNESS] * 3 + [CandidateKind.DISPUTED] * 3


def test_candidates_carry_the_figures_of_their_statement() -> None:
    analysis = analysis_of(MIXED)
    by_id = {c.statement_id: c for c in candidates(analysis)}
    wide = by_id["d-wide"]
    assert (wide.mean, wide.ad_mean, wide.lowest, wide.highest, wide.n, wide.dimension) == (
        3,
        2,
        1,
        5,
        4,
        "dim",
    )
    low = by_id["w-low"]
    assert (low.mean, low.lowest, low.highest) == (Fraction(5, 4), 1, 2)
    assert isinstance(low.mean, Fraction)  # exact, not a float


def many(weak: int, disputed: int) -> RoundAnalysis:
    """``weak`` weaknesses w0.. (weakest first) and ``disputed`` disagreements d0.. (widest first)."""
    columns: dict[str, list[Rating]] = {}
    for i in range(weak):
        columns[f"w{i}"] = [1, 1, 1, 1] if i == 0 else [1, 1, 1, 2] if i == 1 else [2, 2, 2, 2]
    for i in range(disputed):
        columns[f"d{i}"] = [1, 5, 1, 5] if i == 0 else [1, 2, 4, 5] if i == 1 else [2, 4, 2, 4]
    return analysis_of(columns)


def test_over_the_limit_each_kind_gets_half_and_unused_share_goes_to_the_other() -> None:
    # 8 weaknesses, 2 disputed, 6 options: 3 + 3, but the disputed use only 2, so weaknesses get 4
    assert ids(candidates(many(8, 2), max_options=6)) == ["w0", "w1", "w2", "w3", "d0", "d1"]
    # the mirror case: the disputed ones get the weaknesses' unused share
    assert ids(candidates(many(2, 8), max_options=6)) == ["w0", "w1", "d0", "d1", "d2", "d3"]
    # both plentiful: an even split; the odd option goes to the weaknesses
    assert ids(candidates(many(5, 5), max_options=6)) == ["w0", "w1", "w2", "d0", "d1", "d2"]
    assert ids(candidates(many(5, 5), max_options=5)) == ["w0", "w1", "w2", "d0", "d1"]


def test_the_default_limit_is_telegrams_twelve() -> None:
    assert len(candidates(many(10, 10))) == 12
    assert len(candidates(many(3, 4))) == 7


@functools.cache
def sixty_statements() -> RoundAnalysis:
    return analysis_of({f"s{i}": [3, 3] for i in range(60)})


@given(
    weak=st.integers(0, 30),
    disputed=st.integers(0, 30),
    max_options=st.integers(1, 14),
    data=st.data(),
)
def test_merge_invariants(weak: int, disputed: int, max_options: int, data: st.DataObject) -> None:
    base = sixty_statements()
    pool = [f"s{i}" for i in range(60)]
    weak_ids = tuple(data.draw(st.permutations(pool))[:weak])
    disputed_ids = tuple(data.draw(st.permutations(pool))[:disputed])
    analysis = dataclasses.replace(base, weaknesses=weak_ids, disagreements=disputed_ids)
    found = candidates(analysis, max_options=max_options)
    unique_disputed = [d for d in dict.fromkeys(disputed_ids) if d not in weak_ids]
    total = len(weak_ids) + len(unique_disputed)
    assert len(found) == min(max_options, total)
    assert len(set(ids(found))) == len(found)
    got_weak = [c.statement_id for c in found if c.kind is CandidateKind.WEAKNESS]
    got_disputed = [c.statement_id for c in found if c.kind is CandidateKind.DISPUTED]
    # each kind keeps its most severe, in order, and weaknesses come first
    assert got_weak == list(weak_ids[: len(got_weak)])
    assert got_disputed == unique_disputed[: len(got_disputed)]
    assert ids(found) == got_weak + got_disputed
    # a fair share: each kind gets at least its half (or all it has)
    assert len(got_weak) >= min(len(weak_ids), (max_options + 1) // 2)
    assert len(got_disputed) >= min(len(unique_disputed), max_options // 2)


def test_a_statement_in_both_lists_is_offered_once_as_a_weakness() -> None:
    analysis = analysis_of(MIXED)
    # the rule set keeps the lists disjoint; a changed rule set must still not offer a statement twice
    both = dataclasses.replace(analysis, disagreements=("d-wide", "w-two", "d-mid"))
    found = candidates(both)
    assert ids(found) == ["w-low", "w-two", "w-edge", "d-wide", "d-mid"]
    assert found[1].kind is CandidateKind.WEAKNESS


def test_dissents_are_not_candidates() -> None:
    analysis = analysis_of({"dissent": [3, 3, 3, 1], "w": [2, 2, 2, 2]})
    assert analysis.dissents == ("dissent",)
    assert ids(candidates(analysis)) == ["w"]


def test_max_options_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_options"):
        candidates(analysis_of(MIXED), max_options=0)


# ------------------------------------------------------------------------------------------ fallback

#: no weakness and no disagreement: a team that agrees on a middling company
CALM = {
    "a": [3, 3, 3, 3],  # mean 3
    "b": [3, 3, 2, 3],  # mean 2.75
    "c": [4, 4, 4, 4],  # strength: never offered
    "d": [3, 3, 4, 3],  # mean 3.25
    "e": [2, None, None, None],  # insufficient: never offered
    "f": [3, 2, 3, 3],  # mean 2.75, after b in catalogue order
    "g": [4, 3, 4, 3],  # mean 3.5, below the strength cut-off
}


def test_fewer_than_two_candidates_are_returned_as_they_are() -> None:
    assert candidates(analysis_of(CALM)) == ()
    one = analysis_of({**CALM, "w": [2, 2, 2, 2]})
    assert ids(candidates(one)) == ["w"]


def test_fallback_tops_up_with_the_lowest_rated_judged_statements() -> None:
    analysis = analysis_of(CALM)
    assert analysis.statement("e").verdict is Verdict.INSUFFICIENT
    assert analysis.statement("c").position is Position.STRENGTH
    found = poll_candidates(analysis)
    assert ids(found) == ["b", "f", "a"]
    assert {c.kind for c in found} == {CandidateKind.LOWEST}
    assert ids(lowest_rated(analysis, count=10)) == ["b", "f", "a", "d", "g"]


def test_fallback_keeps_the_methods_candidate_first_and_does_not_repeat_it() -> None:
    analysis = analysis_of({**CALM, "w": [2, 2, 2, 2]})
    found = poll_candidates(analysis)
    assert ids(found) == ["w", "b", "f"]
    assert [c.kind for c in found] == [CandidateKind.WEAKNESS, CandidateKind.LOWEST, CandidateKind.LOWEST]


def test_no_fallback_when_the_method_gives_two() -> None:
    analysis = analysis_of({**CALM, "w": [2, 2, 2, 2], "x": [1, 5, 1, 5]})
    assert ids(poll_candidates(analysis)) == ["w", "x"]


def test_fallback_respects_max_options_and_its_own_size() -> None:
    analysis = analysis_of(CALM)
    assert ids(poll_candidates(analysis, max_options=2)) == ["b", "f"]
    assert ids(poll_candidates(analysis, fallback_options=5)) == ["b", "f", "a", "d", "g"]


def test_without_a_comparison_there_is_nothing_to_offer() -> None:
    analysis = analysis_of({"a": [1], "b": [2], "c": [5]})
    assert not analysis.comparison_possible
    assert poll_candidates(analysis) == ()


def test_lowest_rated_rejects_a_negative_count() -> None:
    with pytest.raises(ValueError, match="count"):
        lowest_rated(analysis_of(CALM), count=-1)
    assert lowest_rated(analysis_of(CALM), count=0) == ()


# -------------------------------------------------------------------------------------------- option text


def test_a_short_statement_is_kept_whole_with_its_number() -> None:
    assert option_text(7, "Customers are heard") == "7 · Customers are heard"


def test_whitespace_and_line_breaks_collapse_to_single_spaces() -> None:
    assert option_text(3, "  Customers\n are\t\theard  ") == "3 · Customers are heard"


def test_a_long_statement_is_cut_at_a_word_with_an_ellipsis() -> None:
    # "7 · " is 4 units and "…" one, so 15 remain: "alpha beta" (10) fits, "alpha beta gamma" (16) not
    assert option_text(7, "alpha beta gamma delta", limit=20) == "7 · alpha beta…"


def test_words_that_fill_the_room_exactly_are_kept() -> None:
    # 15 − 4 − 1 leaves exactly the 10 units of "alpha beta"
    assert option_text(7, "alpha beta gamma delta", limit=15) == "7 · alpha beta…"


def test_a_text_that_fits_exactly_is_not_cut() -> None:
    text = "alpha beta gamma"  # 4 + 16 = 20
    assert option_text(7, text, limit=20) == "7 · alpha beta gamma"
    assert option_text(7, text, limit=19) == "7 · alpha beta…"


def test_punctuation_before_the_ellipsis_is_dropped() -> None:
    assert option_text(1, "alpha, beta gamma delta", limit=15) == "1 · alpha…"
    assert option_text(1, "alpha beta: gamma delta", limit=20) == "1 · alpha beta…"


def test_a_word_longer_than_the_limit_is_cut_inside() -> None:
    result = option_text(1, "x" * 200 + " tail")
    assert result == "1 · " + "x" * 95 + ELLIPSIS
    assert len(result) == POLL_OPTION_MAX


def test_characters_outside_the_bmp_count_twice() -> None:
    # 60 emoji are 120 UTF-16 units; counting code points would keep 95 of them (195 units)
    result = option_text(1, "😀" * 60)
    assert utf16_len(result) <= POLL_OPTION_MAX
    assert result == "1 · " + "😀" * 47 + ELLIPSIS
    words = option_text(2, "😀😀 " * 40)
    assert utf16_len(words) <= POLL_OPTION_MAX
    assert words.endswith("😀😀…")


def test_an_accent_is_never_separated_from_its_letter() -> None:
    word = "e\u0301" * 60  # decomposed é: letter + combining accent
    result = option_text(1, word)
    body = result.removeprefix("1 · ").removesuffix(ELLIPSIS)
    assert body == "e\u0301" * 47
    assert not unicodedata.combining(word[len(body)])


def test_a_blank_statement_gives_the_number() -> None:
    assert option_text(12, " \n ") == "12"


def test_a_limit_without_room_for_text_is_refused() -> None:
    with pytest.raises(ValueError, match="too small"):
        option_text(7, "alpha beta gamma", limit=6)
    assert option_text(7, "alpha beta gamma", limit=7) == "7 · al…"


def test_utf16_len() -> None:
    assert utf16_len("abc") == 3
    assert utf16_len("é") == 1
    assert utf16_len("😀") == 2


@given(
    number=st.integers(1, 999),
    text=st.text(min_size=0, max_size=300),
    limit=st.integers(12, 200),
)
def test_option_text_properties(number: int, text: str, limit: int) -> None:
    result = option_text(number, text, limit=limit)
    normalised = " ".join(text.split())
    assert result
    assert utf16_len(result) <= limit
    if not normalised:
        assert result == str(number)
        return
    head = f"{number} · "
    assert result.startswith(head)
    if result == head + normalised:
        return
    assert result.endswith(ELLIPSIS)
    body = result[len(head) : -1]
    assert body and normalised.startswith(body)
    first_word = normalised.split(" ")[0]
    if utf16_len(head + first_word + ELLIPSIS) <= limit:
        # cut at a word boundary: what was dropped is at most punctuation, then a space and the next word
        assert re.match(r"[ ,;:.!?\-–—/(«»\"']* ", normalised[len(body) :])


# ------------------------------------------------------------------------------------------- the standing


def three() -> tuple[Candidate, ...]:
    return candidates(analysis_of(MIXED), max_options=3)


def test_rank_counts_votes_most_first() -> None:
    ranked = rank(three(), {11: [0], 12: [2], 13: [2], 14: [0, 2], 15: []})
    assert [(r.option, r.votes, r.voters, r.place) for r in ranked] == [
        (2, 3, (12, 13, 14), 1),
        (0, 2, (11, 14), 2),
        (1, 0, (), 3),
    ]
    assert ranked[0].candidate.statement_id == "d-wide"


def test_ties_keep_the_order_of_severity_and_share_a_place() -> None:
    ranked = rank(three(), {5: [2], 6: [1], 7: [0]})
    assert [(r.option, r.place) for r in ranked] == [(0, 1), (1, 1), (2, 1)]
    ranked = rank(three(), {5: [2], 6: [1], 7: [2], 8: [0]})
    assert [(r.option, r.place) for r in ranked] == [(2, 1), (0, 2), (1, 2)]


def test_rank_ignores_foreign_indices_and_repeated_ones() -> None:
    ranked = rank(three(), {1: [0, 0, 0], 2: [3, -1, 99], 3: [1]})
    assert [(r.option, r.votes) for r in ranked] == [(0, 1), (1, 1), (2, 0)]


def test_an_anonymous_poll_is_ranked_from_its_counts() -> None:
    options = three()
    ranked = rank_counts(options, (1, 4, 1))
    assert [(r.option, r.votes, r.voters, r.place) for r in ranked] == [
        (1, 4, (), 1),
        (0, 1, (), 2),
        (2, 1, (), 2),
    ]
    assert [r.candidate for r in ranked] == [options[1], options[0], options[2]]
    # the same standing as from named votes with those counts
    named = rank(options, {1: [1], 2: [1], 3: [1], 4: [1, 0], 5: [2]})
    assert [(r.option, r.votes, r.place) for r in named] == [(r.option, r.votes, r.place) for r in ranked]
    assert proposal(rank_counts(options, (0, 0, 0))) is None


def test_missing_or_negative_counts_count_as_none() -> None:
    assert [(r.option, r.votes) for r in rank_counts(three(), (1, 2))] == [(1, 2), (0, 1), (2, 0)]
    assert [(r.option, r.votes) for r in rank_counts(three(), (1, -1, 0))] == [(0, 1), (1, 0), (2, 0)]
    assert [(r.option, r.votes) for r in rank_counts(three(), (0, 0, 1, 9))] == [(2, 1), (0, 0), (1, 0)]


def test_a_stored_option_is_rebuilt_from_the_analysis() -> None:
    analysis = analysis_of(MIXED)
    stored = [(c.statement_id, c.kind) for c in candidates(analysis)]
    assert [candidate_for(analysis, sid, kind) for sid, kind in stored] == list(candidates(analysis))
    lowest = candidate_for(analysis, "mid", CandidateKind.LOWEST)
    assert (lowest.kind, lowest.mean, lowest.n) == (CandidateKind.LOWEST, 3, 4)
    with pytest.raises(KeyError):
        candidate_for(analysis, "gone", CandidateKind.WEAKNESS)


def test_proposal_is_the_most_voted_and_none_without_votes() -> None:
    options = three()
    assert proposal(rank(options, {})) is None
    assert proposal(rank(options, {1: []})) is None
    assert proposal(()) is None
    top = proposal(rank(options, {1: [1], 2: [1, 2]}))
    assert top is not None and top.option == 1 and top.candidate == options[1]


@given(
    options=st.integers(0, 12),
    votes=st.dictionaries(st.integers(1, 10**9), st.lists(st.integers(-3, 15), max_size=8), max_size=20),
)
def test_rank_invariants(options: int, votes: dict[int, list[int]]) -> None:
    pool = candidates(many(6, 6))[:options]
    ranked = rank(pool, votes)
    assert sorted(r.option for r in ranked) == list(range(len(pool)))
    assert [(-r.votes, r.option) for r in ranked] == sorted((-r.votes, r.option) for r in ranked)
    valid = {voter: {i for i in chosen if 0 <= i < len(pool)} for voter, chosen in votes.items()}
    assert sum(r.votes for r in ranked) == sum(len(s) for s in valid.values())
    for r in ranked:
        assert r.candidate == pool[r.option]
        assert r.voters == tuple(sorted(v for v, s in valid.items() if r.option in s))
        assert r.votes == len(r.voters)
        assert r.place == 1 + sum(1 for other in ranked if other.votes > r.votes)
