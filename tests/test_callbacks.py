"""Callback data: every shape round-trips; anything else, of any shape, is rejected."""

from hypothesis import given
from hypothesis import strategies as st

from bot import callbacks
from bot.callbacks import (
    Answer,
    ConfirmCancel,
    ConfirmDeleteData,
    DeleteBelief,
    DeleteComment,
    ReasonAction,
    Recheck,
    RetireCatalogue,
    Show,
    Summary,
    decode,
    encode,
)

round_ids = st.integers(min_value=1, max_value=10**12 - 1)
statement_ids = st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True)
levels = st.one_of(st.none(), st.integers(min_value=1, max_value=5))
all_callbacks = st.one_of(
    st.builds(Answer, round_ids, statement_ids, levels),
    st.builds(Show, round_ids, statement_ids),
    st.builds(Summary, round_ids),
    st.builds(DeleteComment, round_ids, statement_ids),
    st.builds(ConfirmCancel, round_ids, st.booleans()),
    st.builds(ConfirmDeleteData, st.booleans()),
    st.builds(Recheck, round_ids, st.booleans()),
    st.builds(ReasonAction, round_ids, st.booleans()),
    st.builds(DeleteBelief, round_ids),
    st.builds(RetireCatalogue, round_ids),
)


@given(all_callbacks)
def test_every_callback_round_trips_within_64_bytes(callback: callbacks.Callback) -> None:
    data = encode(callback)
    assert len(data.encode()) <= 64
    assert decode(data) == callback


@given(st.text(max_size=100))
def test_arbitrary_text_never_raises(data: str) -> None:
    result = decode(data)
    if result is not None:
        assert encode(result) == data


@given(st.binary(max_size=80))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    decode(data.decode("utf-8", "replace"))


def test_forged_shapes_are_rejected() -> None:
    for forged in [
        "",
        "a",
        "a:1:lead-1:6",
        "a:1:lead-1:0",
        "a:0:lead-1:3",
        "a:-1:lead-1:3",
        "a:01:lead-1:3",
        "a:1:LEAD-1:3",
        "a:1:lead-1:3:extra",
        "a:1:lead-1:3\n",
        "a:1:" + "x" * 17 + ":3",
        "x:1:maybe",
        "f:1:2",
        "z:1",
        "a:1:lead 1:3",
        "a:1:lead-1:3" + " " * 60,
    ]:
        assert decode(forged) is None, forged
    assert decode(None) is None
    assert decode(42) is None


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200).map(lambda s: s.encode("utf-8")))
def test_any_utf8_bytes_within_or_over_64_never_raise(raw: bytes) -> None:
    """What a forged press may carry, decoded as python-telegram-bot decodes it; over 64 bytes is None."""
    data = raw.decode("utf-8")
    result = decode(data)
    if len(raw) > 64:
        assert result is None
    if result is not None:
        assert encode(result) == data


@given(st.text(alphabet=st.sampled_from("asfdxp:0123456789?-yn"), max_size=40))
def test_near_miss_data_never_raises(data: str) -> None:
    """Text made of the very characters real data uses: decoded only when it round-trips exactly."""
    result = decode(data)
    if result is not None:
        assert encode(result) == data


def test_recheck_data_is_strict() -> None:
    assert decode("k:7:s") == Recheck(7, True)
    assert decode("k:7:a") == Recheck(7, False)
    for forged in ("k:7:x", "k:0:s", "k:7", "k:7:s:1", "k:-7:a", "k:07:s"):
        assert decode(forged) is None, forged


def test_reason_and_belief_data_is_strict() -> None:
    assert decode("w:12:s") == ReasonAction(12, False)
    assert decode("w:12:x") == ReasonAction(12, True)
    assert decode("v:3") == DeleteBelief(3)
    for forged in ("w:12", "w:12:y", "w:0:s", "w:-1:x", "v:0", "v:3:1", "v:03", "v:"):
        assert decode(forged) is None, forged


def test_retire_catalogue_data_is_strict() -> None:
    assert decode("c:42") == RetireCatalogue(42)
    for forged in ("c:0", "c:", "c:42:1", "c:042", "c:-4", "c:ours"):
        assert decode(forged) is None, forged
