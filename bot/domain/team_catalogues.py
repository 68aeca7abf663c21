"""A team's own catalogues: the versions the database keeps, and what changed from one version to another.

A round keeps the exact catalogue it was opened with, stored in the database, so its questions, results,
canvas, history and export never change afterwards: a team's upload is stored as a new version (numbered
1, 2, 3 … per team and catalogue id), and a built-in catalogue as a snapshot the first time a round uses
that content (``builtin``), so that editing a file in ``questions/`` does not rewrite old rounds either.
Rounds from before the versions were stored have none and use the built-in files.

A version is stored as the validated catalogue in JSON (``serialise``), with the version number in place
of the file's own ``version``; reading it back (``stored``) validates it again, which is cheap and
catches a hand-edited database. ``digest`` tells an unchanged upload from a new version.

``/history`` compares rounds of different versions statement by statement by id (``history.compare``),
and ``version_changes`` names what changed between the two versions.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum

from bot.domain.catalogue import SINGLE_LANGUAGE, Catalogue, Text

#: Catalogues of its own a team may have in use at once (retired ones do not count).
MAX_OWN_CATALOGUES = 20
#: Versions kept of one catalogue id of a team.
MAX_VERSIONS = 100


@dataclass(frozen=True)
class CatalogueVersion:
    """One stored version of a catalogue: a team's upload, or a snapshot of a built-in one (``team_id``
    None) that a round used."""

    #: the version's row in the database; a round refers to it
    row: int
    team_id: int | None
    catalogue_id: str
    #: 1, 2, 3 … per team and catalogue id (per distinct content of a built-in one)
    number: int
    #: what the round shows as its catalogue's version: the number for a team's own, else the file's
    version: str
    title: Text
    #: the languages its texts were written in (one: shown in that language to everyone)
    languages: tuple[str, ...]
    statements: int
    #: "toml" or "csv" for an upload, "builtin" for a snapshot
    source: str
    created_at: float
    retired_at: float | None = None

    @property
    def own(self) -> bool:
        return self.team_id is not None

    @property
    def retired(self) -> bool:
        return self.retired_at is not None

    @property
    def single_language(self) -> str | None:
        """The one language of a single-language catalogue, else None."""
        return self.languages[0] if len(self.languages) == 1 else None


class SaveOutcome(StrEnum):
    """What storing an upload did."""

    #: stored as the next version
    NEW = "new"
    #: the same content as the version in use: nothing stored
    UNCHANGED = "unchanged"
    #: the team has ``MAX_OWN_CATALOGUES`` in use already: nothing stored
    TOO_MANY_CATALOGUES = "too_many_catalogues"
    #: the catalogue has ``MAX_VERSIONS`` already: nothing stored
    TOO_MANY_VERSIONS = "too_many_versions"


def serialise(catalogue: Catalogue, version: str | None = None) -> str:
    """The catalogue as the database keeps it (JSON), with ``version`` in place of its own if given."""
    if version is not None:
        catalogue = catalogue.model_copy(update={"version": version})
    return catalogue.model_dump_json()


def stored(body: str) -> Catalogue:
    """A catalogue as ``serialise`` wrote it (a single-language one included)."""
    return Catalogue.model_validate_json(body, context={SINGLE_LANGUAGE: True})


def digest(catalogue: Catalogue) -> str:
    """The content of a catalogue, its version left out: equal for an upload that changes nothing."""
    return hashlib.sha256(serialise(catalogue, "").encode()).hexdigest()


@dataclass(frozen=True)
class VersionChanges:
    """What changed from one version of a catalogue to another, statement by statement by id."""

    #: in the later version only, in its order
    added: tuple[str, ...]
    #: in the earlier version only, in its order
    removed: tuple[str, ...]
    #: in both, with a different text (in any language)
    reworded: tuple[str, ...]
    #: in both, in another dimension
    moved: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.reworded or self.moved)


def version_changes(before: Catalogue, after: Catalogue) -> VersionChanges:
    """Statements added, removed, reworded and moved to another dimension between two versions."""
    old = {s.id: s for s in before.statements}
    new = {s.id: s for s in after.statements}
    both = [s.id for s in after.statements if s.id in old]
    return VersionChanges(
        added=tuple(s.id for s in after.statements if s.id not in old),
        removed=tuple(s.id for s in before.statements if s.id not in new),
        reworded=tuple(sid for sid in both if old[sid].text != new[sid].text),
        moved=tuple(sid for sid in both if old[sid].dimension != new[sid].dimension),
    )
