"""/privacy and /deletemydata: what is stored, why, for how long, and deleting it. German addresses
managers with "Sie".

Texts may contain Telegram HTML (<b>, <i>); values are escaped by ``bot.views.html.th``.
"""

TEXTS: dict[str, dict[str, str]] = {
    "cmd.privacy": {"de": "Welche Daten gespeichert werden", "en": "What data is stored"},
    "cmd.privacy.help": {
        "de": "was der Bot speichert, wozu und wie lange",
        "en": "what the bot stores, why, and for how long",
    },
    "cmd.deletemydata": {"de": "Meine Daten löschen", "en": "Delete my data"},
    "cmd.deletemydata.help": {
        "de": "löscht nach einer Rückfrage Ihre Antworten in offenen Runden und Ihren Namen aus geschlossenen",
        "en": "after confirmation, deletes your answers in open rounds and your name from closed ones",
    },
    # --- privacy ----------------------------------------------------------------------------------------
    "privacy.text": {
        "de": "<b>Datenschutz</b>\n"
        "<b>Was:</b> Ihre Telegram-ID, Ihr Name und Ihre Sprache; in jeder Runde Ihre Bewertungen und "
        "Kommentare; Ihre Begründungen, wenn der Bot Sie nach dem Warum fragt; Ihre Stimmen in der "
        "Prioritäten-Umfrage (nicht in anonymen); Überzeugungen, die Sie festhalten; ein Leuchtturmprojekt, das "
        "Sie verantworten, mit Ihrem Stand; für Gruppen ID, Titel, Sprache und die Fragenkataloge, die sie "
        "hochladen (ohne, wer sie hochlud).\n"
        "<b>Wozu:</b> nur für den Maturity Check Ihres Teams: um Ihre Antworten zu speichern, bis die Runde "
        "schliesst, und die Ergebnisse der Gruppe zu zeigen. Nichts wird weitergegeben.\n"
        "<b>Wer sieht was:</b> Bis zum Schluss der Runde sieht niemand Ihre Antworten. Danach sieht die Gruppe "
        "Ihre Bewertungen, Kommentare und Begründungen, in benannten Runden mit Ihrem Namen, in anonymen ohne. "
        "Nach dem Schluss einer anonymen Runde speichert der Bot keine Verbindung mehr zwischen Ihnen und Ihren "
        "Bewertungen; wen er nach dem Warum fragt, weiss er nur, bis die Begründungen in der Gruppe stehen.\n"
        "<b>Wie lange:</b> {retention}\n"
        "<b>Löschen:</b> /deletemydata im privaten Chat löscht Ihre Antworten in offenen Runden und entfernt "
        "Ihren Namen aus geschlossenen (die Bewertungen bleiben dort anonym, damit die Teamgeschichte stimmt); "
        "Ihre Stimmen werden gelöscht, ein Leuchtturmprojekt bleibt ohne Ihren Namen.",
        "en": "<b>Privacy</b>\n"
        "<b>What:</b> your Telegram id, name and language; in each round your ratings and comments; your reasons "
        "when the bot asks you why; your votes in the priority poll (not in anonymous ones); beliefs you record; "
        "a lighthouse project you own, with your status; for groups their id, title, language and the catalogues "
        "they upload (without who uploaded them).\n"
        "<b>Why:</b> only for your team's maturity check: to keep your answers until the round closes and to "
        "show the group the results. Nothing is passed on.\n"
        "<b>Who sees what:</b> until the round closes nobody sees your answers. Then the group sees your "
        "ratings, comments and reasons, with your name in named rounds, without it in anonymous ones. Once an "
        "anonymous round closes, the bot keeps no link between you and your ratings; whom it asks why it knows "
        "only until the reasons are posted in the group.\n"
        "<b>How long:</b> {retention}\n"
        "<b>Deleting:</b> /deletemydata in the private chat deletes your answers in open rounds and removes "
        "your name from closed ones (the ratings stay there, anonymous, so the team's history adds up); your "
        "votes are deleted, a lighthouse project stays without your name.",
    },
    "privacy.retention_off": {
        "de": "bis Sie oder die Gruppe sie löschen; Runden werden nicht automatisch gelöscht.",
        "en": "until you or the group delete them; rounds are not deleted automatically.",
    },
    "privacy.retention_months": {
        "de": "Runden werden {months} Monate nach ihrer Eröffnung gelöscht.",
        "en": "rounds are deleted {months} months after they were opened.",
    },
    "deletemydata.confirm": {
        "de": "Wirklich löschen? Ihre Antworten und Kommentare in offenen Runden werden gelöscht, Ihr Name "
        "verschwindet aus geschlossenen Runden. Das lässt sich nicht rückgängig machen.",
        "en": "Really delete? Your answers and comments in open rounds are deleted, and your name disappears "
        "from closed rounds. This cannot be undone.",
    },
    "deletemydata.yes": {"de": "Ja, löschen", "en": "Yes, delete"},
    "deletemydata.no": {"de": "Nein", "en": "No"},
    "deletemydata.kept": {"de": "Nichts wurde gelöscht.", "en": "Nothing was deleted."},
    "deletemydata.done": {
        "de": "Erledigt: {left} offene Runde(n) verlassen und gelöscht, {anonymised} geschlossene Runde(n) "
        "anonymisiert.",
        "en": "Done: left and deleted {left} open round(s), anonymised {anonymised} closed round(s).",
    },
}
