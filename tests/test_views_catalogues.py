"""A team's catalogues as the group sees them: the problems of a refused upload (escaped, clipped, capped,
in either language), what a stored upload says, /catalogues with its buttons, the template's files, and
what /history says when the catalogue changed between two rounds."""

from __future__ import annotations

from bot import callbacks
from bot.domain.catalogue import Catalogue, Place, Text, problem
from bot.domain.catalogue_io import read_upload
from bot.domain.team_catalogues import CatalogueVersion, VersionChanges
from bot.views.catalogues import (
    QUOTED_CHARS,
    SHOWN_PROBLEMS,
    StoredInput,
    catalogues_view,
    refusal_messages,
    stored_messages,
    template_files,
)
from bot.views.html import TELEGRAM_MESSAGE_LIMIT, count_visible, visible_text
from bot.views.reports import versions_text

TZ = "Europe/Zurich"
DAY = 1_795_000_000.0


def version(catalogue_id: str = "ours", number: int = 2, **changes: object) -> CatalogueVersion:
    fields: dict[str, object] = {
        "row": 7,
        "team_id": 1,
        "catalogue_id": catalogue_id,
        "number": number,
        "version": str(number),
        "title": Text(de="Unser Check", en="Our check"),
        "languages": ("de", "en"),
        "statements": 3,
        "source": "toml",
        "created_at": DAY,
        **changes,
    }
    return CatalogueVersion(**fields)  # type: ignore[arg-type]


def test_a_refusal_lists_each_problem_escaped_and_clipped_and_counts_the_rest() -> None:
    hostile = "<b>" + "k" * 500
    problems = [
        problem("ours.toml", Place(path=f'statements[{n}] (id "{hostile}")'), "unknown_field", field=hostile)
        for n in range(SHOWN_PROBLEMS + 5)
    ]
    (message,) = refusal_messages("<ours>.toml", problems, "en")
    text = visible_text(message)
    lines = text.splitlines()
    assert lines[0] == f"❌ <ours>.toml: nothing stored. {SHOWN_PROBLEMS + 5} problems to fix:"
    assert (
        len(lines) == 1 + SHOWN_PROBLEMS + 1
        and lines[-1] == "… and 5 more: once these are fixed, the next upload shows the rest."
    )
    assert "&lt;b&gt;" in message and "<b>k" not in message, "values are escaped"
    assert all(len(line) < 2 * QUOTED_CHARS + 40 for line in lines), "a hostile key cannot make a line huge"
    assert count_visible(message) <= TELEGRAM_MESSAGE_LIMIT


def test_a_refusal_in_german_and_warnings_are_not_counted_as_problems(
    catalogues: dict[str, Catalogue],
) -> None:
    scale = catalogues["quick"].scale
    upload = read_upload("x.csv", b"catalogue,dimension,id,text_de\r\nours,a,Bad Id,Text\r\n", scale)
    (message,) = refusal_messages(upload.name, upload.problems, "de")
    assert visible_text(message).splitlines() == [
        "❌ x.csv: nichts gespeichert. 3 Probleme, die Sie beheben müssen:",
        "• Zeile 2, Spalte catalogue_de: Feld fehlt",
        "• Zeile 2, Spalte dimension_de: Feld fehlt",
        "• Zeile 2, Spalte id: ungültige ID «Bad Id»: nur a-z, 0-9 und Bindestriche dazwischen, wie «lead-2»",
    ]
    warning = problem("x.toml", Place(path="dimensions[2]"), "unused_dimension", "warning")
    error = problem("x.toml", Place(whole="file"), "empty_file")
    (message,) = refusal_messages("x.toml", [warning, error], "en")
    assert visible_text(message).splitlines() == [
        "❌ x.toml: nothing stored. One problem to fix:",
        "• file: is empty",
    ]


def test_a_stored_upload_says_what_it_is_what_changed_and_what_the_open_round_keeps(
    catalogues: dict[str, Catalogue],
) -> None:
    catalogue = catalogues["quick"].model_copy(update={"id": "ours"})
    warning = problem("ours.toml", Place(path='dimensions[2] (id "people")'), "unused_dimension", "warning")
    source = StoredInput(
        catalogue=catalogue,
        version=version(languages=("en",)),
        previous=version(number=1),
        changes=VersionChanges(added=("a",), removed=(), reworded=("b", "c"), moved=()),
        open_round_version="1",
        warnings=(warning,),
    )
    (message,) = stored_messages(source, "en")
    assert visible_text(message).splitlines() == [
        "✅ Catalogue Customer centricity quick check (ours) stored as version 2: 6 statements in 3 "
        "dimensions. /newround ours opens a round with it.",
        "Compared with version 1: 1 added, 2 reworded.",
        "🌐 This catalogue is in English only: everyone sees it in English, whatever their app's language.",
        "The open round keeps version 1; the next round uses version 2.",
        "",
        "Worth a look:",
        '• dimensions[2] (id "people"): no statement belongs to this dimension',
    ]
    first = StoredInput(catalogue, version(number=1), None, None, None, ())
    (message,) = stored_messages(first, "de")
    assert visible_text(message).startswith("✅ Katalog Kurzcheck Kundenorientierung (ours) als Version 1")
    assert "Gegenüber" not in message and "offene Runde" not in message


def test_the_list_shows_built_in_and_own_catalogues_with_a_retire_button_for_each_in_use(
    catalogues: dict[str, Catalogue],
) -> None:
    own = [
        version("ours", 2, row=11),
        version("old", 1, row=12, retired_at=DAY + 5),
        version("solo", 1, row=13, languages=("de",)),
    ]
    view = catalogues_view([catalogues["quick"]], own, "de", TZ)
    text = visible_text(view.text)
    assert "• quick – Kurzcheck Kundenorientierung · 6 Aussagen · Version 1.0" in text
    assert "• ours – Unser Check · 3 Aussagen · Version 2 vom 18.11.2026" in text
    assert "• solo – Unser Check · 3 Aussagen · Version 1 vom 18.11.2026 · nur Deutsch" in text
    assert (
        "Stillgelegt (Runden damit behalten ihn; erneut hochladen macht ihn wieder verwendbar): old" in text
    )
    assert view.keyboard is not None
    buttons = [button for row in view.keyboard.inline_keyboard for button in row]
    assert [b.text for b in buttons] == ["🗄 ours stilllegen", "🗄 solo stilllegen"]
    assert [callbacks.decode(b.callback_data) for b in buttons] == [
        callbacks.RetireCatalogue(11),
        callbacks.RetireCatalogue(13),
    ]
    empty = catalogues_view([catalogues["quick"]], [], "en", TZ)
    assert empty.keyboard is None and "None of its own yet" in empty.text


def test_the_template_files_in_the_groups_language(catalogues: dict[str, Catalogue]) -> None:
    catalogue = catalogues["quick"].model_copy(update={"id": "team-check"})
    german, english = template_files(catalogue, "de"), template_files(catalogue, "en")
    assert german.toml.decode().startswith("# Ein eigener Fragenkatalog für maturity-bot.")
    assert english.toml.decode().startswith("# The team's own question catalogue for maturity-bot.")
    assert german.csv.decode("utf-8-sig").startswith("catalogue;catalogue_de;")
    assert english.csv.decode("utf-8-sig").startswith("catalogue,catalogue_de,")


def test_history_names_what_changed_between_versions(catalogues: dict[str, Catalogue]) -> None:
    before = catalogues["quick"]
    ids = [s.id for s in before.statements]
    second = before.statements[1].model_copy(update={"text": Text(de="Neu", en="New words")})
    added = before.statements[0].model_copy(update={"id": "new-1", "text": Text(de="Dazu", en="Added one")})
    after = Catalogue.model_validate(
        {**before.model_dump(), "statements": [second, *before.statements[2:], added]}
    )
    text = visible_text(versions_text(before, after, ("1", "2"), "en"))
    assert text.strip().splitlines() == [
        "📝 The catalogue changed (version 1 → 2); the rounds are compared statement by statement by id.",
        "Added:",
        "• 6 · Added one",
        "Removed (numbers of version 1):",
        f"• 1 · {before.statement(ids[0]).text.en}",
        "Reworded:",
        "• 1 · New words",
    ]
    assert versions_text(before, before, ("1", "2"), "en") == ""
