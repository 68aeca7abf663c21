"""The Customer Centricity Canvas: its content from a real analysis and catalogue, and its page.

The content tests read the sections as the group will (display strings, numbers as in the report, both
languages, every empty state). The rendering tests pin what can be checked mechanically after the
pictures were judged by eye: a valid PNG of phone width within one screen's height, a one-page A4 PDF with
its fonts embedded, the same bytes every time and in several threads, and no text outside the page or on
top of other text however long the lighthouse title or how many the priorities.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import warnings
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from string import Formatter
from typing import Literal

import pytest
from matplotlib.text import Text

from bot.domain.analysis import RatingMatrix, RoundAnalysis, analyse
from bot.domain.canvas import (
    LIGHTHOUSE_COMMAND,
    PRIORITIES_COMMAND,
    CanvasContent,
    CanvasItem,
    CanvasSectionKind,
    LighthouseInfo,
    build_canvas,
)
from bot.domain.catalogue import Catalogue, load_catalogues
from bot.texts import LANGUAGES, all_keys, t
from bot.texts.canvas import TEXTS
from bot.views.canvas import MARGIN, PDF_WIDTH, PNG_MAX_HEIGHT, PNG_WIDTH, _draw, render_canvas
from tests.helpers import png_info

RATERS = ("anna", "ben", "cleo", "dan")
#: statement -> the four managers' levels; every other statement is rated 3 by all
SPECIAL: dict[str, tuple[int | None, ...]] = {
    "cust-1": (5, 5, 5, 5),  # agreed strength, mean 5
    "lead-2": (4, 4, 4, 5),  # agreed strength, mean 4.25
    "org-2": (1, 1, 1, 1),  # agreed weakness, mean 1
    "learn-2": (2, 2, 2, 1),  # agreed weakness, mean 1.75
    "empl-1": (1, 5, 1, 5),  # disagreement: the team is split
    "proc-1": (3, 3, 3, 5),  # dissent: dan two levels above the others
    "data-3": (None, None, None, 4),  # one rating only: insufficient, never flagged
}
LIGHTHOUSE = LighthouseInfo(
    title="Kundeninterviews im Segment KMU",
    goal="Zufriedenheit im Segment KMU um 10 Punkte steigern",
    owner="Jürgen Müller",
    statement_ids=("org-2", "learn-2"),
    review_text="12.06.2025",
)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogues()["customer-centricity"]


def rated(
    catalogue: Catalogue, special: dict[str, tuple[int | None, ...]], default: int | None = 3
) -> RoundAnalysis:
    ids = tuple(s.id for s in catalogue.statements)
    raters = RATERS[: len(next(iter(special.values()))) if special else len(RATERS)]
    cells = {}
    for sid in ids:
        levels = special.get(sid, (default,) * len(raters))
        for rater, level in zip(raters, levels, strict=True):
            cells[(rater, sid)] = level
    return analyse(RatingMatrix(raters, ids, cells, catalogue.dimension_of()))


@pytest.fixture(scope="module")
def analysis(catalogue: Catalogue) -> RoundAnalysis:
    return rated(catalogue, SPECIAL)


def number(catalogue: Catalogue, statement_id: str) -> int:
    return [s.id for s in catalogue.statements].index(statement_id) + 1


def text_of(catalogue: Catalogue, statement_id: str, lang: str) -> str:
    return catalogue.statement(statement_id).text.get(lang)


def full(
    analysis: RoundAnalysis,
    catalogue: Catalogue,
    lang: str = "de",
    *,
    priorities: Sequence[tuple[str, int]] = (("org-2", 3), ("learn-2", 1)),
    lighthouse: LighthouseInfo | None = LIGHTHOUSE,
    competences_count: int = 3,
) -> CanvasContent:
    return build_canvas(
        analysis,
        catalogue,
        lang,
        title="Vertrieb Nord",
        date_text="12.03.2025",
        priorities=priorities,
        lighthouse=lighthouse,
        competences_count=competences_count,
    )


# --------------------------------------------------------------------------------------------- content


def test_the_analysis_behind_the_content_tests(analysis: RoundAnalysis) -> None:
    """The matrix gives one of everything the canvas shows; the tests below rely on it."""
    assert analysis.strengths == ("cust-1", "lead-2")
    assert analysis.weaknesses == ("org-2", "learn-2")
    assert analysis.disagreements == ("empl-1",) and analysis.dissents == ("proc-1",)


def test_header_in_german(analysis: RoundAnalysis, catalogue: Catalogue) -> None:
    content = full(analysis, catalogue, "de")
    assert content.lang == "de"
    assert content.eyebrow == "Customer Centricity Canvas"
    assert content.title == "Vertrieb Nord"
    assert content.subtitle == "12.03.2025 · 4 Führungskräfte"
    # 49/16 = 3.0625: index 51.5625 %
    assert content.index == 51.5625 and content.index_text == "52 %"
    assert content.index_caption == "Reifegrad-Index · mittlere Stufe 3,1 von 5"
    assert content.agreement is not None
    assert content.agreement.startswith("Die Urteile stimmen nur bedingt überein")
    assert "0,678" in content.agreement
    assert [s.kind for s in content.sections] == list(CanvasSectionKind)


def test_header_in_english(analysis: RoundAnalysis, catalogue: Catalogue) -> None:
    content = full(analysis, catalogue, "en")
    assert content.subtitle == "12.03.2025 · 4 managers"
    assert content.index_text == "52%"
    assert content.index_caption == "Maturity index · mean level 3.1 of 5"
    assert content.agreement == "Judgments agree only tentatively (α\u00a0=\u00a00.678)"
    assert content.footer.startswith("Index: level 1 = 0%")


def test_strengths_and_weaknesses_are_numbered_as_in_the_report(
    analysis: RoundAnalysis, catalogue: Catalogue
) -> None:
    content = full(analysis, catalogue, "de")
    strengths = content.section(CanvasSectionKind.STRENGTHS)
    assert strengths.heading == "Stärken" and strengths.note == "Einig gesehen, Mittel ab 3,75"
    assert [i.text for i in strengths.items] == [
        f"1 · {text_of(catalogue, 'cust-1', 'de')} (Ø 5,0)",
        f"{number(catalogue, 'lead-2')} · {text_of(catalogue, 'lead-2', 'de')} (Ø 4,3)",  # 4.25 rounds up
    ]
    weaknesses = content.section(CanvasSectionKind.WEAKNESSES)
    assert weaknesses.note == "Einig gesehen, Mittel bis 2,25"
    assert [(i.number, i.value) for i in weaknesses.items] == [
        (str(number(catalogue, "org-2")), "Ø 1,0"),
        (str(number(catalogue, "learn-2")), "Ø 1,8"),
    ]
    english = full(analysis, catalogue, "en").section(CanvasSectionKind.WEAKNESSES)
    assert (
        english.items[1].text
        == f"{number(catalogue, 'learn-2')} · {text_of(catalogue, 'learn-2', 'en')} (Ø 1.8)"
    )


def test_disputed_points_show_how_far_the_judgments_spread(
    analysis: RoundAnalysis, catalogue: Catalogue
) -> None:
    section = full(analysis, catalogue, "de").section(CanvasSectionKind.DISPUTED)
    assert section.heading == "Umstrittene Punkte"
    # disagreements first, then dissents
    assert [(i.number, i.value) for i in section.items] == [
        (str(number(catalogue, "empl-1")), "Stufen 1–5"),
        (str(number(catalogue, "proc-1")), "Stufen 3–5"),
    ]
    english = full(analysis, catalogue, "en").section(CanvasSectionKind.DISPUTED)
    assert english.items[0].value == "levels 1–5" and english.heading == "Disputed points"


def test_priorities_in_ranked_order_with_votes(analysis: RoundAnalysis, catalogue: Catalogue) -> None:
    priorities = [("learn-2", 4), ("org-2", 1), ("gone-1", 0)]
    for lang, votes in (
        ("de", ("4 Stimmen", "1 Stimme", "0 Stimmen")),
        ("en", ("4 votes", "1 vote", "0 votes")),
    ):
        section = full(analysis, catalogue, lang, priorities=priorities).section(CanvasSectionKind.PRIORITIES)
        assert [i.value for i in section.items] == list(votes)
        assert section.items[0].text == (
            f"{number(catalogue, 'learn-2')} · {text_of(catalogue, 'learn-2', lang)} ({votes[0]})"
        )
        # a statement the catalogue no longer has stands for itself, without a number
        assert section.items[2].number == "–" and section.items[2].body == "gone-1"


def test_the_lighthouse_with_its_details(analysis: RoundAnalysis, catalogue: Catalogue) -> None:
    section = full(analysis, catalogue, "de").section(CanvasSectionKind.LIGHTHOUSE)
    assert section.heading == "Leuchtturmprojekt"
    org, learn = number(catalogue, "org-2"), number(catalogue, "learn-2")
    assert [i.text for i in section.items] == [
        "Kundeninterviews im Segment KMU",
        "Ziel: Zufriedenheit im Segment KMU um 10 Punkte steigern",
        "Verantwortlich: Jürgen Müller",
        f"Setzt an bei: Aussagen {org}, {learn}",
        "Nächste Überprüfung: 12.06.2025",
    ]
    assert section.items[0].strong and not any(i.strong for i in section.items[1:])
    english = full(analysis, catalogue, "en").section(CanvasSectionKind.LIGHTHOUSE)
    assert english.items[3].text == f"Addresses: statements {org}, {learn}"
    # only what is known is shown
    bare = full(analysis, catalogue, "en", lighthouse=LighthouseInfo("Quick wins", statement_ids=("org-2",)))
    assert [i.text for i in bare.section(CanvasSectionKind.LIGHTHOUSE).items] == [
        "Quick wins",
        f"Addresses: statement {org}",
    ]


def test_competences_are_the_lowest_dimensions_ties_in_catalogue_order(
    analysis: RoundAnalysis, catalogue: Catalogue
) -> None:
    # organisation 2.33, learning 2.58, then employees and steering both 3.0: employees comes first
    section = full(analysis, catalogue, "de").section(CanvasSectionKind.COMPETENCES)
    assert [i.text for i in section.items] == [
        "Organisation über Silos hinweg (Ø 2,3 · 33 %)",
        "Lernen und Kompetenzaufbau (Ø 2,6 · 40 %)",
        "Mitarbeiterorientierung (Ø 3,0 · 50 %)",
    ]
    assert all(i.number == "" for i in section.items)
    two = full(analysis, catalogue, "en", competences_count=2).section(CanvasSectionKind.COMPETENCES)
    assert [i.body for i in two.items] == ["Organisation across silos", "Learning and building competence"]
    assert full(analysis, catalogue, "en", competences_count=0).section(CanvasSectionKind.COMPETENCES).empty


def test_all_equal_dimensions_keep_catalogue_order(catalogue: Catalogue) -> None:
    flat = rated(catalogue, {})
    section = full(flat, catalogue, "en").section(CanvasSectionKind.COMPETENCES)
    assert [i.body for i in section.items] == [d.title.en for d in catalogue.dimensions[:3]]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_empty_states_say_what_is_missing_and_how_to_fill_it(catalogue: Catalogue, lang: str) -> None:
    flat = rated(catalogue, {})  # everyone rates 3: no strength, weakness or difference
    content = build_canvas(flat, catalogue, lang, title="Team", date_text="1.1.2026")
    for section in content.sections:
        if section.kind is not CanvasSectionKind.COMPETENCES:
            assert section.empty and section.empty_text, section.kind
    empty = {s.kind: s.empty_text for s in content.sections}
    assert empty[CanvasSectionKind.STRENGTHS] == t(lang, "canvas.strengths.empty")
    assert empty[CanvasSectionKind.DISPUTED] == t(lang, "canvas.disputed.empty")
    assert empty[CanvasSectionKind.PRIORITIES].endswith(PRIORITIES_COMMAND)
    assert empty[CanvasSectionKind.LIGHTHOUSE].endswith(LIGHTHOUSE_COMMAND)
    if lang == "en":
        assert empty[CanvasSectionKind.LIGHTHOUSE] == "No lighthouse project yet – /lighthouse"
    # no spread at all: alpha cannot be computed, and the canvas says nothing rather than a number
    assert content.agreement is None
    # a lighthouse without a title is no lighthouse
    blank = build_canvas(flat, catalogue, lang, title="T", date_text="d", lighthouse=LighthouseInfo("  "))
    assert blank.section(CanvasSectionKind.LIGHTHOUSE).empty


def test_one_manager_cannot_be_compared(catalogue: Catalogue) -> None:
    alone = rated(catalogue, {"cust-1": (5,), "org-2": (1,)})
    assert not alone.comparison_possible
    content = build_canvas(alone, catalogue, "de", title="Team", date_text="1.1.2026")
    assert content.subtitle == "1.1.2026 · 1 Führungskraft"
    for kind in (CanvasSectionKind.STRENGTHS, CanvasSectionKind.WEAKNESSES, CanvasSectionKind.DISPUTED):
        assert content.section(kind).empty
        assert content.section(kind).empty_text == t("de", "canvas.not_comparable")
    assert content.index_text is not None and content.agreement is None
    assert len(content.section(CanvasSectionKind.COMPETENCES).items) == 3


def test_nobody_gave_a_level(catalogue: Catalogue) -> None:
    nothing = rated(catalogue, {}, default=None)
    content = build_canvas(nothing, catalogue, "en", title="Team", date_text="1.1.2026")
    assert content.index is None and content.index_text is None
    assert content.index_caption == "No level given yet"
    competences = content.section(CanvasSectionKind.COMPETENCES)
    assert competences.empty and competences.empty_text == "No dimension rated yet"


def test_item_text_joins_its_parts() -> None:
    assert CanvasItem("Text", number="7", value="Ø 1,8").text == "7 · Text (Ø 1,8)"
    assert CanvasItem("Jürgen", label="Owner").text == "Owner: Jürgen"
    assert CanvasItem("Title", strong=True).text == "Title"


def test_canvas_texts_exist_in_every_language_with_the_same_placeholders() -> None:
    # the handlers keep their own "canvas." texts (usage, captions) elsewhere: these are the canvas' own
    assert set(TEXTS) <= all_keys()
    for key, variants in TEXTS.items():
        fields = {lang: {f for _, f, _, _ in Formatter().parse(variants[lang]) if f} for lang in LANGUAGES}
        assert all(variants[lang] for lang in LANGUAGES), key
        assert fields["de"] == fields["en"], key
        assert "ß" not in variants["de"], key  # Swiss spelling


# --------------------------------------------------------------------------------------------- rendering


def crowded(analysis: RoundAnalysis, catalogue: Catalogue, lang: str = "de") -> CanvasContent:
    """Everything too long: a 300-character title, a lighthouse of 400 characters, 24 priorities, all eight
    dimensions as competences."""
    long_word = "Kundenzufriedenheitsmessungsverantwortlichkeit" * 4
    return build_canvas(
        analysis,
        catalogue,
        lang,
        title="Geschäftsleitung Vertrieb, Marketing und Kundendienst Nord-Ost " * 5,
        date_text="12.03.2025",
        priorities=[(s.id, 24 - k) for k, s in enumerate(catalogue.statements)],
        lighthouse=LighthouseInfo(
            title="Ein sehr langer Leuchtturm mit Kundeninterviews, Experimenten und Auswertungen " * 5,
            goal="Zufriedenheit " * 40,
            owner=long_word,
            statement_ids=tuple(s.id for s in catalogue.statements),
            review_text="12.06.2025 " * 10,
        ),
        competences_count=8,
    )


def test_png_fits_one_phone_screen(analysis: RoundAnalysis, catalogue: Catalogue) -> None:
    for content in (full(analysis, catalogue), crowded(analysis, catalogue)):
        data = render_canvas(content)
        width, height = png_info(data)
        assert width == PNG_WIDTH and 1000 < height <= PNG_MAX_HEIGHT
        assert len(data) < 1024 * 1024


def test_a_sparse_canvas_is_shorter(catalogue: Catalogue) -> None:
    sparse = build_canvas(rated(catalogue, {}), catalogue, "en", title="Team", date_text="1.1.2026")
    _, height = png_info(render_canvas(sparse))
    assert 800 < height < 1800


@pytest.mark.parametrize("kind", ["full", "crowded"])
def test_pdf_is_one_a4_page_with_embedded_fonts(
    analysis: RoundAnalysis, catalogue: Catalogue, kind: str
) -> None:
    content = full(analysis, catalogue) if kind == "full" else crowded(analysis, catalogue)
    data = render_canvas(content, "pdf")
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == 1
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert box is not None
    assert abs(float(box.group(1)) - 595.3) < 1 and abs(float(box.group(2)) - 841.9) < 1  # A4 in points
    assert b"DejaVuSans" in data and b"/CharProcs" in data  # the glyphs travel with the file
    assert b"CreationDate" not in data and b"matplotlib" not in data


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext is not installed")
def test_pdf_text_keeps_umlauts(analysis: RoundAnalysis, catalogue: Catalogue) -> None:
    data = render_canvas(full(analysis, catalogue), "pdf")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    assert "Führungskräfte" in text and "Stärken" in text and "Jürgen Müller" in text


def test_same_canvas_same_bytes_also_in_threads(analysis: RoundAnalysis, catalogue: Catalogue) -> None:
    jobs = [
        lambda: render_canvas(full(analysis, catalogue, "de")),
        lambda: render_canvas(full(analysis, catalogue, "en"), "pdf"),
        lambda: render_canvas(crowded(analysis, catalogue, "en")),
    ]
    serial = [job() for job in jobs]
    assert serial[0] == render_canvas(full(analysis, catalogue, "de"))
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = [f.result() for f in [pool.submit(jobs[k % 3]) for k in range(6)]]
    for k, data in enumerate(results):
        assert data == serial[k % 3]
    assert render_canvas(full(analysis, catalogue, "de")) != render_canvas(full(analysis, catalogue, "en"))


Box = tuple[float, float, float, float]


Format = Literal["png", "pdf"]
FORMATS: tuple[Format, ...] = ("png", "pdf")


def text_boxes(content: CanvasContent, fmt: Format) -> tuple[list[tuple[str, Box]], float, float]:
    """Every drawn text with its bounding box in layout pixels (y downwards), and the page's size."""
    page, height = _draw(content, fmt)
    renderer = page._agg.get_renderer()
    scale = page.width / page.fig.bbox.width  # display px -> layout px
    boxes: list[tuple[str, Box]] = []
    for artist in page.ax.texts:
        assert isinstance(artist, Text)
        if not artist.get_text().strip():
            continue
        box = artist.get_window_extent(renderer)
        # display coordinates grow upwards; the layout's grow downwards from the top
        boxes.append(
            (
                artist.get_text(),
                (box.x0 * scale, height - box.y1 * scale, box.x1 * scale, height - box.y0 * scale),
            )
        )
    return boxes, float(page.width), float(height)


@pytest.mark.parametrize("fmt", ["png", "pdf"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_long_texts_and_many_items_stay_on_the_page(
    analysis: RoundAnalysis, catalogue: Catalogue, fmt: Format, lang: str
) -> None:
    content = crowded(analysis, catalogue, lang)
    boxes, width, height = text_boxes(content, fmt)
    assert height <= (PNG_MAX_HEIGHT if fmt == "png" else PDF_WIDTH * 1.415)
    for text, (x0, y0, x1, y1) in boxes:
        assert x0 >= MARGIN - 1 and x1 <= width - MARGIN + 1, text
        assert y0 >= 0 and y1 <= height, text
    # no text sits on another (a label and its value only touch)
    for k, (a, (ax0, ay0, ax1, ay1)) in enumerate(boxes):
        for b, (bx0, by0, bx1, by1) in boxes[k + 1 :]:
            overlap_x = min(ax1, bx1) - max(ax0, bx0)
            overlap_y = min(ay1, by1) - max(ay0, by0)
            assert overlap_x <= 2 or overlap_y <= 2, (a, b)
    texts = [text for text, _ in boxes]
    # the priorities were cut, and say by how many
    more = "weitere" if lang == "de" else "more"
    assert any(re.fullmatch(rf"\+ \d+ {more}", text) for text in texts)
    # the lighthouse's long title is wrapped and shortened, never dropped
    assert any(text.startswith("Ein sehr langer Leuchtturm") for text in texts)
    assert any(text.endswith("…") for text in texts)


def test_a_short_canvas_shows_everything(analysis: RoundAnalysis, catalogue: Catalogue) -> None:
    boxes, _, _ = text_boxes(full(analysis, catalogue, "en"), "png")
    texts = [text for text, _ in boxes]
    assert not any(text.startswith("+ ") for text in texts)
    assert "Strengths" in texts and "Competences to build" in texts and "Jürgen Müller" in texts


def test_umlauts_and_symbols_have_glyphs(analysis: RoundAnalysis, catalogue: Catalogue) -> None:
    """matplotlib warns about a glyph missing from the font; here that warning fails the test."""
    odd = LighthouseInfo(title=r"Größe, Maß – „Ä“ ≠ Ø … α $\frac{1}{2}$ 50 %", owner="Zoë Weiß")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for lang in LANGUAGES:
            for fmt in FORMATS:
                render_canvas(full(analysis, catalogue, lang, lighthouse=odd), fmt)


def test_unknown_format_is_refused(analysis: RoundAnalysis, catalogue: Catalogue) -> None:
    with pytest.raises(ValueError, match="svg"):
        render_canvas(full(analysis, catalogue), "svg")  # type: ignore[arg-type]


def test_canvas_never_touches_pyplot_or_telegram() -> None:
    code = (
        "import sys\n"
        "from bot.views.canvas import render_canvas\n"
        "from bot.domain.canvas import build_canvas\n"
        "from bot.domain.analysis import RatingMatrix, analyse\n"
        "from bot.domain.catalogue import load_catalogues\n"
        "c = load_catalogues()['quick']\n"
        "ids = tuple(s.id for s in c.statements)\n"
        "cells = {(r, s): 2 + (r == 'b') for r in 'ab' for s in ids}\n"
        "a = analyse(RatingMatrix(('a', 'b'), ids, cells, c.dimension_of()))\n"
        "content = build_canvas(a, c, 'de', title='T', date_text='D')\n"
        "render_canvas(content); render_canvas(content, 'pdf')\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot was imported'\n"
        "assert 'telegram' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_the_domain_module_imports_no_drawing() -> None:
    code = (
        "import sys\n"
        "import bot.domain.canvas\n"
        "assert 'matplotlib' not in sys.modules\n"
        "assert 'telegram' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_beliefs_with_their_statement_numbers_and_a_card_only_when_there_are_any(
    analysis: RoundAnalysis, catalogue: Catalogue
) -> None:
    beliefs = (("learn-2", "Customers don't know what they want"), ("org-2", "Sales owns the customer"))
    content = build_canvas(analysis, catalogue, "en", title="T", date_text="d", beliefs=beliefs)
    section = content.section(CanvasSectionKind.BELIEFS)
    assert [i.text for i in section.items] == [
        f"{number(catalogue, 'learn-2')} · “Customers don't know what they want”",
        f"{number(catalogue, 'org-2')} · “Sales owns the customer”",
    ]
    german = build_canvas(analysis, catalogue, "de", title="T", date_text="d", beliefs=beliefs[:1])
    assert german.section(CanvasSectionKind.BELIEFS).items[0].body == "«Customers don't know what they want»"
    for fmt in FORMATS:
        boxes, _, _ = text_boxes(content, fmt)
        assert "Beliefs" in [text for text, _ in boxes]
        empty, _, _ = text_boxes(full(analysis, catalogue, "en"), fmt)
        assert "Beliefs" not in [text for text, _ in empty]
    assert full(analysis, catalogue, "en").section(CanvasSectionKind.BELIEFS).empty_text.endswith("/belief")
