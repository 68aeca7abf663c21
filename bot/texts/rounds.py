"""A round in the team's group: /newround and its deadline, the announcement, /status, /remind, closing and
cancelling, /language. German addresses managers with "Sie".

Texts may contain Telegram HTML (<b>, <i>); values are escaped by ``bot.views.html.th``.
"""

TEXTS: dict[str, dict[str, str]] = {
    # --- command descriptions (setMyCommands, at most 256 characters) and /help lines -------------------
    "cmd.newround": {
        "de": "Neue Bewertungsrunde eröffnen (Admins)",
        "en": "Open a new assessment round (admins)",
    },
    "cmd.newround.help": {
        "de": "eröffnet eine Runde: Katalog (Standard customer-centricity, kurz: quick), Frist wie 3d, 12h "
        "oder 2026-12-01, «anonymous» für eine anonyme Runde",
        "en": "opens a round: catalogue (default customer-centricity, short: quick), deadline like 3d, 12h "
        "or 2026-12-01, “anonymous” for an anonymous round",
    },
    "cmd.status": {"de": "Stand der laufenden Runde", "en": "Progress of the open round"},
    "cmd.status.help": {
        "de": "wer begonnen und wer abgeschlossen hat, und die Frist",
        "en": "who has started and who has finished, and the deadline",
    },
    "cmd.remind": {"de": "Unfertige privat erinnern (Admins)", "en": "Remind unfinished managers (admins)"},
    "cmd.remind.help": {
        "de": "erinnert alle privat, die begonnen, aber noch nicht abgeschlossen haben",
        "en": "privately reminds everyone who started but has not finished",
    },
    "cmd.closeround": {
        "de": "Runde schliessen, Ergebnisse zeigen (Admins)",
        "en": "Close the round, post results (admins)",
    },
    "cmd.closeround.help": {
        "de": "schliesst die Runde und zeigt der Gruppe die Ergebnisse",
        "en": "closes the round and posts the results to the group",
    },
    "cmd.cancelround": {"de": "Runde verwerfen (Admins)", "en": "Discard the round (admins)"},
    "cmd.cancelround.help": {
        "de": "verwirft die Runde nach einer Rückfrage; niemand sieht ihre Antworten",
        "en": "discards the round after confirmation; nobody sees its answers",
    },
    "cmd.language": {
        "de": "Sprache der Gruppe: de oder en (Admins)",
        "en": "The group's language: de or en (admins)",
    },
    "cmd.language.help": {
        "de": "stellt die Sprache der Gruppennachrichten ein",
        "en": "sets the language of the group's messages",
    },
    # --- /newround --------------------------------------------------------------------------------------
    "newround.unknown_catalogue": {
        "de": "Den Katalog «{name}» kenne ich nicht. Verfügbar: {available}.",
        "en": "I don't know the catalogue “{name}”. Available: {available}.",
    },
    "newround.already_open": {
        "de": "In dieser Gruppe läuft schon eine Runde. /status zeigt den Stand; /closeround schliesst sie, "
        "/cancelround verwirft sie.",
        "en": "A round is already open in this group. /status shows its progress; /closeround closes it, "
        "/cancelround discards it.",
    },
    "newround.two_deadlines": {
        "de": "Bitte nur eine Frist angeben, z.&#160;B. <code>/newround 3d</code>.",
        "en": "Please give one deadline only, e.g. <code>/newround 3d</code>.",
    },
    "newround.usage": {
        "de": "«{word}» verstehe ich nicht. So geht es: <code>/newround [Katalog] [Frist] [anonymous]</code>, "
        "z.&#160;B. <code>/newround quick 3d anonymous</code>.",
        "en": "I don't understand “{word}”. Usage: <code>/newround [catalogue] [deadline] [anonymous]</code>, "
        "e.g. <code>/newround quick 3d anonymous</code>.",
    },
    "deadline.malformed": {
        "de": "Die Frist «{value}» verstehe ich nicht. Möglich sind z.&#160;B. <code>90m</code>, <code>12h</code>, "
        "<code>3d</code>, <code>2w</code>, <code>2026-12-01</code> oder <code>1.12.2026</code>.",
        "en": "I can't read the deadline “{value}”. Try e.g. <code>90m</code>, <code>12h</code>, <code>3d</code>, "
        "<code>2w</code>, <code>2026-12-01</code> or <code>1.12.2026</code>.",
    },
    "deadline.no_such_date": {
        "de": "Das Datum «{value}» gibt es nicht.",
        "en": "The date “{value}” does not exist.",
    },
    "deadline.too_soon": {
        "de": "Die Frist «{value}» ist zu kurz oder liegt in der Vergangenheit: mindestens 5 Minuten.",
        "en": "The deadline “{value}” is too soon or in the past: at least 5 minutes, please.",
    },
    "deadline.too_far": {
        "de": "Die Frist «{value}» liegt mehr als ein Jahr entfernt.",
        "en": "The deadline “{value}” is more than a year away.",
    },
    # --- the announcement -------------------------------------------------------------------------------
    "ann.title": {"de": "📋 <b>Neue Runde: {catalogue}</b>", "en": "📋 <b>New round: {catalogue}</b>"},
    "ann.body": {
        "de": "Bitte beurteilen Sie {count} Aussagen zur Kundenorientierung unseres Unternehmens, jede auf den "
        "Reifegraden 1 bis 5. Ihre Antworten bleiben privat, bis die Runde schliesst.",
        "en": "Please judge {count} statements on our company's customer centricity, each on maturity levels "
        "1 to 5. Your answers stay private until the round closes.",
    },
    "ann.named": {
        "de": "Die Ergebnisse zeigen jede Bewertung mit Namen.",
        "en": "The results show every rating with its name.",
    },
    "ann.anonymous": {
        "de": "Anonyme Runde: Die Ergebnisse zeigen keine Namen.",
        "en": "Anonymous round: the results show no names.",
    },
    "ann.deadline": {"de": "⏰ Frist: {deadline}", "en": "⏰ Deadline: {deadline}"},
    "ann.progress": {
        "de": "✅ {finished} von {started} abgeschlossen",
        "en": "✅ {finished} of {started} finished",
    },
    "ann.progress_none": {
        "de": "Noch hat niemand begonnen.",
        "en": "Nobody has started yet.",
    },
    "ann.button": {"de": "Jetzt bewerten", "en": "Rate now"},
    "ann.closed": {
        "de": "📋 Diese Runde ist geschlossen. Die Ergebnisse stehen unten; /results zeigt sie erneut.",
        "en": "📋 This round is closed. The results are below; /results posts them again.",
    },
    "ann.cancelled": {"de": "📋 Diese Runde wurde verworfen.", "en": "📋 This round was discarded."},
    # --- /status and /remind ----------------------------------------------------------------------------
    "status.no_round": {
        "de": "Zurzeit läuft keine Runde. Ein Admin eröffnet eine mit /newround; /results zeigt die letzten "
        "Ergebnisse.",
        "en": "No round is open. An admin opens one with /newround; /results shows the latest results.",
    },
    "status.title": {"de": "📋 <b>Runde: {catalogue}</b>", "en": "📋 <b>Round: {catalogue}</b>"},
    "status.counts": {
        "de": "Begonnen: {started} · abgeschlossen: {finished}",
        "en": "Started: {started} · finished: {finished}",
    },
    "status.finished_names": {"de": "✅ Abgeschlossen: {names}", "en": "✅ Finished: {names}"},
    "status.unfinished_names": {"de": "⏳ Noch dabei: {names}", "en": "⏳ Still answering: {names}"},
    "status.unreachable_names": {
        "de": "⚠️ Nicht erreichbar (Bot blockiert oder nie gestartet): {names}",
        "en": "⚠️ Unreachable (blocked the bot or never started it): {names}",
    },
    "status.unreachable_count": {
        "de": "⚠️ {count} Teilnehmende sind privat nicht erreichbar.",
        "en": "⚠️ {count} participants cannot be reached privately.",
    },
    "status.deadline": {"de": "⏰ Frist: {deadline}", "en": "⏰ Deadline: {deadline}"},
    "status.no_deadline": {
        "de": "Keine Frist: Ein Admin schliesst die Runde mit /closeround.",
        "en": "No deadline: an admin closes the round with /closeround.",
    },
    "remind.nobody": {
        "de": "Niemand ist offen: Alle, die begonnen haben, sind fertig.",
        "en": "Nobody to remind: everyone who started has finished.",
    },
    "remind.sent": {"de": "🔔 {count} Erinnerung(en) verschickt.", "en": "🔔 Sent {count} reminder(s)."},
    "remind.unreachable_names": {
        "de": "⚠️ Nicht erreichbar (Bot blockiert oder nie gestartet): {names}",
        "en": "⚠️ Unreachable (blocked the bot or never started it): {names}",
    },
    "remind.unreachable_count": {
        "de": "⚠️ {count} Teilnehmende waren nicht erreichbar.",
        "en": "⚠️ {count} participants could not be reached.",
    },
    "remind.private": {
        "de": "🔔 Erinnerung: Die Runde <b>{catalogue}</b> im Team «{team}» läuft noch. Sie haben {answered} "
        "von {total} Aussagen beantwortet.",
        "en": "🔔 Reminder: the round <b>{catalogue}</b> of team “{team}” is still open. You have answered "
        "{answered} of {total} statements.",
    },
    "remind.button": {"de": "Weiter bewerten", "en": "Continue"},
    # --- closing, cancelling, /language ----------------------------------------------------------------
    "close.already_closing": {
        "de": "Die Runde wird gerade geschlossen; die Ergebnisse folgen.",
        "en": "The round is being closed; the results follow.",
    },
    "close.too_few": {
        "de": "Die Runde bleibt offen: Für einen Vergleich braucht es Bewertungen von mindestens zwei "
        "Führungskräften, bisher sind es {count}. /remind erinnert alle, die begonnen haben.",
        "en": "The round stays open: a comparison needs ratings from at least two managers, so far there "
        "are {count}. /remind reminds everyone who has started.",
    },
    "cancel.confirm": {
        "de": "Runde wirklich verwerfen? {started} Teilnehmende verlieren ihre Antworten; niemand sieht "
        "Ergebnisse.",
        "en": "Really discard the round? {started} participants lose their answers; nobody sees results.",
    },
    "cancel.yes": {"de": "Ja, verwerfen", "en": "Yes, discard"},
    "cancel.no": {"de": "Nein, behalten", "en": "No, keep it"},
    "cancel.kept": {"de": "Die Runde läuft weiter.", "en": "The round goes on."},
    "cancel.done": {"de": "Die Runde ist verworfen.", "en": "The round has been discarded."},
    "cancel.not_open": {
        "de": "Diese Runde ist nicht mehr offen.",
        "en": "This round is no longer open.",
    },
    "language.usage": {
        "de": "So geht es: <code>/language de</code> oder <code>/language en</code>.",
        "en": "Usage: <code>/language de</code> or <code>/language en</code>.",
    },
    "language.set": {
        "de": "Die Gruppe erhält ab jetzt deutsche Nachrichten.",
        "en": "The group now gets English messages.",
    },
    # --- /results and the album's caption ----------------------------------------------------------------
    "cmd.results": {"de": "Letzte Ergebnisse erneut zeigen", "en": "Show the latest results again"},
    "cmd.results.help": {
        "de": "zeigt die Ergebnisse der letzten Runde erneut",
        "en": "posts the latest results again",
    },
    "results.none": {
        "de": "Es gibt noch keine abgeschlossene Runde. Ein Admin eröffnet eine mit /newround.",
        "en": "There is no closed round yet. An admin opens one with /newround.",
    },
    "results.caption": {"de": "📊 <b>Ergebnisse</b> · {title}", "en": "📊 <b>Results</b> · {title}"},
    "results.on_their_way": {
        "de": "📊 Die Ergebnisse kommen gerade in diesen Chat. /results und /canvas zeigen sie erneut, sobald alle da sind.",
        "en": "📊 The results are arriving in this chat right now. /results and /canvas show them again once they are all here.",
    },
}
