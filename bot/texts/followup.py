"""What follows the results in the group: the priority poll, the ranking, the lighthouse project, reviews.

German addresses the team with "Sie" and uses Swiss spelling. Texts may contain Telegram HTML; values are
escaped by ``bot.views.th``.
"""

TEXTS: dict[str, dict[str, str]] = {
    # --- command descriptions and /help lines ---------------------------------------------------------
    "cmd.priorities": {"de": "Stand der Prioritäten-Umfrage", "en": "Standing of the priority poll"},
    "cmd.priorities.help": {
        "de": "zeigt, welche Schwächen und strittigen Punkte wie viele Stimmen haben",
        "en": "shows how many votes each weakness and disputed point has",
    },
    "cmd.closepoll": {"de": "Prioritäten-Umfrage beenden (Admins)", "en": "End the priority poll (admins)"},
    "cmd.closepoll.help": {
        "de": "beendet die Umfrage und zeigt die Rangliste mit dem Vorschlag für das Leuchtturmprojekt",
        "en": "ends the poll and posts the ranking with the proposed lighthouse project",
    },
    "cmd.lighthouse": {"de": "Das Leuchtturmprojekt", "en": "The lighthouse project"},
    "cmd.lighthouse.help": {
        "de": "zeigt das Leuchtturmprojekt; Admins legen es fest: <code>/lighthouse Titel</code>, darunter "
        "Zeilen wie <code>Ziel: …</code>, <code>Verantwortlich: @name</code> (oder als Antwort auf eine "
        "Nachricht der Person), <code>Aussagen: 3, 7</code>, <code>Überprüfung: 3, 6, 12</code>",
        "en": "shows the lighthouse project; admins set it: <code>/lighthouse Title</code>, then lines "
        "like <code>Goal: …</code>, <code>Owner: @name</code> (or as a reply to the person's message), "
        "<code>Statements: 3, 7</code>, <code>Reviews: 3, 6, 12</code>",
    },
    # --- the poll -------------------------------------------------------------------------------------
    "poll.question": {
        "de": "Was packen wir zuerst an? (▼ gemeinsam gesehene Schwäche · ≠ strittig: erst klären)",
        "en": "Which should we tackle first? (▼ agreed weakness · ≠ disputed: talk first)",
    },
    "poll.lowest_question": {
        "de": "Was packen wir zuerst an? (keine klare Schwäche, kein Streitpunkt: die am tiefsten "
        "bewerteten Aussagen)",
        "en": "Which should we tackle first? (no clear weakness or dispute: the lowest rated statements)",
    },
    "poll.none": {
        "de": "Für eine Prioritäten-Umfrage gibt es zu wenig auswertbare Aussagen. Ein Leuchtturmprojekt "
        "legen Admins trotzdem mit /lighthouse fest.",
        "en": "There are too few rated statements for a priority poll. Admins can still set a lighthouse "
        "project with /lighthouse.",
    },
    "poll.failed": {
        "de": "Die Prioritäten-Umfrage konnte ich nicht starten ({reason}). /priorities zeigt die "
        "Kandidaten trotzdem.",
        "en": "I could not start the priority poll ({reason}). /priorities still lists the candidates.",
    },
    "poll.no_poll": {
        "de": "Noch keine Prioritäten: Die Umfrage startet nach den Ergebnissen einer Runde.",
        "en": "No priorities yet: the poll starts after a round's results.",
    },
    "poll.not_open": {
        "de": "Es läuft keine Prioritäten-Umfrage. /priorities zeigt die letzte Rangliste.",
        "en": "No priority poll is open. /priorities shows the latest ranking.",
    },
    "poll.stop_failed": {
        "de": "Telegram hat nicht geantwortet; die Umfrage läuft weiter. Bitte versuchen Sie es gleich "
        "noch einmal.",
        "en": "Telegram did not answer; the poll is still open. Please try again in a moment.",
    },
    "poll.standing_title": {
        "de": "<b>Prioritäten – Zwischenstand</b> ({voters} haben abgestimmt)",
        "en": "<b>Priorities – standing so far</b> ({voters} voted)",
    },
    "poll.standing_title_anonymous": {
        "de": "<b>Prioritäten – Zwischenstand</b> (anonyme Umfrage)",
        "en": "<b>Priorities – standing so far</b> (anonymous poll)",
    },
    "poll.open_until": {
        "de": "Die Umfrage läuft bis {until}; Admins beenden sie früher mit /closepoll.",
        "en": "The poll runs until {until}; admins end it earlier with /closepoll.",
    },
    "poll.open_no_end": {
        "de": "Die Umfrage läuft, bis ein Admin sie mit /closepoll beendet.",
        "en": "The poll runs until an admin ends it with /closepoll.",
    },
    "poll.ranking_title": {
        "de": "<b>Prioritäten des Teams</b> – die Umfrage ist beendet ({voters} haben abgestimmt)",
        "en": "<b>The team's priorities</b> – the poll has ended ({voters} voted)",
    },
    "poll.ranking_title_anonymous": {
        "de": "<b>Prioritäten des Teams</b> – die Umfrage ist beendet (anonym)",
        "en": "<b>The team's priorities</b> – the poll has ended (anonymous)",
    },
    "poll.line": {
        "de": "{place}. {marker}{number} · {text} – <b>{votes}</b>",
        "en": "{place}. {marker}{number} · {text} – <b>{votes}</b>",
    },
    "poll.votes_one": {"de": "1 Stimme", "en": "1 vote"},
    "poll.votes_many": {"de": "{count} Stimmen", "en": "{count} votes"},
    "poll.voters": {"de": "   <i>{names}</i>", "en": "   <i>{names}</i>"},
    "poll.nobody_voted": {
        "de": "Niemand hat abgestimmt. Ein Leuchtturmprojekt legen Admins trotzdem mit /lighthouse fest.",
        "en": "Nobody voted. Admins can still set a lighthouse project with /lighthouse.",
    },
    "poll.proposal": {
        "de": "💡 <b>Vorschlag für das Leuchtturmprojekt:</b> {number} · {text}\nEs sollte diese Schwäche "
        "beseitigen und sich rasch umsetzen lassen. Ein Admin legt es fest, zum Beispiel:\n"
        "<code>/lighthouse Titel des Projekts\nZiel: …\nVerantwortlich: @name\nAussagen: {number}</code>",
        "en": "💡 <b>Proposed lighthouse project:</b> {number} · {text}\nIt should remove this weakness and "
        "be doable quickly. An admin sets it, for example:\n"
        "<code>/lighthouse Project title\nGoal: …\nOwner: @name\nStatements: {number}</code>",
    },
    "poll.proposal_tie": {
        "de": "(Gleichstand an der Spitze: vorgeschlagen ist die schwerwiegendere Aussage.)",
        "en": "(A tie at the top: the more severe statement is proposed.)",
    },
    # --- the lighthouse project ------------------------------------------------------------------------
    "lh.none": {
        "de": "Noch kein Leuchtturmprojekt. Ein Admin legt es fest:\n<code>/lighthouse Titel des Projekts\n"
        "Ziel: …\nVerantwortlich: @name\nAussagen: 3, 7\nÜberprüfung: 3, 6, 12</code>\n"
        "Verantwortlich ist sonst, wer den Befehl sendet; ohne Aussagen gilt die erste Priorität.",
        "en": "No lighthouse project yet. An admin sets it:\n<code>/lighthouse Project title\nGoal: …\n"
        "Owner: @name\nStatements: 3, 7\nReviews: 3, 6, 12</code>\n"
        "Without an owner line the sender owns it; without statements the top priority is taken.",
    },
    "lh.title": {"de": "🗼 <b>Leuchtturmprojekt: {title}</b>", "en": "🗼 <b>Lighthouse project: {title}</b>"},
    "lh.goal": {"de": "<b>Ziel:</b> {goal}", "en": "<b>Goal:</b> {goal}"},
    "lh.no_goal": {
        "de": "<b>Ziel:</b> <i>noch keines – eine Zeile «Ziel: …» ergänzt es</i>",
        "en": "<b>Goal:</b> <i>none yet – add a line “Goal: …”</i>",
    },
    "lh.owner": {"de": "<b>Verantwortlich:</b> {owner}", "en": "<b>Owner:</b> {owner}"},
    "lh.owner_gone": {"de": "<i>(Daten gelöscht)</i>", "en": "<i>(data deleted)</i>"},
    "lh.statements": {"de": "<b>Adressiert:</b>", "en": "<b>Addresses:</b>"},
    "lh.statement": {"de": "• {number} · {text}", "en": "• {number} · {text}"},
    "lh.reviews": {"de": "<b>Überprüfungen:</b>", "en": "<b>Reviews:</b>"},
    "lh.review_due": {"de": "• nach {months}: {date}", "en": "• after {months}: {date}"},
    "lh.review_done": {
        "de": "• nach {months} ({date}): {status}",
        "en": "• after {months} ({date}): {status}",
    },
    "lh.review_no_status": {"de": "<i>erinnert, noch kein Stand</i>", "en": "<i>reminded, no status yet</i>"},
    "lh.saved": {
        "de": "Festgehalten. Ich erinnere die Gruppe an jedem Überprüfungstermin.",
        "en": "Recorded. I will remind the group at each review date.",
    },
    "lh.replaced": {
        "de": "Es ersetzt «{old}»; dessen offene Überprüfungen entfallen.",
        "en": "It replaces “{old}”; that project's open reviews are dropped.",
    },
    "lh.owner_defaulted": {
        "de": "Verantwortlich sind Sie, da keine Person genannt wurde («Verantwortlich: @name» ändert das).",
        "en": "You own it, since nobody was named (“Owner: @name” changes that).",
    },
    "lh.need_round": {
        "de": "Ein Leuchtturmprojekt setzt an den Ergebnissen einer Runde an; schliessen Sie zuerst eine "
        "Runde ab (/newround).",
        "en": "A lighthouse project builds on a round's results; close a round first (/newround).",
    },
    "lh.need_statements": {
        "de": "Welche Aussagen adressiert das Projekt? Ergänzen Sie eine Zeile wie <code>Aussagen: 3, 7</code> "
        "(die Nummern aus den Ergebnissen).",
        "en": "Which statements does the project address? Add a line like <code>Statements: 3, 7</code> "
        "(the numbers from the results).",
    },
    "lh.owner_unknown": {
        "de": "{owner} kenne ich noch nicht. Senden Sie /lighthouse als Antwort auf eine Nachricht der "
        "Person, oder die Person schreibt mir einmal privat.",
        "en": "I don't know {owner} yet. Send /lighthouse as a reply to one of their messages, or they "
        "write to me privately once.",
    },
    "lh.owner_not_member": {
        "de": "{owner} gehört nicht zu dieser Gruppe; verantwortlich kann nur ein Mitglied sein.",
        "en": "{owner} is not a member of this group; only a member can own the project.",
    },
    "lh.owner_bot": {
        "de": "Ein Bot kann kein Projekt verantworten. Nennen Sie eine Person.",
        "en": "A bot cannot own a project. Name a person.",
    },
    "lh.error.title_missing": {
        "de": "Der Titel fehlt: <code>/lighthouse Titel des Projekts</code>.",
        "en": "The title is missing: <code>/lighthouse Project title</code>.",
    },
    "lh.error.title_too_long": {
        "de": "Der Titel ist zu lang (höchstens {limit} Zeichen). Details gehören in «Ziel: …».",
        "en": "The title is too long (at most {limit} characters). Details belong in “Goal: …”.",
    },
    "lh.error.goal_too_long": {
        "de": "Das Ziel ist zu lang (höchstens {limit} Zeichen).",
        "en": "The goal is too long (at most {limit} characters).",
    },
    "lh.error.owner_too_long": {
        "de": "Die Angabe zur verantwortlichen Person ist zu lang (höchstens {limit} Zeichen).",
        "en": "The owner is too long (at most {limit} characters).",
    },
    "lh.error.owner_not_mention": {
        "de": "Nennen Sie die verantwortliche Person mit @name oder senden Sie den Befehl als Antwort auf "
        "eine Nachricht von ihr («{value}» ist kein Verweis auf ein Mitglied).",
        "en": "Name the owner as @name, or send the command as a reply to one of their messages "
        "(“{value}” does not point to a member).",
    },
    "lh.error.unknown_key": {
        "de": "«{value}» verstehe ich nicht. Möglich sind Ziel, Verantwortlich, Aussagen und Überprüfung.",
        "en": "I don't understand “{value}”. Possible are Goal, Owner, Statements and Reviews.",
    },
    "lh.error.duplicate_key": {
        "de": "«{value}» steht zweimal da.",
        "en": "“{value}” appears twice.",
    },
    "lh.error.bad_statement_number": {
        "de": "«{value}» ist keine Aussage-Nummer (1 bis {limit}).",
        "en": "“{value}” is not a statement number (1 to {limit}).",
    },
    "lh.error.empty_value": {
        "de": "Nach «{value}:» fehlt die Angabe.",
        "en": "“{value}:” has nothing after it.",
    },
    "lh.error.unexpected_line": {
        "de": "Die Zeile «{value}» gehört zu keiner Angabe; jede Zeile beginnt mit Ziel:, Verantwortlich:, "
        "Aussagen: oder Überprüfung:.",
        "en": "The line “{value}” belongs to nothing; each line starts with Goal:, Owner:, Statements: or "
        "Reviews:.",
    },
    "lh.error.bad_months": {
        "de": "«{value}» ist keine Zahl von Monaten (1 bis {limit}).",
        "en": "“{value}” is not a number of months (1 to {limit}).",
    },
    # --- reviews ----------------------------------------------------------------------------------------
    "review.reminder": {
        "de": "🗼 <b>Überprüfung nach {months}: {title}</b>\n{owner}, wie steht das Projekt? "
        "Antworten Sie auf diese Nachricht mit einem kurzen Stand.\nUnd: Hat sich etwas bewegt? Eine neue "
        "Runde zeigt es.",
        "en": "🗼 <b>Review after {months}: {title}</b>\n{owner}, how is the project going? Reply to "
        "this message with a short status.\nAnd: has anything moved? A new round shows it.",
    },
    "review.owner_unknown": {"de": "Liebes Team", "en": "Dear team"},
    "review.recheck_statements": {
        "de": "Die adressierten Aussagen neu bewerten",
        "en": "Re-check the addressed statements",
    },
    "review.recheck_all": {"de": "Den ganzen Katalog neu bewerten", "en": "Re-check the whole catalogue"},
    "review.status_saved": {
        "de": "Danke, festgehalten: Stand von «{title}» nach {months}.",
        "en": "Thank you, recorded: status of “{title}” after {months}.",
    },
    "review.status_updated": {
        "de": "Danke, der Stand nach {months} ist ergänzt.",
        "en": "Thank you, the status after {months} is updated.",
    },
    "review.owner_only": {
        "de": "Danke! Den Stand gibt {owner}, verantwortlich für das Projekt; Ihr Beitrag bleibt im Chat.",
        "en": "Thank you! The status comes from {owner}, who owns the project; your note stays in the chat.",
    },
    "review.status_too_long": {
        "de": "Bitte fassen Sie den Stand kürzer (höchstens {limit} Zeichen); nichts wurde gespeichert.",
        "en": "Please keep the status shorter (at most {limit} characters); nothing was stored.",
    },
    "months.one": {"de": "1 Monat", "en": "1 month"},
    "months.other": {"de": "{count} Monaten", "en": "{count} months"},
    "recheck.round_open": {
        "de": "Es läuft schon eine Runde; schliessen Sie sie zuerst.",
        "en": "A round is already open; close it first.",
    },
    "recheck.stale": {
        "de": "Dieses Projekt ist nicht mehr das aktuelle Leuchtturmprojekt.",
        "en": "This is no longer the current lighthouse project.",
    },
    "recheck.opened": {"de": "Die Runde ist eröffnet.", "en": "The round is open."},
    "ann.recheck": {
        "de": "Neubewertung für das Leuchtturmprojekt «{title}»",
        "en": "Re-check for the lighthouse project “{title}”",
    },
}
