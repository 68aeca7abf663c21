"""The texts of the Customer Centricity Canvas: the one-page picture of the team's current state.

Plain text drawn by matplotlib (PNG and PDF): nothing is escaped or parsed. German follows the bot's Swiss
spelling (``ss``) and addresses nobody directly, since the canvas hangs on a wall as often as it sits in a
chat. No-break spaces (``\\u00a0``) keep "α = 0,812" on one line. Keys start with ``canvas.``; keys
ending in ``.one`` / ``.other`` are chosen by a count.
"""

TEXTS: dict[str, dict[str, str]] = {
    # --- header -------------------------------------------------------------------------------------------
    "canvas.eyebrow": {"de": "Customer Centricity Canvas", "en": "Customer Centricity Canvas"},
    "canvas.subtitle.one": {
        "de": "{date} · {count} Führungskraft",
        "en": "{date} · {count} manager",
    },
    "canvas.subtitle.other": {
        "de": "{date} · {count} Führungskräfte",
        "en": "{date} · {count} managers",
    },
    "canvas.index_caption": {
        "de": "Reifegrad-Index · mittlere Stufe {level} von 5",
        "en": "Maturity index · mean level {level} of 5",
    },
    "canvas.index_none": {"de": "Noch keine Stufe vergeben", "en": "No level given yet"},
    "canvas.alpha.good": {
        "de": "Die Urteile stimmen gut überein (α\u00a0=\u00a0{value})",
        "en": "Judgments agree well (α\u00a0=\u00a0{value})",
    },
    "canvas.alpha.tentative": {
        "de": "Die Urteile stimmen nur bedingt überein (α\u00a0=\u00a0{value})",
        "en": "Judgments agree only tentatively (α\u00a0=\u00a0{value})",
    },
    "canvas.alpha.low": {
        "de": "Die Urteile gehen weit auseinander (α\u00a0=\u00a0{value})",
        "en": "Judgments differ widely (α\u00a0=\u00a0{value})",
    },
    "canvas.footer": {
        "de": "Index: Stufe 1 = 0 %, Stufe 5 = 100 % · Nummern wie im Fragebogen",
        "en": "Index: level 1 = 0%, level 5 = 100% · numbers as in the questionnaire",
    },
    # --- sections -----------------------------------------------------------------------------------------
    "canvas.strengths.heading": {"de": "Stärken", "en": "Strengths"},
    "canvas.strengths.note": {
        "de": "Einig gesehen, Mittel ab {threshold}",
        "en": "Agreed on, mean {threshold} or higher",
    },
    "canvas.strengths.empty": {
        "de": "Keine Aussage, die das Team einig als Stärke sieht",
        "en": "No statement the team agrees is a strength",
    },
    "canvas.weaknesses.heading": {"de": "Schwächen", "en": "Weaknesses"},
    "canvas.weaknesses.note": {
        "de": "Einig gesehen, Mittel bis {threshold}",
        "en": "Agreed on, mean {threshold} or lower",
    },
    "canvas.weaknesses.empty": {
        "de": "Keine Aussage, die das Team einig als Schwäche sieht",
        "en": "No statement the team agrees is a weakness",
    },
    "canvas.disputed.heading": {"de": "Umstrittene Punkte", "en": "Disputed points"},
    "canvas.disputed.note": {
        "de": "Unterschiede in der Beurteilung: hier lohnt die Diskussion",
        "en": "Differences in judgment: worth discussing",
    },
    "canvas.disputed.empty": {
        "de": "Keine Unterschiede in der Beurteilung: Das Team ist sich einig",
        "en": "No differences in judgment: the team agrees",
    },
    "canvas.not_comparable": {
        "de": "Erst mit den Urteilen von mindestens zwei Führungskräften",
        "en": "Needs the judgments of at least two managers",
    },
    "canvas.priorities.heading": {"de": "Prioritäten", "en": "Priorities"},
    "canvas.priorities.note": {
        "de": "Was das Team zuerst angeht, nach Stimmen",
        "en": "What the team tackles first, by votes",
    },
    "canvas.priorities.empty": {
        "de": "Noch keine Prioritäten – {command}",
        "en": "No priorities yet – {command}",
    },
    "canvas.lighthouse.heading": {"de": "Leuchtturmprojekt", "en": "Lighthouse project"},
    "canvas.lighthouse.empty": {
        "de": "Noch kein Leuchtturmprojekt – {command}",
        "en": "No lighthouse project yet – {command}",
    },
    "canvas.lighthouse.goal": {"de": "Ziel", "en": "Goal"},
    "canvas.lighthouse.owner": {"de": "Verantwortlich", "en": "Owner"},
    "canvas.lighthouse.addresses": {"de": "Setzt an bei", "en": "Addresses"},
    "canvas.lighthouse.review": {"de": "Nächste Überprüfung", "en": "Next review"},
    "canvas.beliefs.heading": {"de": "Überzeugungen", "en": "Beliefs"},
    "canvas.beliefs.note": {
        "de": "Was das Gespräch über die Unterschiede zutage gefördert hat",
        "en": "What the discussion of the differences brought to light",
    },
    "canvas.beliefs.item": {"de": "«{text}»", "en": "“{text}”"},
    "canvas.beliefs.empty": {
        "de": "Noch keine Überzeugung festgehalten – {command}",
        "en": "No belief recorded yet – {command}",
    },
    "canvas.competences.heading": {"de": "Kompetenzen aufbauen", "en": "Competences to build"},
    "canvas.competences.note": {
        "de": "Die Dimensionen mit dem tiefsten Reifegrad",
        "en": "The dimensions with the lowest maturity",
    },
    "canvas.competences.empty": {
        "de": "Noch keine Dimension bewertet",
        "en": "No dimension rated yet",
    },
    # --- item values --------------------------------------------------------------------------------------
    "canvas.mean": {"de": "Ø {mean}", "en": "Ø {mean}"},
    "canvas.mean_index": {"de": "Ø {mean} · {index}", "en": "Ø {mean} · {index}"},
    "canvas.range": {"de": "Stufen {min}–{max}", "en": "levels {min}–{max}"},
    "canvas.votes.one": {"de": "{count} Stimme", "en": "{count} vote"},
    "canvas.votes.other": {"de": "{count} Stimmen", "en": "{count} votes"},
    "canvas.statements.one": {"de": "Aussage {numbers}", "en": "statement {numbers}"},
    "canvas.statements.other": {"de": "Aussagen {numbers}", "en": "statements {numbers}"},
    "canvas.more": {"de": "+ {count} weitere", "en": "+ {count} more"},
}
