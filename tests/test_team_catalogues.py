"""A team's catalogue versions as the domain sees them: stored and read back exactly, the digest that tells
an unchanged upload, and what changed from one version to another."""

from __future__ import annotations

from bot.domain.catalogue import Catalogue, Text
from bot.domain.team_catalogues import VersionChanges, digest, serialise, stored, version_changes


def reworded(catalogue: Catalogue, statement_id: str, english: str) -> Catalogue:
    statements = [
        s.model_copy(update={"text": Text(de=s.text.de, en=english)}) if s.id == statement_id else s
        for s in catalogue.statements
    ]
    return catalogue.model_copy(update={"statements": statements})


def test_a_stored_version_reads_back_as_the_same_catalogue_with_its_number(
    catalogues: dict[str, Catalogue],
) -> None:
    catalogue = catalogues["customer-centricity"]
    back = stored(serialise(catalogue, "3"))
    assert back == catalogue.model_copy(update={"version": "3"})
    assert back.number_of(catalogue.statements[10].id) == 11 and back.level_text("cust-1", 1) is not None
    single = catalogue.model_copy(update={"languages": ["en"]})
    assert stored(serialise(single)).languages == ["en"], "a single-language catalogue stays readable"


def test_the_digest_ignores_the_version_and_nothing_else(catalogues: dict[str, Catalogue]) -> None:
    catalogue = catalogues["quick"]
    assert digest(catalogue) == digest(catalogue.model_copy(update={"version": "9"}))
    assert digest(catalogue) != digest(reworded(catalogue, "view-1", "Other words."))
    assert digest(catalogue) != digest(catalogue.model_copy(update={"id": "quick-own"}))


def test_version_changes_name_added_removed_reworded_and_moved_statements(
    catalogues: dict[str, Catalogue],
) -> None:
    before = catalogues["quick"]
    ids = [s.id for s in before.statements]
    after = reworded(before, ids[1], "Reworded.")
    moved = after.statements[2].model_copy(update={"dimension": before.statements[0].dimension})
    added = before.statements[0].model_copy(update={"id": "new-1"})
    after = after.model_copy(
        update={"statements": [*after.statements[1:2], moved, *after.statements[3:], added]}
    )
    changes = version_changes(before, after)
    assert changes == VersionChanges(added=("new-1",), removed=(ids[0],), reworded=(ids[1],), moved=(ids[2],))
    assert changes and not version_changes(before, before)
