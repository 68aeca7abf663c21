"""Reading an uploaded catalogue (TOML and CSV) safely, every problem with its place in either language, and
writing the template in both forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.catalogue import Catalogue, Level
from bot.domain.catalogue_io import (
    CSV_COLUMNS,
    MAX_NESTING,
    MAX_STATEMENTS,
    FileFormat,
    Upload,
    catalogue_csv,
    catalogue_toml,
    fill_single_language,
    read_upload,
    too_big,
)
from tests.helpers import TEAM_TOML, zipped

HEADER = "catalogue,catalogue_de,catalogue_en,dimension,dimension_de,dimension_en,id,text_de,text_en"
ROWS = [
    "ours,Unser Check,Our check,listen,Zuhören,Listening,calls,Wir rufen an.,We call.",
    ",,,listen,,,complaints,Beschwerden kommen an.,Complaints arrive.",
    ",,,act,Handeln,Acting,fixes,Wir beheben.,We fix.",
]


@pytest.fixture(scope="module")
def scale(catalogues: dict[str, Catalogue]) -> list[Level]:
    return catalogues["customer-centricity"].scale


def read(
    scale: list[Level], data: str | bytes, name: str = "ours.toml", reserved: tuple[str, ...] = ()
) -> Upload:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return read_upload(name, raw, scale, reserved)


def places(upload: Upload, lang: str = "en") -> list[tuple[str, str]]:
    return [p.describe(lang) for p in upload.problems]


def csv(*rows: str, header: str = HEADER, separator: str = ",") -> str:
    return "\r\n".join(line.replace(",", separator) for line in (header, *rows)) + "\r\n"


# ------------------------------------------------------------------------------------------------ TOML


def test_a_team_toml_is_read_with_its_texts(scale: list[Level]) -> None:
    upload = read(scale, TEAM_TOML)
    assert upload.problems == () and upload.format is FileFormat.TOML
    catalogue = upload.catalogue
    assert catalogue is not None and catalogue.id == "ours" and catalogue.version == "2026-spring"
    assert [s.id for s in catalogue.statements] == ["calls", "complaints", "fixes"]
    assert catalogue.level_text("calls", 5).en == "Every manager, every week"


def test_toml_problems_name_the_line_the_column_and_the_path(scale: list[Level]) -> None:
    broken = TEAM_TOML.replace('en = "Complaints reach the board."', 'en = ""').replace(
        'id = "fixes"', 'id = "Fixes"'
    )
    upload = read(scale, broken)
    assert upload.catalogue is None
    assert places(upload) == [
        ('line 51, column 1 (statements[2] (id "complaints").text.en)', "missing English translation"),
        (
            'line 54, column 1 (statements[3] (id "Fixes").id)',
            'bad id "Fixes": use only a-z, 0-9 and hyphens between them, like "lead-2"',
        ),
    ]
    assert places(upload, "de")[0] == (
        'Zeile 51, Spalte 1 (statements[2] (id "complaints").text.en)',
        "die englische Übersetzung fehlt",
    )


def test_a_missing_field_is_placed_at_its_block_and_dotted_keys_are_found(scale: list[Level]) -> None:
    broken = TEAM_TOML.replace('dimension = "act"\n', "").replace(
        'anchors.5 = { de = "Jede Führungskraft, jede Woche"', 'anchors.5 = { de = "' + "x" * 201 + '"'
    )
    upload = read(scale, broken)
    assert places(upload) == [
        ('line 53, column 1 (statements[3] (id "fixes").dimension)', "missing field"),
        ('line 37, column 1 (dimensions[2] (id "act"))', "no statement belongs to this dimension"),
        (
            'line 46, column 1 (statements[1] (id "calls").anchors.5.de)',
            "is 201 characters long; the limit is 200 (it shares one Telegram message of 4096 characters)",
        ),
    ]


def test_keys_inside_multi_line_strings_are_not_taken_for_keys(scale: list[Level]) -> None:
    text = TEAM_TOML.replace(
        'title = { de = "Unser Check", en = "Our check" }',
        "title.de = \"\"\"\nversion = 3\n[[statements]]\n\"\"\"\ntitle.en = '''\n[[statements]]\n'''",
    ).replace('version = "2026-spring"', "version = 7")
    upload = read(scale, text)
    (found,) = upload.problems
    assert found.describe("en") == (
        "line 3, column 1 (version)",
        "must be text in quotes, not a whole number",
    )


def test_a_toml_syntax_error_has_its_line_and_column(scale: list[Level]) -> None:
    upload = read(scale, 'id = "ours"\ntitle = {\n')
    assert places(upload) == [
        ("line 2, column 10", "TOML syntax error: Invalid initial character for a key part")
    ]
    assert places(upload, "de")[0][0] == "Zeile 2, Spalte 10"


def test_nesting_is_measured_before_parsing_and_brackets_in_strings_do_not_count(scale: list[Level]) -> None:
    deep = "x = " + "[" * (MAX_NESTING + 1) + "]" * (MAX_NESTING + 1) + "\n"
    assert places(read(scale, deep)) == [
        ("line 1, column 15", "is nested more than 10 levels deep; a catalogue needs far fewer")
    ]
    hostile = "x = " + "[" * 100_000 + "\n"
    assert "nested more than 10 levels" in places(read(scale, hostile))[0][1]
    harmless = TEAM_TOML.replace("# A team's own catalogue", "# [[[[[[[[[[[[ a comment " + "{" * 20).replace(
        '"Our check"', '"Our [[[[[[[[[[[[[[[[ check \\" {{{{{{{{{{{{"'
    )
    assert read(scale, harmless).problems == ()


def test_dotted_keys_nest_without_brackets_and_are_refused_too(scale: list[Level]) -> None:
    dotted = ".".join(["a"] * (MAX_NESTING + 2)) + " = 1\n"
    assert places(read(scale, dotted)) == [
        ("file", "is nested more than 10 levels deep; a catalogue needs far fewer")
    ]


def test_an_enormous_document_and_too_many_statements_or_dimensions_are_one_line(scale: list[Level]) -> None:
    many_values = "".join(f"k{i} = {i}\n" for i in range(5_001))
    assert places(read(scale, many_values)) == [
        ("file", "holds more than 5000 values; a catalogue needs far fewer")
    ]
    statements = "".join(
        f'[[statements]]\nid = "s-{n}"\ndimension = "a"\ntext.en = "x"\n' for n in range(MAX_STATEMENTS + 1)
    )
    assert places(read(scale, statements)) == [
        ("statements", "61 statements; a catalogue may have at most 60")
    ]
    dimensions = "".join(f'[[dimensions]]\nid = "d-{n}"\n' for n in range(13))
    assert places(read(scale, dimensions)) == [
        ("dimensions", "13 dimensions; a catalogue may have at most 12")
    ]


def test_a_toml_in_one_language_serves_both(scale: list[Level]) -> None:
    english = TEAM_TOML.replace('languages = ["de", "en"]', 'languages = ["en"]')
    for german in ('de = "Kaum", ', 'de = "Unser Check", ', 'de = "Wir rufen jede Woche Kunden an.", '):
        english = english.replace(german, "")
    catalogue = read(scale, english).catalogue
    assert catalogue is not None and catalogue.languages == ["en"]
    assert catalogue.title.de == "Our check" and catalogue.level(1).label.de == "Barely"
    assert catalogue.statement("calls").text.de == "We call customers every week."
    assert catalogue.statement("complaints").text.de == "Beschwerden erreichen die Geschäftsleitung."
    nothing = TEAM_TOML.replace('languages = ["de", "en"]', "languages = []")
    assert places(read(scale, nothing)) == [
        ("line 4, column 1 (languages)", 'names no language: "de", "en" or both')
    ]


def test_fill_single_language_leaves_two_language_catalogues_alone() -> None:
    both = {"languages": ["de", "en"], "title": {"en": "x"}}
    fill_single_language(both)
    assert both["title"] == {"en": "x"}
    one = {"languages": ["de"], "title": {"de": "x"}, "statements": [{"text": {"de": "y", "en": "z"}}]}
    fill_single_language(one)
    assert one["title"] == {"de": "x", "en": "x"} and one["statements"][0]["text"] == {"de": "y", "en": "z"}


def test_a_built_in_id_is_refused_with_a_suggestion(scale: list[Level]) -> None:
    upload = read(scale, TEAM_TOML.replace('id = "ours"', 'id = "quick"'), reserved=("quick",))
    assert upload.catalogue is None
    assert places(upload) == [
        (
            "line 2, column 1 (id)",
            "“quick” is the id of a built-in catalogue: give yours its own, such as “quick-team”",
        )
    ]


def test_a_version_is_optional_in_an_upload(scale: list[Level]) -> None:
    catalogue = read(scale, TEAM_TOML.replace('version = "2026-spring"\n', "")).catalogue
    assert catalogue is not None and catalogue.version == "1"


# ------------------------------------------------------------------------------------------------- CSV


@pytest.mark.parametrize("separator", [",", ";", "\t"])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_csv_as_excel_and_libreoffice_write_it(scale: list[Level], separator: str, bom: str) -> None:
    upload = read(scale, bom + csv(*ROWS, separator=separator), "ours.csv")
    assert upload.problems == () and upload.format is FileFormat.CSV
    catalogue = upload.catalogue
    assert catalogue is not None and catalogue.id == "ours" and catalogue.title.en == "Our check"
    assert [(d.id, d.title.de) for d in catalogue.dimensions] == [("listen", "Zuhören"), ("act", "Handeln")]
    assert catalogue.statement("complaints").text.en == "Complaints arrive."
    assert catalogue.scale == scale


def test_excels_separator_line_names_the_separator_and_is_no_row(scale: list[Level]) -> None:
    upload = read(scale, "sep=|\r\n" + csv(*ROWS, separator="|"), "ours.csv")
    assert upload.problems == () and upload.catalogue is not None
    broken = read(
        scale, "sep=|\r\n" + csv(ROWS[0].replace("We call.", ""), *ROWS[1:], separator="|"), "ours.csv"
    )
    assert places(broken) == [("row 2, column text_en", "missing English translation")]


def test_csv_headers_in_any_case_and_order_quoted_cells_empty_rows_and_trailing_separators(
    scale: list[Level],
) -> None:
    text = (
        " ID ;Text_EN;text_de;Dimension;dimension_en;dimension_de;catalogue;catalogue_en;catalogue_de;"
        "Anchor_5_EN;anchor_5_de;\r\n"
        'calls;"We call; every week.";"Wir rufen\r\nan.";listen;Listening;Zuhören;ours;Our check;Unser;'
        "All of us;Alle;\r\n"
        ";;;;;;;;;;;\r\n"
        "fixes;We fix.;Wir beheben.;act;Acting;Handeln;ours;;;;;\r\n"
    )
    catalogue = read(scale, text, "ours.csv").catalogue
    assert catalogue is not None
    assert catalogue.statement("calls").text.en == "We call; every week."
    assert catalogue.statement("calls").text.de == "Wir rufen\nan."
    assert catalogue.level_text("calls", 5).de == "Alle"
    assert len(catalogue.statements) == 2


def test_csv_problems_name_the_row_and_the_column(scale: list[Level]) -> None:
    rows = [
        ROWS[0].replace("We call.", ""),
        ROWS[1].replace("complaints", "Bad Id"),
        ROWS[2].replace(",act,", ",,"),
        "ours,,,act,Handeln,Acting,calls,Nochmals.,Again.",
    ]
    upload = read(scale, csv(*rows), "ours.csv")
    assert upload.catalogue is None
    assert places(upload) == [
        ("row 2, column text_en", "missing English translation"),
        ("row 3, column id", 'bad id "Bad Id": use only a-z, 0-9 and hyphens between them, like "lead-2"'),
        ("row 4, column dimension", "missing field"),
        ("row 5, column id", 'duplicate statement id "calls" (first at row 2)'),
    ]
    assert places(upload, "de")[3] == (
        "Zeile 5, Spalte id",
        "doppelte Aussagen-ID «calls» (zuerst bei Zeile 2)",
    )


def test_csv_values_given_once_must_agree_and_must_be_there(scale: list[Level]) -> None:
    differing = [
        ROWS[0],
        ROWS[1].replace(",,,listen,,,", ",,,listen,Hören,,"),
        ROWS[2].replace("act,Handeln", "act,"),
    ]
    upload = read(scale, csv(*differing), "ours.csv")
    assert places(upload) == [
        (
            "row 3, column dimension_de",
            "“Hören” differs from “Zuhören” in row 2; one value holds for every row",
        ),
    ]
    no_title = [
        ROWS[0].replace("ours,Unser Check,Our check", "ours,,"),
        ROWS[1],
        ROWS[2].replace("Handeln,Acting", ","),
    ]
    assert places(read(scale, csv(*no_title), "ours.csv")) == [
        ("row 2, column catalogue_de", "missing field"),
        ("row 4, column dimension_de", "missing field"),
    ]
    no_id = [ROWS[0].replace("ours,", ",", 1), ROWS[1], ROWS[2]]
    assert places(read(scale, csv(*no_id), "ours.csv")) == [("row 2, column catalogue", "missing field")]


def test_csv_header_problems(scale: list[Level]) -> None:
    assert places(read(scale, csv(*ROWS, header=HEADER + ",hnit_en,text_en"), "ours.csv")) == [
        (
            "row 1, column hnit_en",
            "unknown column “hnit_en” (known: catalogue, catalogue_de, catalogue_en, dimension, "
            "dimension_de, dimension_en, id, text_de, text_en, hint_de, hint_en, anchor_1_de … anchor_5_en)",
        ),
        ("row 1, column text_en", "the column “text_en” is given twice"),
    ]
    no_id = HEADER.replace(",id,", ",name,")
    assert places(read(scale, csv(*ROWS, header=no_id), "ours.csv"))[-1] == (
        "row 1, column id",
        "the column “id” is missing",
    )
    no_text = "catalogue,dimension,id\r\nours,a,b\r\n"
    assert places(read(scale, no_text, "ours.csv")) == [
        ("row 1", "no column with the statements: text_de, text_en or both")
    ]
    assert places(read(scale, "\r\n\r\nx\r\n", "ours.csv"))[0] == (
        "row 1",
        "no header row: the first row names the columns (catalogue, dimension, id, text_de, text_en …)",
    )
    extra = csv(ROWS[0] + ",surplus", *ROWS[1:])
    assert places(read(scale, extra, "ours.csv")) == [
        ("row 2", "has more cells than the header row has columns")
    ]


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_refused(
    scale: list[Level], start: str
) -> None:
    rows = [ROWS[0], ROWS[1].replace("Complaints arrive.", f"{start}cmd|' /C calc'!A0"), ROWS[2]]
    assert places(read(scale, csv(*rows), "ours.csv")) == [
        (
            "row 3, column text_en",
            f"begins with “{start}”: a spreadsheet would run it as a formula; "
            "cells may not begin with =, +, - or @",
        )
    ]


def test_csv_in_one_language(scale: list[Level]) -> None:
    header = "catalogue,catalogue_de,dimension,dimension_de,id,text_de,text_en"
    rows = ["ours,Unser Check,a,Alpha,s-1,Aussage eins,", ",,a,,s-2,Aussage zwei,"]
    catalogue = read(scale, csv(*rows, header=header), "ours.csv").catalogue
    assert catalogue is not None and catalogue.languages == ["de"]
    assert catalogue.statement("s-2").text.en == "Aussage zwei"


def test_a_csv_quote_error_is_placed_at_its_row(scale: list[Level]) -> None:
    text = csv(ROWS[0], 'x,,,listen,,,b,"open quote,never closed')
    upload = read(scale, text, "ours.csv")
    assert len(upload.problems) == 1 and upload.problems[0].describe("en")[0] == "row 3"
    assert upload.problems[0].describe("en")[1] == (
        "CSV error: a quoted cell is not closed before the end of the file"
    )
    assert upload.problems[0].describe("de") == (
        "Zeile 3",
        "CSV-Fehler: eine Zelle in Anführungszeichen wird bis zum Ende der Datei nicht geschlossen",
    )


def test_a_stray_character_after_a_quote_and_an_enormous_cell_are_said_in_both_languages(
    scale: list[Level],
) -> None:
    stray = read(scale, csv(ROWS[0], 'x,,,listen,,,b,"quoted"x,y'), "ours.csv")
    assert [p.describe("de") for p in stray.problems] == [
        (
            "Zeile 3",
            "CSV-Fehler: nach dem schliessenden Anführungszeichen einer Zelle muss das Trennzeichen "
            "«,» folgen",
        )
    ]
    assert stray.problems[0].describe("en")[1] == (
        "CSV error: a cell's closing quote must be followed by the separator ','"
    )
    tabbed = read(scale, HEADER.replace(",", "\t") + '\nours\t\t\tlisten\t\t\tb\t"quoted"x\ty\n', "o.csv")
    assert tabbed.problems[0].describe("en")[1] == (
        "CSV error: a cell's closing quote must be followed by the separator 'Tab'"
    )
    enormous = read(scale, csv(ROWS[0], "x,,,listen,,,b," + "w" * 140_000), "ours.csv")
    assert [p.describe("en") for p in enormous.problems] == [
        ("row 3", "CSV error: a cell is longer than 131072 characters")
    ]


def test_csv_with_too_many_statements_is_one_line(scale: list[Level]) -> None:
    rows = [f"ours,U,O,a,A,A,s-{n},T,T" for n in range(MAX_STATEMENTS + 1)]
    assert places(read(scale, csv(*rows), "ours.csv")) == [
        ("file", "61 statements; a catalogue may have at most 60")
    ]


# ------------------------------------------------------------------------------------- what the bytes are


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.toml", b"x" * (256 * 1024 + 1), "is 257 KB; a catalogue may have at most 256 KB"),
        ("a.toml", b" \r\n\t", "is empty"),
        (
            "a.csv",
            zipped({"a.csv": b"x"}),
            "is an archive (zip): send the catalogue file itself, as .toml or .csv",
        ),
        ("a.xlsx", zipped({"[Content_Types].xml": b"", "xl/workbook.xml": b""}), "is a spreadsheet workbook"),
        (
            "a.ods",
            zipped({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
            "spreadsheet workbook",
        ),
        ("a.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "is a spreadsheet workbook"),
        ("a.gz", b"\x1f\x8b\x08" + b"\0" * 20, "is an archive (gzip)"),
        ("a.7z", b"7z\xbc\xaf\x27\x1c" + b"\0" * 20, "is an archive (7z)"),
        ("a.tar", b"a" * 257 + b"ustar" + b"\0" * 100, "is an archive (tar)"),
        ("a.csv", "id,text_en\r\nx,y\r\n".encode("utf-16"), "is UTF-16 text"),
        ("a.csv", "id,text_en\r\nx,y\r\n".encode("utf-16-le"), "is UTF-16 text"),
        ("a.csv", b"id,text\x00en\r\n", "is not a text file"),
        ("a.toml", b"id = \x1b[31m", "is not a text file"),
        ("a.pdf", b"%PDF-1.4", "“a.pdf” is neither .toml nor .csv"),
    ],
)
def test_files_that_are_no_catalogue_are_refused_in_one_line(name: str, data: bytes, message: str) -> None:
    upload = read_upload(name, data, [])
    assert upload.catalogue is None and len(upload.problems) == 1
    assert message in upload.problems[0].describe("en")[1]
    assert upload.problems[0].describe("de")[1] != upload.problems[0].describe("en")[1]


def test_wrong_encodings_are_placed_at_their_byte() -> None:
    latin = 'id = "ours"\ntitle.de = "Grüezi"\n'.encode("latin-1")
    assert places(read_upload("a.toml", latin, [])) == [
        ("line 2, column 15", "is not UTF-8 text (byte 26): save the file as “CSV UTF-8” (or in UTF-8)")
    ]
    assert places(read_upload("a.csv", b"id\r\n\xfc\r\n", [])) == [
        ("row 2", "is not UTF-8 text (byte 4): save the file as “CSV UTF-8” (or in UTF-8)")
    ]


def test_a_file_too_big_is_refused_before_it_is_fetched() -> None:
    assert too_big("a.csv", 256 * 1024) is None
    refused = too_big("a.csv", 3 * 1024 * 1024)
    assert refused is not None and places(refused) == [
        ("file", "is 3072 KB; a catalogue may have at most 256 KB")
    ]


def test_the_format_of_a_file_without_a_known_name_is_told_by_its_look(scale: list[Level]) -> None:
    assert read(scale, TEAM_TOML, "catalogue").format is FileFormat.TOML
    assert read(scale, "# notes\n" + TEAM_TOML, "catalogue.txt").format is FileFormat.TOML
    assert read(scale, csv(*ROWS), "catalogue.txt").format is FileFormat.CSV
    assert read(scale, csv(*ROWS), "").catalogue is not None


# --------------------------------------------------------------------------------------------- templates


def test_the_toml_template_reads_back_as_the_same_catalogue(catalogues: dict[str, Catalogue]) -> None:
    for catalogue in catalogues.values():
        own = catalogue.model_copy(update={"id": f"{catalogue.id}-own"})
        text = catalogue_toml(own, ["Edit me.", "", "Then send it back."])
        assert text.startswith("# Edit me.\n#\n# Then send it back.\n\nid = ")
        upload = read_upload("t.toml", text.encode(), own.scale)
        assert upload.problems == () and upload.catalogue == own


def test_the_csv_template_reads_back_with_the_default_scale_and_titles_for_descriptions(
    catalogues: dict[str, Catalogue],
) -> None:
    catalogue = catalogues["customer-centricity"]
    own = catalogue.model_copy(update={"id": "own"})
    for separator in (",", ";"):
        data = catalogue_csv(own, separator)
        assert data.startswith("\ufeffcatalogue".encode()) and b"\r\n" in data
        header = data.decode("utf-8-sig").split("\r\n", 1)[0].split(separator)
        assert header == list(CSV_COLUMNS)
        upload = read_upload("t.csv", data, catalogue.scale)
        assert upload.problems == ()
        read_back = upload.catalogue
        assert read_back is not None
        assert read_back.statements == own.statements and read_back.title == own.title
        assert [(d.id, d.title, d.description) for d in read_back.dimensions] == [
            (d.id, d.title, d.title) for d in own.dimensions
        ]


def test_a_csv_template_escapes_what_would_run_as_a_formula(catalogues: dict[str, Catalogue]) -> None:
    catalogue = catalogues["quick"]
    first = catalogue.statements[0]
    tricky = first.model_copy(update={"text": first.text.model_copy(update={"en": "=1+1"})})
    own = catalogue.model_copy(update={"statements": [tricky, *catalogue.statements[1:]]})
    assert ",'=1+1," in catalogue_csv(own).decode("utf-8-sig")


def test_the_readme_examples_read_as_documented(scale: list[Level]) -> None:
    """The CSV example is a whole catalogue; the TOML example shows one level of the scale of five."""
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    csv_example = readme.split("```csv\n", 1)[1].split("```", 1)[0]
    catalogue = read(scale, csv_example, "sales-check.csv").catalogue
    assert catalogue is not None and [s.id for s in catalogue.statements] == ["calls", "complaints", "fixes"]
    toml_example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    upload = read(scale, toml_example)
    assert [p.message for p in upload.problems] == ["missing: the scale needs exactly the levels 1 to 5"] * 4


@pytest.mark.parametrize(
    ("document", "german"),
    [
        ('id = "ours"\ntitle = {\n', "ein Schlüssel beginnt mit einem ungültigen Zeichen"),
        ('id = "ours"\ntitle = {de = "a"\n', "eine Inline-Tabelle in geschweiften Klammern wird nicht"),
        ('id = "ours"\n[[statements]\n', "am Ende der Block-Überschrift fehlt «]]»"),
        ('id = "ours"\nid = "again"\n', "ein schon gesetzter Wert wird überschrieben"),
        ('id = "our\\s"\n', "ein «\\» im Text ist nicht maskiert"),
        ('id = "ours" x\n', "nach einem Eintrag muss die Zeile enden"),
        ("id = 'ours\n", 'erwartet: "\'"'),
        ('id = "ours\n', "unzulässiges Zeichen '\\n'"),
    ],
)
def test_toml_syntax_errors_are_said_in_the_groups_language(
    document: str, german: str, scale: list[Level]
) -> None:
    """tomllib writes English; a German group reads German, and the English stays tomllib's own words."""
    upload = read(scale, document)
    ((place, message),) = places(upload, "de")
    assert message.startswith(f"TOML-Syntaxfehler: {german}"), message
    assert place.startswith(("Zeile", "Ende der Datei")), place
    ((_, english),) = places(upload)
    assert english.startswith("TOML syntax error: ") and "Syntaxfehler" not in english
