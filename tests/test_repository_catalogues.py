"""Storage of catalogue versions: a team's uploads numbered per id, unchanged uploads, limits, retiring and
coming back, snapshots of built-in catalogues, rounds that keep their version, and ``Services`` reading a
version once."""

from __future__ import annotations

import pytest

from bot import context
from bot.context import Services
from bot.domain.catalogue import Catalogue, Text
from bot.domain.rounds import new_round_token
from bot.domain.team_catalogues import SaveOutcome
from bot.storage import repository
from bot.storage.repository import Repository


def own(
    catalogues: dict[str, Catalogue], catalogue_id: str = "ours", english: str | None = None
) -> Catalogue:
    """The quick catalogue as a team's own (with its first statement reworded if ``english`` is given)."""
    catalogue = catalogues["quick"].model_copy(update={"id": catalogue_id})
    if english is None:
        return catalogue
    first = catalogue.statements[0].model_copy(update={"text": Text(de="Neu", en=english)})
    return catalogue.model_copy(update={"statements": [first, *catalogue.statements[1:]]})


async def test_uploads_are_numbered_per_team_and_id_and_an_unchanged_one_stores_nothing(
    repo: Repository, catalogues: dict[str, Catalogue]
) -> None:
    team = await repo.upsert_team(-100, "Team", 1.0)
    other = await repo.upsert_team(-200, "Other", 1.0)
    first = await repo.save_team_catalogue(team.id, own(catalogues), "toml", 10.0)
    assert first.outcome is SaveOutcome.NEW and first.previous is None
    assert first.version is not None and (first.version.number, first.version.version) == (1, "1")
    assert (first.version.catalogue_id, first.version.statements, first.version.source) == ("ours", 6, "toml")
    assert first.version.title == catalogues["quick"].title and first.version.languages == ("de", "en")
    same = await repo.save_team_catalogue(team.id, own(catalogues), "csv", 11.0)
    assert same.outcome is SaveOutcome.UNCHANGED and same.version == first.version
    second = await repo.save_team_catalogue(team.id, own(catalogues, english="New"), "csv", 12.0)
    assert second.outcome is SaveOutcome.NEW and second.previous == first.version
    assert second.version is not None and second.version.number == 2
    theirs = await repo.save_team_catalogue(other.id, own(catalogues), "toml", 13.0)
    assert theirs.version is not None and theirs.version.number == 1, "another team's ours is its own"
    assert [(v.catalogue_id, v.number) for v in await repo.team_catalogues(team.id)] == [("ours", 2)]
    assert [(v.catalogue_id, v.number) for v in await repo.team_catalogues(other.id)] == [("ours", 1)]
    body = repo.catalogue_body_now(second.version.row)
    assert body is not None and '"en":"New"' in body and '"version":"2"' in body


async def test_retiring_and_uploading_again(repo: Repository, catalogues: dict[str, Catalogue]) -> None:
    team = await repo.upsert_team(-100, "Team", 1.0)
    await repo.save_team_catalogue(team.id, own(catalogues), "toml", 10.0)
    assert await repo.retire_catalogue(team.id, "ours", 20.0)
    assert not await repo.retire_catalogue(team.id, "ours", 21.0)
    latest = await repo.team_catalogue(team.id, "ours")
    assert latest is not None and latest.retired and latest.retired_at == 20.0
    back = await repo.save_team_catalogue(team.id, own(catalogues), "toml", 30.0)
    assert back.outcome is SaveOutcome.NEW and back.version is not None
    assert (back.version.number, back.version.retired) == (2, False)


async def test_limits_of_catalogues_in_use_and_of_versions(
    repo: Repository, catalogues: dict[str, Catalogue], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(repository, "MAX_OWN_CATALOGUES", 2)
    monkeypatch.setattr(repository, "MAX_VERSIONS", 2)
    team = await repo.upsert_team(-100, "Team", 1.0)
    for name in ("one", "two"):
        assert (
            await repo.save_team_catalogue(team.id, own(catalogues, name), "toml", 1.0)
        ).outcome is SaveOutcome.NEW
    third = await repo.save_team_catalogue(team.id, own(catalogues, "three"), "toml", 2.0)
    assert third.outcome is SaveOutcome.TOO_MANY_CATALOGUES and third.version is None
    again = await repo.save_team_catalogue(team.id, own(catalogues, "one", english="v2"), "toml", 3.0)
    assert again.outcome is SaveOutcome.NEW, "a new version of one in use is no new catalogue"
    assert (
        await repo.save_team_catalogue(team.id, own(catalogues, "one", english="v3"), "toml", 4.0)
    ).outcome is (SaveOutcome.TOO_MANY_VERSIONS)
    await repo.retire_catalogue(team.id, "two", 5.0)
    assert (
        await repo.save_team_catalogue(team.id, own(catalogues, "three"), "toml", 6.0)
    ).outcome is SaveOutcome.NEW
    assert [v.catalogue_id for v in await repo.team_catalogues(team.id)] == ["one", "three", "two"]


async def test_a_built_in_catalogue_is_snapshotted_once_per_content(
    repo: Repository, catalogues: dict[str, Catalogue]
) -> None:
    quick = catalogues["quick"]
    first = await repo.builtin_snapshot(quick, 1.0)
    assert (first.team_id, first.number, first.version, first.source) == (None, 1, quick.version, "builtin")
    assert await repo.builtin_snapshot(quick, 2.0) == first
    edited = own(catalogues, "quick", english="Edited on the server")
    second = await repo.builtin_snapshot(edited, 3.0)
    assert second.row != first.row and second.number == 2
    team = await repo.upsert_team(-100, "Team", 1.0)
    assert await repo.team_catalogues(team.id) == [], "snapshots are nobody's own catalogue"


async def test_a_round_keeps_its_version_and_services_read_it_once(
    repo: Repository, catalogues: dict[str, Catalogue]
) -> None:
    team = await repo.upsert_team(-100, "Team", 1.0)
    saved = await repo.save_team_catalogue(team.id, own(catalogues), "toml", 1.0)
    assert saved.version is not None
    round_ = await repo.open_round(
        team_id=team.id,
        token=new_round_token(),
        catalogue_id="ours",
        catalogue_version=saved.version.version,
        anonymous=False,
        language="en",
        opened_by=1,
        opened_at=2.0,
        deadline_at=None,
        remind_at=None,
        statement_ids=("view-2", "system-1"),
        catalogue_version_id=saved.version.row,
    )
    assert round_.catalogue_version_id == saved.version.row
    await repo.save_team_catalogue(team.id, own(catalogues, english="Later words"), "toml", 3.0)
    services = Services(catalogues=catalogues, repo=repo)
    whole = services.whole_catalogue_of(round_)
    assert whole is not None and whole.id == "ours" and whole.version == "1"
    assert whole.statements[0].text == catalogues["quick"].statements[0].text, "the later version is not it"
    asked = services.catalogue_of(round_)
    assert asked is not None and [s.id for s in asked.statements] == ["view-2", "system-1"]
    assert services.catalogue_of(round_) is asked and services.whole_catalogue_of(round_) is whole
    assert services.stored_catalogue(999) is None


async def test_services_keep_a_bounded_number_of_versions(
    repo: Repository, catalogues: dict[str, Catalogue], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(context, "KEPT_CATALOGUES", 3)
    team = await repo.upsert_team(-100, "Team", 1.0)
    services = Services(catalogues=catalogues, repo=repo)
    rows = []
    for n in range(5):
        saved = await repo.save_team_catalogue(team.id, own(catalogues, english=f"v{n}"), "toml", float(n))
        assert saved.version is not None
        rows.append(saved.version.row)
        assert services.stored_catalogue(saved.version.row) is not None
    assert len(services._versions) == 3
    first = services.stored_catalogue(rows[0])
    assert first is not None and first.statements[0].text.en == "v0", "read again after it was let go"
