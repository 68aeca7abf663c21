"""Realistic simulated managers for the demo and the benchmark.

A team shares a view of its company (a true level per statement), each manager sees it with their own
bias and noise, a few statements split the team (two camps), some are outside a manager's view ("can't
judge"), and some managers comment. Seeded, so every run of the demo tells the same story.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from bot.domain.catalogue import Catalogue

FIRST_NAMES = (
    "Anna",
    "Jürgen",
    "Zoë",
    "Marco",
    "Beatrice",
    "Lukas",
    "Sandra",
    "Thomas",
    "Céline",
    "Reto",
    "Nadia",
    "Stefan",
    "Ursula",
    "Daniel",
    "Mireille",
)
LAST_NAMES = (
    "Müller",
    "Weiss",
    "Favre",
    "Bernasconi",
    "Keller",
    "Brunner",
    "Schmid",
    "Huber",
    "Rochat",
    "Gerber",
    "Meier",
    "Baumann",
    "Frei",
    "Steiner",
    "Zürcher",
)

COMMENTS = {
    "de": (
        "Im Vertrieb erlebe ich das anders: Rückmeldungen landen bei uns, aber niemand wertet sie aus.",
        "Auf dem Papier ja, im Alltag eher nicht.",
        "Das hängt stark vom Bereich ab – im Backoffice kaum.",
        "Die NPS-Zahlen sehen wir quartalsweise, aber es folgen keine Massnahmen.",
        "Hier bin ich unsicher, das sollten wir in der Sitzung klären.",
        "Seit dem Pilotprojekt im Segment KMU deutlich besser.",
    ),
    "en": (
        "Sales sees this differently: customer feedback reaches us, but nobody analyses it.",
        "On paper yes, in daily work not really.",
        "It depends a lot on the unit – hardly in the back office.",
        "We see the NPS figures every quarter, but no actions follow.",
        "I am unsure here; we should clarify this in the meeting.",
        "Clearly better since the pilot project in the SME segment.",
    ),
}


@dataclass(frozen=True)
class SimulatedManager:
    first_name: str
    last_name: str
    language: str
    #: statement id -> level (None = can't judge)
    ratings: dict[str, int | None]
    #: statement id -> comment, sent right after answering that statement
    comments: dict[str, str]


def simulate_team(
    catalogue: Catalogue, managers: int, seed: int = 7, language: str = "de"
) -> list[SimulatedManager]:
    """``managers`` managers with varied, plausible judgments of the catalogue's statements."""
    rnd = random.Random(seed)
    ids = [s.id for s in catalogue.statements]
    truth = {sid: rnd.choice((2, 2, 3, 3, 3, 4)) for sid in ids}
    split = set(rnd.sample(ids, k=max(1, len(ids) // 6)))
    team: list[SimulatedManager] = []
    for index in range(managers):
        bias = rnd.choice((0, 0, 0, 1, -1)) if index else 1  # the first (the CEO) sees things rosier
        camp = rnd.choice((-1, 1))
        blind = set(rnd.sample(ids, k=rnd.choice((0, 1, 1, 2))))
        ratings: dict[str, int | None] = {}
        for sid in ids:
            if sid in blind:
                ratings[sid] = None
                continue
            level = truth[sid] + bias + rnd.choice((-1, 0, 0, 0, 1))
            if sid in split:
                level = truth[sid] + 2 * camp
            ratings[sid] = min(5, max(1, level))
        comments: dict[str, str] = {}
        if rnd.random() < 0.6:
            sid = rnd.choice(sorted(split)) if rnd.random() < 0.7 else rnd.choice(ids)
            comments[sid] = rnd.choice(COMMENTS[language])
        team.append(
            SimulatedManager(
                first_name=FIRST_NAMES[index % len(FIRST_NAMES)],
                last_name=LAST_NAMES[(index * 7) % len(LAST_NAMES)],
                language=language,
                ratings=ratings,
                comments=comments,
            )
        )
    return team
