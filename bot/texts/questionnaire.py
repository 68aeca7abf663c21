"""The questionnaire in a manager's private chat: joining with /start, the statements, the summary,
comments. German addresses managers with "Sie".

Texts may contain Telegram HTML (<b>, <i>); values are escaped by ``bot.views.html.th``.
"""

TEXTS: dict[str, dict[str, str]] = {
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
    # --- anything else ----------------------------------------------------------------------------------
    "private.media_hint": {
        "de": "Bilder, Sticker und Sprachnachrichten kann ich nicht auswerten. Antworten Sie mit den Knöpfen; "
        "einen Kommentar schreiben Sie als Text.",
        "en": "I can't use pictures, stickers or voice messages. Answer with the buttons; write a comment as "
        "text.",
    },
}
