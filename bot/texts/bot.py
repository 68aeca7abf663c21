"""The bot's messages in groups and private chats. German addresses managers with "Sie".

Texts may contain Telegram HTML (<b>, <i>); values are escaped by ``bot.views.th``.
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
    "cmd.results": {"de": "Letzte Ergebnisse erneut zeigen", "en": "Show the latest results again"},
    "cmd.results.help": {
        "de": "zeigt die Ergebnisse der letzten Runde erneut",
        "en": "posts the latest results again",
    },
    "cmd.language": {
        "de": "Sprache der Gruppe: de oder en (Admins)",
        "en": "The group's language: de or en (admins)",
    },
    "cmd.language.help": {
        "de": "stellt die Sprache der Gruppennachrichten ein",
        "en": "sets the language of the group's messages",
    },
    "cmd.start": {
        "de": "Start; über den Knopf einer Runde: mitmachen",
        "en": "Start; via a round's button: take part",
    },
    "cmd.start.help": {
        "de": "über den Knopf «Jetzt bewerten» in der Gruppe: an der Runde teilnehmen oder weitermachen",
        "en": "via the “Rate now” button in the group: take part in the round, or resume",
    },
    "cmd.answers": {"de": "Meine Antworten der laufenden Runde", "en": "My answers in the open round"},
    "cmd.answers.help": {
        "de": "zeigt Ihre Antworten der laufenden Runde; dort können Sie sie ändern",
        "en": "shows your answers in the open round, where you can change them",
    },
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
    "cmd.help": {
        "de": "Was der Bot kann und wie man ihn einrichtet",
        "en": "What the bot does and how to set it up",
    },
    "cmd.help.help": {"de": "diese Hilfe", "en": "this help"},
    # --- /help ------------------------------------------------------------------------------------------
    "help.intro": {
        "de": "<b>Customer Centricity Maturity Check</b>\n"
        "Jede Führungskraft beurteilt privat, wie kundenorientiert Ihr Unternehmen ist: Aussage für Aussage, "
        "auf den Reifegraden 1 bis 5. Schliesst die Runde, zeigt der Bot der Gruppe, wo Ihre Urteile "
        "auseinandergehen. Genau diese Unterschiede lohnen die Diskussion: Sie machen verborgene "
        "Glaubenssätze sichtbar. Danach priorisieren Sie die Schwächen, wählen ein Leuchtturmprojekt und "
        "prüfen nach 3, 6 und 12 Monaten erneut.",
        "en": "<b>Customer Centricity Maturity Check</b>\n"
        "Each manager privately judges how customer-centric your company is, statement by statement, on "
        "maturity levels 1 to 5. When the round closes, the bot shows the group where your judgments differ. "
        "Those differences are what to discuss: they surface hidden beliefs. Then prioritise the weaknesses, "
        "pick a lighthouse project, and check again after 3, 6 and 12 months.",
    },
    "help.group_commands": {"de": "<b>In der Gruppe des Teams</b>", "en": "<b>In the team's group</b>"},
    "help.private_commands": {
        "de": "<b>Im privaten Chat mit dem Bot</b>",
        "en": "<b>In the private chat with the bot</b>",
    },
    "help.admins_only": {"de": "nur Admins", "en": "admins only"},
    "help.setup": {
        "de": "<b>Einrichten</b>\n1. Fügen Sie den Bot der Gruppe Ihres Führungsteams hinzu.\n"
        "2. Machen Sie ihn zum Admin: nur so sieht er Befehle und kann die Mitgliedschaft sicher prüfen.\n"
        "3. Ein Admin eröffnet mit /newround eine Runde; alle tippen auf «Jetzt bewerten» und antworten "
        "privat.\n4. /closeround (oder die Frist) schliesst die Runde, und die Gruppe sieht die Ergebnisse.",
        "en": "<b>Setting up</b>\n1. Add the bot to your management team's group.\n"
        "2. Make it an admin: only then does it see commands and can check membership reliably.\n"
        "3. An admin opens a round with /newround; everyone taps “Rate now” and answers privately.\n"
        "4. /closeround (or the deadline) closes the round, and the group sees the results.",
    },
    # --- the bot in a group -----------------------------------------------------------------------------
    "group.hello": {
        "de": "Guten Tag! Ich führe den <b>Customer Centricity Maturity Check</b> mit Ihrem Team durch: Jede "
        "Führungskraft beurteilt privat, wie kundenorientiert das Unternehmen ist, und die Gruppe sieht danach, "
        "wo die Urteile auseinandergehen.\n\n"
        "Bitte machen Sie mich zum <b>Admin</b> dieser Gruppe: Nur so sehe ich Befehle zuverlässig und kann "
        "prüfen, wer zur Gruppe gehört. Danach eröffnet ein Admin mit /newround die erste Runde. /help erklärt "
        "alles Weitere.",
        "en": "Hello! I run the <b>Customer Centricity Maturity Check</b> with your team: each manager judges "
        "privately how customer-centric the company is, and the group then sees where the judgments differ.\n\n"
        "Please make me an <b>admin</b> of this group: only then do I see commands reliably and can check who "
        "belongs to the group. Then an admin opens the first round with /newround. /help explains the rest.",
    },
    "group.hello_admin": {
        "de": "Guten Tag! Ich führe den <b>Customer Centricity Maturity Check</b> mit Ihrem Team durch. Danke "
        "für die Admin-Rechte. Ein Admin eröffnet mit /newround die erste Runde; /help erklärt alles Weitere.",
        "en": "Hello! I run the <b>Customer Centricity Maturity Check</b> with your team. Thanks for making me "
        "an admin. An admin opens the first round with /newround; /help explains the rest.",
    },
    "group.round_resumed": {
        "de": "Ich bin wieder da. Die offene Runde geht weiter: nichts ist verloren gegangen, Frist und "
        "Erinnerung gelten wieder. /status zeigt den Stand.",
        "en": "I'm back. The open round goes on: nothing was lost, and its deadline and reminder apply "
        "again. /status shows the progress.",
    },
    "group.thanks_admin": {
        "de": "Danke für die Admin-Rechte. Mit /newround eröffnet ein Admin eine Runde.",
        "en": "Thanks for making me an admin. An admin opens a round with /newround.",
    },
    "group.admins_only": {
        "de": "Das dürfen nur Admins dieser Gruppe.",
        "en": "Only admins of this group can do that.",
    },
    "group.admins_only_short": {
        "de": "Nur Admins können das entscheiden.",
        "en": "Only admins can decide that.",
    },
    "group.private_only": {
        "de": "Die Bewertung findet im privaten Chat statt: Tippen Sie in der Ankündigung der Runde auf "
        "«Jetzt bewerten» oder schreiben Sie @{bot}.",
        "en": "Rating happens in the private chat: tap “Rate now” in the round's announcement, or message @{bot}.",
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
    # --- closing, cancelling, results -------------------------------------------------------------------
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
    "results.none": {
        "de": "Es gibt noch keine abgeschlossene Runde. Ein Admin eröffnet eine mit /newround.",
        "en": "There is no closed round yet. An admin opens one with /newround.",
    },
    "results.caption": {"de": "📊 <b>Ergebnisse</b> · {title}", "en": "📊 <b>Results</b> · {title}"},
    "language.usage": {
        "de": "So geht es: <code>/language de</code> oder <code>/language en</code>.",
        "en": "Usage: <code>/language de</code> or <code>/language en</code>.",
    },
    "command.no_arguments": {
        "de": "/{command} braucht keine Angaben; nichts wurde geändert. Senden Sie nur <code>/{command}</code>.",
        "en": "/{command} takes no arguments; nothing was changed. Send just <code>/{command}</code>.",
    },
    "language.set": {
        "de": "Die Gruppe erhält ab jetzt deutsche Nachrichten.",
        "en": "The group now gets English messages.",
    },
    # --- private chat: joining --------------------------------------------------------------------------
    "start.no_payload": {
        "de": "Guten Tag! Ich führe den <b>Customer Centricity Maturity Check</b> durch. Teilnehmen können Sie "
        "über den Knopf «Jetzt bewerten» in der Gruppe Ihres Teams. Um selbst eine Runde zu starten, fügen Sie "
        "mich Ihrer Teamgruppe hinzu und machen mich zum Admin; /help erklärt alles.",
        "en": "Hello! I run the <b>Customer Centricity Maturity Check</b>. To take part, tap “Rate now” in your "
        "team's group. To run a round yourself, add me to your team's group and make me an admin; /help "
        "explains everything.",
    },
    "start.unknown_link": {
        "de": "Diesen Link kenne ich nicht. Bitte nutzen Sie den Knopf «Jetzt bewerten» in der Gruppe Ihres Teams.",
        "en": "I don't know this link. Please use the “Rate now” button in your team's group.",
    },
    "start.round_over": {
        "de": "Diese Runde ist bereits geschlossen; Antworten sind nicht mehr möglich. Die Ergebnisse stehen "
        "in der Gruppe.",
        "en": "This round is already closed; answers are no longer possible. The results are in the group.",
    },
    "start.cancelled": {
        "de": "Diese Runde wurde verworfen; Antworten sind nicht mehr möglich.",
        "en": "This round was discarded; answers are no longer possible.",
    },
    "start.not_member": {
        "de": "An dieser Runde können nur Mitglieder der Gruppe des Teams teilnehmen. Nichts wurde gespeichert.",
        "en": "Only members of the team's group can take part in this round. Nothing was stored.",
    },
    "start.cannot_check": {
        "de": "Ich kann gerade nicht prüfen, ob Sie zur Gruppe gehören (bin ich noch in der Gruppe?). Bitte "
        "versuchen Sie es später erneut.",
        "en": "I can't check right now whether you belong to the group (am I still in it?). Please try again "
        "later.",
    },
    "intro.welcome": {
        "de": "Guten Tag, {name}! Sie nehmen an der Runde <b>{catalogue}</b> des Teams «{team}» teil: {count} "
        "Aussagen, etwa {minutes} Minuten. Ihre Antworten bleiben privat, bis die Runde schliesst.",
        "en": "Hello {name}! You are taking part in the round <b>{catalogue}</b> of team “{team}”: {count} "
        "statements, about {minutes} minutes. Your answers stay private until the round closes.",
    },
    "intro.welcome_back": {
        "de": "Willkommen zurück, {name}! Sie machen bei <b>{catalogue}</b> des Teams «{team}» dort weiter, wo "
        "Sie aufgehört haben ({count} Aussagen).",
        "en": "Welcome back, {name}! You continue <b>{catalogue}</b> of team “{team}” where you left off "
        "({count} statements).",
    },
    "intro.named": {
        "de": "Die Ergebnisse zeigen der Gruppe jede Bewertung mit Ihrem Namen, ebenso Ihre Kommentare.",
        "en": "The results show the group every rating with your name, and your comments.",
    },
    "intro.anonymous": {
        "de": "Die Runde ist anonym: Die Gruppe sieht Ihre Bewertungen und Kommentare ohne Ihren Namen.",
        "en": "The round is anonymous: the group sees your ratings and comments without your name.",
    },
    "intro.deadline": {"de": "⏰ Frist: {deadline}", "en": "⏰ Deadline: {deadline}"},
    "intro.how": {
        "de": "Wählen Sie je Aussage einen Reifegrad, oder «?», wenn Sie es nicht beurteilen können. Einen "
        "Kommentar zur zuletzt beantworteten Aussage schreiben Sie einfach als Nachricht (höchstens {limit} "
        "Zeichen je Aussage).",
        "en": "Pick a maturity level for each statement, or “?” if you can't judge it. To comment on the "
        "statement you answered last, just send a message (at most {limit} characters per statement).",
    },
    # --- private chat: the questionnaire ----------------------------------------------------------------
    "q.cant_judge_button": {"de": "? Kann ich nicht beurteilen", "en": "? Can't judge"},
    "q.cant_judge": {"de": "? kann ich nicht beurteilen", "en": "? can't judge"},
    "q.back_button": {"de": "◀ Zurück", "en": "◀ Back"},
    "q.summary_button": {"de": "Übersicht ▶", "en": "Overview ▶"},
    "q.your_answer": {"de": "Ihre Antwort: <b>{answer}</b>", "en": "Your answer: <b>{answer}</b>"},
    "q.your_comment": {"de": "💬 Ihr Kommentar: <i>{comment}</i>", "en": "💬 Your comment: <i>{comment}</i>"},
    "q.saved": {"de": "Gespeichert: {answer}", "en": "Saved: {answer}"},
    "q.thanks": {
        "de": "🙏 <b>Danke!</b> Sie haben alle Aussagen beantwortet. Ihre Antworten:",
        "en": "🙏 <b>Thank you!</b> You have answered every statement. Your answers:",
    },
    "q.change_until_deadline": {
        "de": "Bis zum Schluss der Runde ({deadline}) können Sie jede Antwort ändern: Tippen Sie auf ihre Nummer.",
        "en": "Until the round closes ({deadline}) you can change any answer: tap its number.",
    },
    "q.change_until_close": {
        "de": "Bis die Runde schliesst, können Sie jede Antwort ändern: Tippen Sie auf ihre Nummer.",
        "en": "Until the round closes you can change any answer: tap its number.",
    },
    "q.not_your_button": {
        "de": "Dieser Knopf gehört nicht zu Ihrer Runde. Nichts wurde geändert.",
        "en": "This button does not belong to your round. Nothing was changed.",
    },
    "q.round_closed": {
        "de": "Diese Runde ist geschlossen; Antworten lassen sich nicht mehr ändern.",
        "en": "This round is closed; answers can no longer be changed.",
    },
    "q.round_cancelled": {
        "de": "Diese Runde wurde verworfen; Antworten sind nicht mehr möglich.",
        "en": "This round was discarded; answers are no longer possible.",
    },
    "q.no_open_round": {
        "de": "Sie nehmen an keiner offenen Runde teil. Teilnehmen können Sie über den Knopf «Jetzt bewerten» "
        "in der Gruppe Ihres Teams.",
        "en": "You are not taking part in an open round. To join, tap “Rate now” in your team's group.",
    },
    # --- comments ---------------------------------------------------------------------------------------
    "comment.saved": {
        "de": "💬 Kommentar zu Aussage {number} gespeichert: «{statement}». Eine weitere Nachricht ergänzt ihn.",
        "en": "💬 Comment saved on statement {number}: “{statement}”. Another message adds to it.",
    },
    "comment.extended": {
        "de": "💬 Ihr Kommentar zu Aussage {number} ist ergänzt: «{statement}».",
        "en": "💬 Added to your comment on statement {number}: “{statement}”.",
    },
    "comment.delete_button": {"de": "🗑 Kommentar löschen", "en": "🗑 Delete comment"},
    "comment.deleted": {"de": "🗑 Kommentar gelöscht.", "en": "🗑 Comment deleted."},
    "comment.already_deleted": {
        "de": "Dieser Kommentar ist schon gelöscht.",
        "en": "This comment is already deleted.",
    },
    "comment.too_long": {
        "de": "Dieser Kommentar wäre zu lang ({length} Zeichen): höchstens {limit} Zeichen je Aussage. Nichts "
        "wurde gespeichert; bitte kürzen Sie ihn.",
        "en": "This comment would be too long ({length} characters): at most {limit} characters per statement. "
        "Nothing was stored; please shorten it.",
    },
    "comment.too_long_extended": {
        "de": "Zusammen mit Ihrem bisherigen Kommentar zu dieser Aussage wären es {length} Zeichen: höchstens "
        "{limit} Zeichen je Aussage. Nichts wurde ergänzt; Ihr bisheriger Kommentar bleibt, wie er ist.",
        "en": "Together with your comment already on this statement it would be {length} characters: at most "
        "{limit} characters per statement. Nothing was added; your earlier comment stays as it was.",
    },
    "comment.answer_first": {
        "de": "Ein Kommentar gehört zur zuletzt beantworteten Aussage. Bitte beantworten Sie zuerst eine Aussage.",
        "en": "A comment belongs to the statement you answered last. Please answer a statement first.",
    },
    "comment.no_round": {
        "de": "Sie nehmen an keiner offenen Runde teil, darum kann ich den Text nicht zuordnen. Teilnehmen "
        "können Sie über den Knopf «Jetzt bewerten» in der Gruppe Ihres Teams; /help erklärt mehr.",
        "en": "You are not in an open round, so I can't file this text. To take part, tap “Rate now” in your "
        "team's group; /help explains more.",
    },
    # --- privacy ----------------------------------------------------------------------------------------
    "privacy.text": {
        "de": "<b>Datenschutz</b>\n"
        "<b>Was:</b> Ihre Telegram-ID, Ihr Name und Ihre Sprache; in jeder Runde Ihre Bewertungen und "
        "Kommentare; Ihre Stimmen in der Prioritäten-Umfrage (nicht in anonymen); ein Leuchtturmprojekt, das Sie "
        "verantworten, mit Ihrem Stand; für Gruppen ID, Titel und Sprache.\n"
        "<b>Wozu:</b> nur für den Maturity Check Ihres Teams: um Ihre Antworten zu speichern, bis die Runde "
        "schliesst, und die Ergebnisse der Gruppe zu zeigen. Nichts wird weitergegeben.\n"
        "<b>Wer sieht was:</b> Bis zum Schluss der Runde sieht niemand Ihre Antworten. Danach sieht die Gruppe "
        "Ihre Bewertungen und Kommentare, in benannten Runden mit Ihrem Namen, in anonymen ohne. Nach dem "
        "Schluss einer anonymen Runde speichert der Bot keine Verbindung mehr zwischen Ihnen und Ihren "
        "Bewertungen.\n"
        "<b>Wie lange:</b> {retention}\n"
        "<b>Löschen:</b> /deletemydata im privaten Chat löscht Ihre Antworten in offenen Runden und entfernt "
        "Ihren Namen aus geschlossenen (die Bewertungen bleiben dort anonym, damit die Teamgeschichte stimmt); "
        "Ihre Stimmen werden gelöscht, ein Leuchtturmprojekt bleibt ohne Ihren Namen.",
        "en": "<b>Privacy</b>\n"
        "<b>What:</b> your Telegram id, name and language; in each round your ratings and comments; your votes "
        "in the priority poll (not in anonymous ones); a lighthouse project you own, with your status; for "
        "groups their id, title and language.\n"
        "<b>Why:</b> only for your team's maturity check: to keep your answers until the round closes and to "
        "show the group the results. Nothing is passed on.\n"
        "<b>Who sees what:</b> until the round closes nobody sees your answers. Then the group sees your "
        "ratings and comments, with your name in named rounds, without it in anonymous ones. Once an "
        "anonymous round closes, the bot keeps no link between you and your ratings.\n"
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
    # --- anything else ----------------------------------------------------------------------------------
    "private.media_hint": {
        "de": "Bilder, Sticker und Sprachnachrichten kann ich nicht auswerten. Antworten Sie mit den Knöpfen; "
        "einen Kommentar schreiben Sie als Text.",
        "en": "I can't use pictures, stickers or voice messages. Answer with the buttons; write a comment as "
        "text.",
    },
    "private.group_only": {
        "de": "Dieser Befehl funktioniert in der Gruppe Ihres Teams, nicht hier.",
        "en": "This command works in your team's group, not here.",
    },
    "unknown_command": {
        "de": "Diesen Befehl kenne ich nicht. /help zeigt, was ich kann.",
        "en": "I don't know that command. /help shows what I can do.",
    },
    "error.generic": {
        "de": "Entschuldigung, da ist etwas schiefgegangen. Bitte versuchen Sie es noch einmal.",
        "en": "Sorry, something went wrong. Please try again.",
    },
    "error.telegram": {
        "de": "Telegram hat gerade nicht geantwortet. Was Sie geschickt oder gewählt haben, ist gespeichert; "
        "bitte versuchen Sie es gleich noch einmal (/answers zeigt Ihre Antworten).",
        "en": "Telegram did not answer just now. What you sent or chose is saved; please try again in a "
        "moment (/answers shows your answers).",
    },
}
