"""Telegram HTML: every part fits, every part is well-formed, and nothing of the report is lost."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.results import Block, Report, Section, SectionKind, Span, Style, report_plain_text
from bot.domain.text import utf16_len
from bot.views.html import (
    MAX_ENTITIES,
    RAW_FACTOR,
    TELEGRAM_MESSAGE_LIMIT,
    count_visible,
    render_caption,
    render_html,
    visible_text,
)
from tests.helpers import (
    DANGEROUS,
    NAMES,
    ON_DISSENT,
    ON_OTHER,
    ON_OTHER_2,
    four_managers,
    random_round,
    report_of,
)

LIMIT = TELEGRAM_MESSAGE_LIMIT


class _TagChecker(HTMLParser):
    """Collects problems: unknown tags, attributes, a closing tag that does not match the open one."""

    def __init__(self, allowed: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed = allowed
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.allowed or (attrs and tag != "a"):
            self.problems.append(f"unexpected <{tag} {attrs}>")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.problems.append(f"unbalanced </{tag}>")


def assert_well_formed(part: str, allowed: frozenset[str] = frozenset({"b", "i", "code"})) -> None:
    checker = _TagChecker(allowed)
    checker.feed(part)
    checker.close()
    assert not checker.problems, checker.problems
    assert not checker.stack, f"unclosed {checker.stack}"
    # Telegram rejects a bare "&" that does not start an entity
    assert not re.search(r"&(?!amp;|lt;|gt;|quot;)", part)


def words(text: str) -> str:
    return " ".join(text.split())


def letters(text: str) -> str:
    return "".join(text.split())


def check_parts(report: Report, parts: list[str], limit: int = LIMIT) -> str:
    """The invariants of every rendering; returns the visible text of all parts joined by blanks."""
    assert parts
    for part in parts:
        assert_well_formed(part)
        assert 0 < count_visible(part) <= limit
        assert len(part) <= RAW_FACTOR * limit
        assert len(re.findall(r"<[a-z]", part)) <= MAX_ENTITIES
        assert visible_text(part).strip()
    joined = " ".join(visible_text(part) for part in parts)
    assert letters(joined) == letters(report_plain_text(report)), "text lost or changed"
    return joined


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("named", [True, False])
def test_four_managers(lang: str, named: bool) -> None:
    matrix, comments = four_managers()
    report = report_of(matrix, comments, lang, NAMES if named else None, excluded=1)
    parts = render_html(report)
    joined = check_parts(report, parts)
    assert words(joined) == words(report_plain_text(report))
    for comment in (DANGEROUS, ON_DISSENT, ON_OTHER, ON_OTHER_2):
        assert joined.count(comment) == 1
    assert "<script>" not in "".join(parts) and "&lt;script&gt;" in "".join(parts)
    assert ("Anna" in joined) == named


def test_headings_are_bold_and_styles_are_tags() -> None:
    matrix, comments = four_managers()
    report = report_of(matrix, comments, "de", NAMES, title="Kunden & Co <GL>")
    first = render_html(report)[0]
    assert first.startswith("<b>Kunden &amp; Co &lt;GL&gt;</b>\n")
    assert "<b>Wie einig sind Sie sich?</b>\n" in "".join(render_html(report))
    assert "💬 <b>Anna</b>: <i>Wir reden über &lt;script&gt;" in "".join(render_html(report))


def test_a_list_that_fits_stays_in_one_message_with_its_heading() -> None:
    matrix, comments = four_managers()
    for lang in ("de", "en"):
        report = report_of(matrix, comments, lang, NAMES)
        visible = [words(visible_text(part)) for part in render_html(report)]
        for section in report.sections:
            if section.compact:
                text = words(section.heading + "\n" + "\n".join(b.text for b in section.blocks))
                assert sum(text in v for v in visible) == 1, section.heading


def test_a_long_list_is_split_between_its_entries() -> None:
    blocks = tuple(Block(((Span(f"• Eintrag {i} " + "x" * 60),),)) for i in range(100))
    report = Report("de", (Section(SectionKind.STRENGTHS, "Liste", blocks, compact=True),))
    parts = render_html(report)
    check_parts(report, parts)
    assert len(parts) == 2
    assert all(line.startswith("• Eintrag") for p in parts for line in visible_text(p).splitlines()[1:])


def test_a_long_comment_is_split_between_words_and_nothing_is_lost() -> None:
    matrix, comments = four_managers()
    long_comment = " ".join(f"Wort{i}<&>äö" for i in range(500))  # > 5000 characters
    assert len(long_comment) > 5000
    comments = {**comments, ("r-ben", "cust-1"): long_comment}
    for names in (NAMES, None):
        report = report_of(matrix, comments, "de", names)
        parts = render_html(report)
        joined = check_parts(report, parts)
        assert words(joined).count(words(long_comment)) == 1
        assert not any(words(long_comment) in words(visible_text(part)) for part in parts), "not split"
        # the cut falls between words: every word survives whole in one part
        tokens = [token for part in parts for token in visible_text(part).split()]
        assert sum(1 for token in tokens if re.fullmatch(r"Wort\d+<&>äö", token)) == 500


def test_a_word_longer_than_a_message_is_split_between_characters() -> None:
    blob = "😀" * 3000 + "&" * 2000  # 6000 + 2000 UTF-16 units, no blank anywhere
    report = Report(
        "de", (Section(SectionKind.COMMENTS, "Kommentare", (Block(((Span(blob, Style.ITALIC),),)),)),)
    )
    parts = render_html(report)
    joined = check_parts(report, parts)
    assert len(parts) >= 3
    assert letters(joined).count(blob) == 1
    assert all(p.startswith("<i>") or p.startswith("<b>") for p in parts)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_fifty_managers_blocks_stay_whole(lang: str) -> None:
    matrix, comments, names = random_round(50, seed=11)
    for round_names in (names, None):
        report = report_of(matrix, comments, lang, round_names)
        parts = render_html(report)
        joined = check_parts(report, parts)
        assert len(parts) > 1
        for comment in comments.values():
            assert words(joined).count(words(comment)) == 1
        visible = [words(visible_text(p)) for p in parts]
        for section in report.sections:
            for i, block in enumerate(section.blocks):
                text = words((section.heading + "\n" if i == 0 else "") + block.text)
                assert sum(text in v for v in visible) == 1, text[:80]
        headings = {s.heading for s in report.sections}
        for part in parts:
            assert visible_text(part).strip().splitlines()[-1] not in headings


def test_fifty_managers_with_long_comments() -> None:
    matrix, comments, names = random_round(50, seed=3, comment_length=5000)
    report = report_of(matrix, comments, "de", names)
    parts = render_html(report)
    joined = check_parts(report, parts)
    for comment in comments.values():
        assert words(joined).count(words(comment)) == 1


def test_many_formatted_stretches_are_spread_over_parts() -> None:
    line = tuple(Span(f"w{i} ", Style.BOLD if i % 2 else Style.PLAIN) for i in range(600))
    report = Report("en", (Section(SectionKind.COMMENTS, "Many", (Block((line,)),)),))
    parts = render_html(report)
    check_parts(report, parts)
    assert len(parts) >= 3


def test_ampersands_keep_the_raw_html_small() -> None:
    report = Report("en", (Section(SectionKind.COMMENTS, "Amp", (Block(((Span("& " * 3000),),)),)),))
    parts = render_html(report)
    check_parts(report, parts)
    assert all(len(part) <= RAW_FACTOR * LIMIT for part in parts)


def test_rendering_is_deterministic() -> None:
    matrix, comments, names = random_round(12, seed=5)
    report = report_of(matrix, comments, "en", names)
    assert render_html(report) == render_html(report)


def test_short_report_is_one_message_and_empty_report_none() -> None:
    report = Report("en", (Section(SectionKind.HEADLINE, "Title", (Block(((Span("a < b"),),)),)),))
    assert render_html(report) == ["<b>Title</b>\na &lt; b"]
    assert render_html(Report("en", ())) == []


def test_compact_sections_use_single_line_breaks() -> None:
    blocks = tuple(Block(((Span(f"• item {i}"),),)) for i in range(3))
    report = Report("en", (Section(SectionKind.STRENGTHS, "List", blocks, compact=True),))
    assert render_html(report) == ["<b>List</b>\n• item 0\n• item 1\n• item 2"]


def test_too_small_limit_is_refused() -> None:
    with pytest.raises(ValueError):
        render_html(Report("en", ()), limit=4)


_PIECES = st.sampled_from(
    ["Kunde", "Ärger", "&", "<b>", ">", '"', " ", "  ", "\n", "\n\n", "😀", "ß", "x" * 40, "Wort " * 12, "\t"]
)
_TEXT = st.lists(_PIECES, min_size=1, max_size=30).map("".join)
_SPAN = st.builds(Span, _TEXT, st.sampled_from(list(Style)), st.booleans())
_BLOCK = st.builds(
    lambda lines: Block(tuple(tuple(line) for line in lines)),
    st.lists(st.lists(_SPAN, min_size=1, max_size=4), min_size=1, max_size=4),
)
_SECTION = st.builds(
    lambda heading, blocks, compact: Section(SectionKind.COMMENTS, heading, tuple(blocks), compact),
    _TEXT.filter(lambda text: text.strip()),
    st.lists(_BLOCK, min_size=0, max_size=4),
    st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_SECTION, min_size=1, max_size=4), st.integers(min_value=16, max_value=400))
def test_any_report_at_any_limit(sections: list[Section], limit: int) -> None:
    report = Report("de", tuple(sections))
    if not letters(report_plain_text(report)):
        return
    parts = render_html(report, limit=limit)
    check_parts(report, parts, limit)


# ------------------------------------------------------------------------------------- counting, captions


def test_count_visible_counts_like_telegram() -> None:
    assert count_visible("<b>a</b> &lt;b&gt;") == 5
    assert count_visible("😀") == 2
    assert utf16_len("ä😀") == 3
    assert visible_text("<i>x &amp; y</i>") == "x & y"


def test_caption_that_fits_is_unchanged() -> None:
    caption = "📊 <b>Ergebnisse</b> · Kunden &amp; Co"
    assert render_caption(caption) == caption


def test_long_caption_is_shortened_with_tags_closed() -> None:
    title = html.escape("Führungsteam & <Partner> " * 80, quote=False)
    caption = f"📊 <b>Ergebnisse · {title}</b> · <i>24.11.2026</i>"
    assert count_visible(caption) > 1024
    short = render_caption(caption)
    assert count_visible(short) <= 1024
    assert_well_formed(short)
    assert visible_text(short).endswith("…")
    assert visible_text(short).startswith("📊 Ergebnisse · Führungsteam & <Partner>")
    assert short.startswith("📊 <b>Ergebnisse")
    assert not visible_text(short)[:-1].endswith(" ")


def test_caption_with_a_link_keeps_its_attribute() -> None:
    caption = '<a href="https://example.org/?a=1&amp;b=2">' + "x " * 600 + "</a>"
    short = render_caption(caption, limit=100)
    assert count_visible(short) <= 100
    assert_well_formed(short, frozenset({"a"}))
    assert short.startswith('<a href="https://example.org/?a=1&amp;b=2">')
