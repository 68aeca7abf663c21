"""The catalogue models, the shipped catalogues, and every problem the checker reports.

Broken catalogues are made by changing one line of ``tests/data/catalogues/minimal.toml``, so each case
shows exactly what an editor would have done wrong and what they are told.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from bot.domain.catalogue import (
    QUESTIONS_DIR_ENV,
    TELEGRAM_MESSAGE_MAX,
    Catalogue,
    CatalogueError,
    CatalogueProblem,
    StatementId,
    Text,
    builtin_questions_dir,
    check_files,
    load_catalogue,
    load_catalogues,
    questions_dirs,
    statement_message_budget,
)

DATA = Path(__file__).parent / "data" / "catalogues"
MINIMAL = (DATA / "minimal.toml").read_text(encoding="utf-8")
REPO_QUESTIONS = Path(__file__).resolve().parents[1] / "questions"

#: The longest round id the bot uses in callback data ("a:<round>:<statement>:<level>").
ROUND_ID = "r" * 22


def write(tmp_path: Path, text: str, name: str = "broken.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def broken(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    """The minimal catalogue with each ``(old, new)`` replaced once; ``old`` must be there."""
    text = MINIMAL
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    return write(tmp_path, text)


def problems_of(path: Path) -> list[tuple[str, str, str]]:
    _, problems = check_files([path])
    assert all(p.file == str(path) for p in problems)
    return [(p.place, p.message, p.severity) for p in problems]


# ------------------------------------------------------------------------------------ shipped catalogues


def test_shipped_catalogues_load() -> None:
    catalogues = load_catalogues(REPO_QUESTIONS)
    assert set(catalogues) == {"customer-centricity", "quick"}


def test_full_catalogue_has_eight_dimensions_of_three_statements() -> None:
    catalogue = load_catalogues(REPO_QUESTIONS)["customer-centricity"]
    assert [d.id for d in catalogue.dimensions] == [
        "customer",
        "leadership",
        "employees",
        "organisation",
        "processes",
        "steering",
        "data",
        "learning",
    ]
    assert all(len(catalogue.statements_in(d.id)) == 3 for d in catalogue.dimensions)
    assert len(catalogue.statements) == 24
    assert all(set(s.anchors) == {1, 3, 5} for s in catalogue.statements)


def test_quick_catalogue_has_six_statements_of_its_own() -> None:
    catalogues = load_catalogues(REPO_QUESTIONS)
    quick = catalogues["quick"]
    assert len(quick.statements) == 6
    full_ids = {s.id for s in catalogues["customer-centricity"].statements}
    assert not full_ids & {s.id for s in quick.statements}


@pytest.mark.parametrize("name", ["customer-centricity.toml", "quick.toml"])
def test_shipped_german_uses_swiss_spelling(name: str) -> None:
    """One spelling throughout: the method comes from Switzerland, so "ss" and never "ß"."""
    catalogue = load_catalogue(REPO_QUESTIONS / name)
    texts = [
        catalogue.title,
        *(lv.label for lv in catalogue.scale),
        *(lv.description for lv in catalogue.scale),
    ]
    texts += [t for d in catalogue.dimensions for t in (d.title, d.description)]
    for s in catalogue.statements:
        texts += [s.text, *s.anchors.values(), *([s.hint] if s.hint else [])]
    assert not [t.de for t in texts if "ß" in t.de]


def test_every_shipped_statement_fits_one_telegram_message() -> None:
    """Rendered generously: HTML-escaped, every part on its own line, with a line per level."""
    for catalogue in load_catalogues(REPO_QUESTIONS).values():
        for s in catalogue.statements:
            for lang in ("de", "en"):
                parts = [catalogue.dimension(s.dimension).title.get(lang), s.text.get(lang)]
                parts += [s.hint.get(lang)] if s.hint else []
                parts += [
                    f"{n} {catalogue.level(n).label.get(lang)}: {catalogue.level_text(s.id, n).get(lang)}"
                    for n in range(1, 6)
                ]
                assert len(html.escape("\n\n".join(parts))) + 300 <= TELEGRAM_MESSAGE_MAX


def test_text_budgets_keep_a_statement_message_within_telegrams_limit() -> None:
    assert statement_message_budget() <= TELEGRAM_MESSAGE_MAX


def test_every_shipped_statement_id_fits_callback_data() -> None:
    for catalogue in load_catalogues(REPO_QUESTIONS).values():
        for s in catalogue.statements:
            assert len(f"a:{ROUND_ID}:{s.id}:5".encode()) <= 64


@given(st.from_regex(r"[a-z0-9-]{1,24}", fullmatch=True) | st.text(max_size=24))
def test_any_valid_statement_id_fits_callback_data(candidate: str) -> None:
    try:
        statement_id = TypeAdapter(StatementId).validate_python(candidate)
    except ValidationError:
        return
    assert len(f"a:{ROUND_ID}:{statement_id}:5".encode()) <= 64


# ------------------------------------------------------------------------------------------------ the API


def test_lookups() -> None:
    catalogue = load_catalogue(DATA / "minimal.toml")
    assert catalogue.statement("a-2").hint == Text(de="Hinweis", en="Hint")
    assert catalogue.dimension("beta").title.en == "Beta"
    assert catalogue.level(3).label.de == "Drei"
    assert catalogue.dimension_of() == {"a-1": "alpha", "a-2": "alpha", "b-1": "beta"}
    assert [s.id for s in catalogue.statements_in("alpha")] == ["a-1", "a-2"]
    with pytest.raises(KeyError):
        catalogue.statement("nope")
    with pytest.raises(KeyError):
        catalogue.level(6)


def test_level_text_is_the_anchor_or_else_the_scale_description() -> None:
    catalogue = load_catalogue(DATA / "minimal.toml")
    assert catalogue.level_text("a-1", 5) == Text(de="Alles", en="Everything")
    assert catalogue.level_text("a-1", 3) == catalogue.level(3).description
    assert catalogue.statement("a-1").anchor(2) is None


def test_scale_is_kept_in_level_order(tmp_path: Path) -> None:
    first, rest = MINIMAL.split("[[scale]]\nlevel = 1\n", 1)
    level_one, after = rest.split("\n\n", 1)
    text = first + after.replace("[[dimensions]]", f"[[scale]]\nlevel = 1\n{level_one}\n\n[[dimensions]]", 1)
    catalogue = load_catalogue(write(tmp_path, text))
    assert [lv.level for lv in catalogue.scale] == [1, 2, 3, 4, 5]
    assert "level = 1" not in text.split("[[dimensions]]")[0].split("level = 5")[0]


def test_text_falls_back_to_english() -> None:
    text = Text(de="Hallo", en="Hello")
    assert (text.get("de"), text.get("en"), text.get("fr")) == ("Hallo", "Hello", "Hello")


def test_texts_are_trimmed() -> None:
    assert Text(de="  Hallo\n", en="Hello ").de == "Hallo"


def test_catalogue_is_immutable() -> None:
    catalogue = load_catalogue(DATA / "minimal.toml")
    with pytest.raises(ValidationError):
        catalogue.id = "other"  # type: ignore[misc]


def test_the_built_in_catalogues_are_the_package_data_of_questions() -> None:
    """In a checkout ``bot/catalogues`` is the top-level ``questions/``, where the catalogues are edited."""
    assert builtin_questions_dir().resolve() == REPO_QUESTIONS.resolve()
    assert sorted(p.name for p in builtin_questions_dir().glob("*.toml")) == sorted(
        p.name for p in REPO_QUESTIONS.glob("*.toml")
    )


def test_the_operator_folder_adds_to_the_built_in_catalogues(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(QUESTIONS_DIR_ENV, raising=False)
    assert questions_dirs() == [builtin_questions_dir()]
    assert list(load_catalogues()) == ["customer-centricity", "quick"]
    write(tmp_path, MINIMAL, "minimal.toml")
    monkeypatch.setenv(QUESTIONS_DIR_ENV, str(tmp_path))
    assert questions_dirs() == [builtin_questions_dir(), tmp_path]
    assert list(load_catalogues()) == ["customer-centricity", "quick", "minimal"]


def test_a_catalogue_id_clash_with_a_built_in_one_names_both_files(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    clash = tmp_path / "ours.toml"
    clash.write_text(MINIMAL.replace('id = "minimal"', 'id = "quick"', 1), encoding="utf-8")
    monkeypatch.setenv(QUESTIONS_DIR_ENV, str(tmp_path))
    with pytest.raises(CatalogueError) as caught:
        load_catalogues()
    (problem,) = caught.value.problems
    assert problem.file == str(clash)
    assert problem.message.startswith('catalogue id "quick" is also used by ')
    assert problem.message.endswith("quick.toml")


def test_an_operator_folder_that_is_missing_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(QUESTIONS_DIR_ENV, str(tmp_path / "nowhere"))
    with pytest.raises(CatalogueError, match="nowhere: directory: does not exist"):
        load_catalogues()


def test_problem_str() -> None:
    assert str(CatalogueProblem("a.toml", "id", "bad")) == "a.toml: id: bad"
    assert str(CatalogueProblem("a.toml", "x", "odd", "warning")) == "a.toml: x: warning: odd"


# ------------------------------------------------------------------------------------ problems, one each

A2_TEXT = 'text = { de = "Aussage A2", en = "Statement A2" }'
A2 = 'statements[2] (id "a-2")'


def case(change: tuple[str, str], *expected: tuple[str, ...], id: str) -> object:
    """One way to break the minimal catalogue and the problems it must cause, in order."""
    return pytest.param(change, expected, id=id)


CASES = [
    case(
        (A2_TEXT, 'text = { de = "Aussage A2", en = "" }'),
        (f"{A2}.text.en", "missing English translation"),
        id="empty-translation",
    ),
    case(
        (A2_TEXT, 'text = { de = "   ", en = "Statement A2" }'),
        (f"{A2}.text.de", "missing German translation"),
        id="blank-translation",
    ),
    case(
        (A2_TEXT, 'text = { de = "Aussage A2" }'),
        (f"{A2}.text.en", "missing English translation"),
        id="absent-translation",
    ),
    case(
        ('hint = { de = "Hinweis", en = "Hint" }', 'hint = { en = "Hint" }'),
        (f"{A2}.hint.de", "missing German translation"),
        id="absent-translation-of-hint",
    ),
    case(
        ('label = { de = "Vier", en = "Four" }', 'label = { de = "Vier", en = "" }'),
        ("scale[4] (level 4).label.en", "missing English translation"),
        id="absent-translation-of-label",
    ),
    case(
        (A2_TEXT, 'text = "Aussage A2"'),
        (f"{A2}.text", 'must give both languages, like text.de = "…" and text.en = "…", not text'),
        id="text-without-languages",
    ),
    case(
        (A2_TEXT, 'text = { de = "A2", en = "A2", fr = "A2" }'),
        (f"{A2}.text.fr", 'unknown field "fr" (expected one of: de, en)'),
        id="third-language",
    ),
    case(
        ("hint = { de", "hnit = { de"),
        (f"{A2}.hnit", 'unknown field "hnit" (expected one of: id, dimension, text, anchors, hint)'),
        id="misspelt-field",
    ),
    case(
        ('dimension = "beta"\n', ""),
        ('statements[3] (id "b-1").dimension', "missing field"),
        ('dimensions[2] (id "beta")', "no statement belongs to this dimension", "warning"),
        id="missing-field",
    ),
    case(
        ('id = "b-1"\n', ""),
        ("statements[3].id", "missing field"),
        id="missing-id",
    ),
    case(
        ('version = "1"\n', ""),
        ("version", "missing field"),
        id="missing-version",
    ),
    case(
        ('version = "1"', "version = 1"),
        ("version", "must be text in quotes, not a whole number"),
        id="version-not-text",
    ),
    case(
        ('version = "1"', 'version = ""'),
        ("version", "the version is empty"),
        id="empty-version",
    ),
    case(
        ('id = "a-2"', 'id = "a-1"'),
        ('statements[2] (id "a-1").id', 'duplicate statement id "a-1" (first at statements[1])'),
        id="duplicate-statement-id",
    ),
    case(
        ('id = "beta"', 'id = "alpha"'),
        ('dimensions[2] (id "alpha").id', 'duplicate dimension id "alpha" (first at dimensions[1])'),
        ('statements[3] (id "b-1").dimension', 'unknown dimension "beta" (known: alpha)'),
        id="duplicate-dimension-id",
    ),
    case(
        ('id = "a-2"', 'id = "Lead_2"'),
        (
            'statements[2] (id "Lead_2").id',
            'bad id "Lead_2": use only a-z, 0-9 and hyphens between them, like "lead-2"',
        ),
        id="bad-statement-id",
    ),
    case(
        ('id = "a-2"', 'id = "a--2"'),
        (
            'statements[2] (id "a--2").id',
            'bad id "a--2": use only a-z, 0-9 and hyphens between them, like "lead-2"',
        ),
        id="double-hyphen",
    ),
    case(
        ('id = "a-2"', 'id = "abcdefghijklmnopq"'),
        (
            'statements[2] (id "abcdefghijklmnopq").id',
            'id "abcdefghijklmnopq" is 17 characters long; the limit is 16 '
            "(it goes into Telegram's 64-byte callback data)",
        ),
        id="long-statement-id",
    ),
    case(
        ('id = "beta"', 'id = "beta gamma"'),
        (
            'dimensions[2] (id "beta gamma").id',
            'bad id "beta gamma": use only a-z, 0-9 and hyphens between them, like "lead-2"',
        ),
        ('statements[3] (id "b-1").dimension', 'unknown dimension "beta" (known: alpha, beta gamma)'),
        ('dimensions[2] (id "beta gamma")', "no statement belongs to this dimension", "warning"),
        id="bad-dimension-id",
    ),
    case(
        ('id = "minimal"', f'id = "{"m" * 33}"'),
        ("id", f'id "{"m" * 33}" is 33 characters long; the limit is 32 (a catalogue id is a short name)'),
        id="long-catalogue-id",
    ),
    case(
        ('id = "minimal"', 'id = ""'),
        ("id", "the id is empty"),
        id="empty-catalogue-id",
    ),
    case(
        ("level = 4", "level = 6"),
        ("scale[4] (level 6).level", "level 6 is outside the scale: the levels are 1 to 5"),
        ("scale.level 4", "missing: the scale needs exactly the levels 1 to 5"),
        id="level-out-of-range",
    ),
    case(
        ("level = 4", 'level = "4"'),
        ("scale[4].level", "must be a whole number, not text"),
        ("scale.level 4", "missing: the scale needs exactly the levels 1 to 5"),
        id="level-not-a-number",
    ),
    case(
        ("anchors.5 =", "anchors.6 ="),
        ('statements[1] (id "a-1").anchors.6', "anchor for level 6: the levels are 1 to 5"),
        id="anchor-out-of-range",
    ),
    case(
        ("anchors.5 =", "anchors.0 ="),
        ('statements[1] (id "a-1").anchors.0', "anchor for level 0: the levels are 1 to 5"),
        id="anchor-zero",
    ),
    case(
        ("anchors.5 =", "anchors.high ="),
        ('statements[1] (id "a-1").anchors.high', '"high" is not a level: anchors are keyed "1" to "5"'),
        id="anchor-not-a-level",
    ),
    case(
        ('languages = ["de", "en"]', 'languages = ["de"]'),
        ("languages", 'must include "de" and "en" (missing: en)'),
        id="language-missing",
    ),
    case(
        ('languages = ["de", "en"]', 'languages = ["de", "en", "fr"]'),
        ("languages", 'unsupported language "fr": texts can only be given in de and en'),
        id="language-unsupported",
    ),
    case(
        (
            'title = { de = "Minimal", en = "Minimal" }',
            'title = { de = "Minimal", en = "Minimal" }\nsubtitle = "x"',
        ),
        (
            "subtitle",
            'unknown field "subtitle" (expected one of: id, title, version, languages, description, scale, '
            "dimensions, statements)",
        ),
        id="unknown-top-level-field",
    ),
    case(
        ('label = { de = "Drei", en = "Three" }', 'label = { de = "Drei", en = "Dreiundzwanzigtausend" }'),
        (
            "scale[3] (level 3).label.en",
            "is 21 characters long; the limit is 20 (a level label must fit on a button)",
        ),
        id="label-too-long",
    ),
    case(
        (
            'description = { de = "Stufe drei", en = "Level three" }',
            f'description = {{ de = "{"d" * 121}", en = "x" }}',
        ),
        (
            "scale[3] (level 3).description.de",
            "is 121 characters long; the limit is 120 (a level description is one line)",
        ),
        id="level-description-too-long",
    ),
    case(
        ('text = { de = "Aussage B1"', f'text = {{ de = "{"t" * 501}"'),
        (
            'statements[3] (id "b-1").text.de',
            "is 501 characters long; the limit is 500 (it shares one Telegram message of 4096 characters)",
        ),
        id="statement-too-long",
    ),
    case(
        ('anchors.5 = { de = "Alles"', f'anchors.5 = {{ de = "{"a" * 201}"'),
        (
            'statements[1] (id "a-1").anchors.5.de',
            "is 201 characters long; the limit is 200 (it shares one Telegram message of 4096 characters)",
        ),
        id="anchor-too-long",
    ),
    case(
        ('hint = { de = "Hinweis", en = "Hint" }', f'hint = {{ de = "Hinweis", en = "{"h" * 301}" }}'),
        (
            f"{A2}.hint.en",
            "is 301 characters long; the limit is 300 (it shares one Telegram message of 4096 characters)",
        ),
        id="hint-too-long",
    ),
    case(
        ('title = { de = "Beta", en = "Beta" }', f'title = {{ de = "Beta", en = "{"b" * 61}" }}'),
        (
            'dimensions[2] (id "beta").title.en',
            "is 61 characters long; the limit is 60 (a heading and a chart label)",
        ),
        id="dimension-title-too-long",
    ),
    case(
        ('title = { de = "Minimal", en = "Minimal" }', f'title = {{ de = "{"x" * 101}", en = "Minimal" }}'),
        ("title.de", "is 101 characters long; the limit is 100 (a title is one line)"),
        id="catalogue-title-too-long",
    ),
]


@pytest.mark.parametrize(("change", "expected"), CASES)
def test_each_problem_is_reported_with_its_place(
    tmp_path: Path, change: tuple[str, str], expected: tuple[tuple[str, ...], ...]
) -> None:
    """The first problem is the one caused; any further ones are its true consequences, listed in full."""
    assert problems_of(broken(tmp_path, change)) == [(*p, "error") if len(p) == 2 else p for p in expected]


def test_unknown_dimension(tmp_path: Path) -> None:
    path = broken(tmp_path, ('dimension = "beta"', 'dimension = "gamma"'))
    assert problems_of(path) == [
        ('statements[3] (id "b-1").dimension', 'unknown dimension "gamma" (known: alpha, beta)', "error"),
        ('dimensions[2] (id "beta")', "no statement belongs to this dimension", "warning"),
    ]


def test_dimension_without_statements_is_a_warning_that_still_loads(tmp_path: Path) -> None:
    path = broken(tmp_path, ('dimension = "beta"', 'dimension = "alpha"'))
    catalogues, problems = check_files([path])
    assert [str(p) for p in problems] == [
        f'{path}: dimensions[2] (id "beta"): warning: no statement belongs to this dimension'
    ]
    assert [c.id for c in catalogues] == ["minimal"]
    assert load_catalogue(path).id == "minimal"


def test_duplicated_level(tmp_path: Path) -> None:
    path = broken(tmp_path, ("level = 4", "level = 3"))
    assert problems_of(path) == [
        ("scale[4] (level 3)", "level 3 is given twice (first at scale[3])", "error"),
        ("scale.level 4", "missing: the scale needs exactly the levels 1 to 5", "error"),
    ]


def test_missing_level(tmp_path: Path) -> None:
    text = MINIMAL.replace(
        '[[scale]]\nlevel = 5\nlabel = { de = "Fünf", en = "Five" }\n'
        'description = { de = "Stufe fünf", en = "Level five" }\n',
        "",
    )
    assert text != MINIMAL
    assert problems_of(write(tmp_path, text)) == [
        ("scale.level 5", "missing: the scale needs exactly the levels 1 to 5", "error")
    ]


def test_scale_as_a_single_table(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        MINIMAL.split("[[scale]]")[0]
        + "[scale]\nlevel = 1\n"
        + "[[dimensions]]"
        + MINIMAL.split("[[dimensions]]", 1)[1],
    )
    assert problems_of(path)[0] == (
        "scale",
        "must be a list (one [[scale]] block per entry), not a table",
        "error",
    )


def test_empty_statements(tmp_path: Path) -> None:
    text = MINIMAL.split("[[statements]]")[0].replace('version = "1"', 'version = "1"\nstatements = []')
    assert problems_of(write(tmp_path, text)) == [
        ("statements", "no statements: a catalogue needs at least one", "error"),
        ('dimensions[1] (id "alpha")', "no statement belongs to this dimension", "warning"),
        ('dimensions[2] (id "beta")', "no statement belongs to this dimension", "warning"),
    ]


def test_toml_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    path = broken(tmp_path, ('id = "minimal"', 'id = "minimal'))
    assert problems_of(path) == [("line 2, column 14", "TOML syntax error: Illegal character '\\n'", "error")]


def test_toml_redefined_table(tmp_path: Path) -> None:
    path = broken(tmp_path, ("[[scale]]\nlevel = 1", "[scale]\nlevel = 1"))
    assert problems_of(path) == [
        ("line 12, column 8", "TOML syntax error: Cannot overwrite a value", "error")
    ]


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(MINIMAL.encode("latin-1"))
    place, message, _ = problems_of(path)[0]
    assert (place, message.split(" (")[0]) == ("file", "is not UTF-8 text")


def test_nonexistent_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"
    assert problems_of(path) == [("file", "cannot be read: No such file or directory", "error")]


def test_every_problem_of_a_file_is_collected(tmp_path: Path) -> None:
    path = broken(
        tmp_path,
        ('version = "1"\n', ""),
        ('label = { de = "Zwei", en = "Two" }', 'label = { de = "Zwei" }'),
        ('id = "a-2"', 'id = "a-1"'),
        (A2_TEXT, 'text = { de = "Aussage A2", en = "" }'),
        ('dimension = "beta"', 'dimension = "gamma"'),
        ("anchors.5 =", "anchors.7 ="),
    )
    assert problems_of(path) == [
        ("version", "missing field", "error"),
        ("scale[2] (level 2).label.en", "missing English translation", "error"),
        ('statements[1] (id "a-1").anchors.7', "anchor for level 7: the levels are 1 to 5", "error"),
        ('statements[2] (id "a-1").text.en', "missing English translation", "error"),
        ('statements[2] (id "a-1").id', 'duplicate statement id "a-1" (first at statements[1])', "error"),
        ('statements[3] (id "b-1").dimension', 'unknown dimension "gamma" (known: alpha, beta)', "error"),
        ('dimensions[2] (id "beta")', "no statement belongs to this dimension", "warning"),
    ]


# --------------------------------------------------------------------------------- several files, loading


def test_duplicate_catalogue_id_across_files(tmp_path: Path) -> None:
    first = write(tmp_path, MINIMAL, "a.toml")
    second = write(tmp_path, MINIMAL, "b.toml")
    catalogues, problems = check_files([first, second])
    assert [c.id for c in catalogues] == ["minimal"]
    assert [str(p) for p in problems] == [f'{second}: id: catalogue id "minimal" is also used by {first}']
    with pytest.raises(CatalogueError):
        load_catalogues(tmp_path)


def test_load_catalogue_raises_with_every_problem(tmp_path: Path) -> None:
    path = broken(tmp_path, ('version = "1"\n', ""), ('id = "a-2"', 'id = "a-1"'))
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(path)
    assert str(raised.value).splitlines() == [
        f"{path}: version: missing field",
        f'{path}: statements[2] (id "a-1").id: duplicate statement id "a-1" (first at statements[1])',
    ]


def test_load_catalogues_lists_problems_of_every_file(tmp_path: Path) -> None:
    write(tmp_path, MINIMAL.replace('version = "1"\n', ""), "a.toml")
    write(tmp_path, MINIMAL.replace('id = "minimal"', 'id = "Other"'), "b.toml")
    write(tmp_path, MINIMAL.replace('id = "minimal"', 'id = "fine"'), "c.toml")
    with pytest.raises(CatalogueError) as raised:
        load_catalogues(tmp_path)
    assert [(Path(p.file).name, p.place) for p in raised.value.problems] == [
        ("a.toml", "version"),
        ("b.toml", "id"),
    ]


def test_load_catalogues_ignores_warnings_but_not_errors(tmp_path: Path) -> None:
    write(tmp_path, MINIMAL.replace('dimension = "beta"', 'dimension = "alpha"'), "warned.toml")
    assert list(load_catalogues(tmp_path)) == ["minimal"]


def test_load_catalogues_from_an_empty_or_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="contains no catalogue"):
        load_catalogues(tmp_path)
    with pytest.raises(CatalogueError, match="does not exist"):
        load_catalogues(tmp_path / "missing")


def test_a_catalogue_built_in_python_needs_no_file() -> None:
    """Other modules' tests build small catalogues directly; that must stay easy."""
    text = Text(de="x", en="x")
    catalogue = Catalogue(
        id="inline",
        title=text,
        version="1",
        languages=["de", "en"],
        scale=[{"level": n, "label": text, "description": text} for n in range(1, 6)],  # type: ignore[misc]
        dimensions=[{"id": "d", "title": text, "description": text}],  # type: ignore[list-item]
        statements=[{"id": "s-1", "dimension": "d", "text": text}],  # type: ignore[list-item]
    )
    assert catalogue.dimension_of() == {"s-1": "d"}


def test_a_subset_keeps_catalogue_order_dimensions_in_use_and_the_whole_catalogues_numbers() -> None:
    whole = load_catalogues()["customer-centricity"]
    ids = [s.id for s in whole.statements]
    part = whole.subset([ids[10], ids[2], "no-such-statement"])
    assert [s.id for s in part.statements] == [ids[2], ids[10]]
    assert [d.id for d in part.dimensions] == [
        whole.statement(ids[2]).dimension,
        whole.statement(ids[10]).dimension,
    ]
    assert [part.number_of(s.id) for s in part.statements] == [3, 11]
    assert part.statement(ids[10]) == whole.statement(ids[10])
    assert whole.number_of(ids[10]) == 11 and len(whole.statements) == 24
