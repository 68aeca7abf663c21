"""The beliefs behind the differences: asking why, the reasons in the group, re-rating, recorded beliefs.

German addresses managers with "Sie" and uses Swiss spelling (ss, «»). Texts may contain Telegram HTML;
values are escaped by ``bot.views.html.th``.
"""

TEXTS: dict[str, dict[str, str]] = {
    # --- command descriptions (setMyCommands, at most 256 characters) and /help lines -------------------
    "cmd.reasons": {"de": "Begründungen zu den Unterschieden", "en": "Reasons behind the differences"},
    "cmd.reasons.help": {
        "de": "zeigt, was die Führungskräfte an den Extremen zu den strittigen Aussagen sagen (bisher oder "
        "abschliessend)",
        "en": "shows what the managers at the extremes say about the disputed statements (so far, or final)",
    },
    "cmd.rerate": {
        "de": "Strittige Punkte neu bewerten (Admins)",
        "en": "Re-rate the disputed points (admins)",
    },
    "cmd.rerate.help": {
        "de": "eröffnet eine Runde nur über die strittigen Aussagen der letzten Runde, mit den früheren "
        "Bewertungen und den Begründungen vor Augen",
        "en": "opens a round over only the disputed statements of the last round, with the earlier ratings "
        "and the reasons in view",
    },
    "cmd.belief": {"de": "Eine Überzeugung festhalten", "en": "Record a belief"},
    "cmd.belief.help": {
        "de": "hält eine Überzeugung fest, die das Gespräch über eine Aussage zutage gefördert hat",
        "en": "records a belief that the discussion of a statement brought to light",
    },
    "cmd.beliefs": {"de": "Die Überzeugungen des Teams", "en": "The team's beliefs"},
    "cmd.beliefs.help": {
        "de": "listet die festgehaltenen Überzeugungen, die neuesten zuerst, und ob sich die Einschätzungen "
        "seither angenähert haben",
        "en": "lists the recorded beliefs, newest first, and whether the judgments have converged since",
    },
    # --- the question in the private chat ---------------------------------------------------------------
    "reasons.question": {
        "de": "🤔 <b>Warum sehen Sie das so?</b> ({index}/{total})\n\n"
        "Aussage {number} aus «{catalogue}» ({team}):\n<i>{statement}</i>\n\n"
        "Sie haben <b>{own}</b> gegeben; die anderen {others}. "
        "Was sehen Sie, das es zu einer {own} macht?\n\n"
        "Schreiben Sie Ihre Antwort einfach hier (höchstens {limit} Zeichen). Die Gruppe sieht die Begründungen "
        "{named}.",
        "en": "🤔 <b>Why do you see it this way?</b> ({index}/{total})\n\n"
        "Statement {number} of “{catalogue}” ({team}):\n<i>{statement}</i>\n\n"
        "You rated <b>{own}</b>; the others rated {others}. What do you see that makes it a {own}?\n\n"
        "Just write your answer here (at most {limit} characters). The group sees the reasons {named}.",
    },
    "reasons.named": {"de": "mit Ihrem Namen", "en": "with your name"},
    "reasons.anonymous": {"de": "ohne Namen", "en": "without names"},
    "reasons.skip_button": {"de": "Diese überspringen", "en": "Skip this one"},
    "reasons.stop_button": {"de": "Nicht mehr fragen", "en": "Stop asking me"},
    "reasons.saved": {
        "de": "✅ Festgehalten zu Aussage {number}. Ändern können Sie es, bis die Begründungen in der Gruppe "
        "stehen: antworten Sie auf die Frage mit dem neuen Text.",
        "en": "✅ Noted for statement {number}. You can change it until the reasons are posted in the group: "
        "reply to the question with the new text.",
    },
    "reasons.changed": {
        "de": "✅ Geändert zu Aussage {number}.",
        "en": "✅ Changed for statement {number}.",
    },
    "reasons.too_long": {
        "de": "Das sind {length} Zeichen; eine Begründung hat höchstens {limit}. Nichts gespeichert: bitte "
        "kürzen Sie sie.",
        "en": "That is {length} characters; a reason has at most {limit}. Nothing was stored: please shorten "
        "it.",
    },
    "reasons.skipped": {"de": "Übersprungen.", "en": "Skipped."},
    "reasons.stopped": {
        "de": "Verstanden: keine weiteren Fragen zu dieser Runde.",
        "en": "Understood: no more questions about this round.",
    },
    "reasons.done": {
        "de": "Danke! Das war meine letzte Frage. Die Begründungen erscheinen in der Gruppe, sobald alle "
        "Gefragten geantwortet haben.",
        "en": "Thank you! That was my last question. The reasons appear in the group once everyone asked has "
        "answered.",
    },
    "reasons.closed": {
        "de": "Die Begründungen dieser Runde stehen schon in der Gruppe; das ändert nichts mehr.",
        "en": "The reasons of this round are already posted in the group; this changes nothing.",
    },
    "reasons.settled": {
        "de": "Diese Frage ist schon erledigt.",
        "en": "This question is settled already.",
    },
    # --- the reasons in the group -----------------------------------------------------------------------
    "reasons.title": {
        "de": "💬 <b>Warum die Einschätzungen auseinandergehen</b> · {title}",
        "en": "💬 <b>Why the judgments differ</b> · {title}",
    },
    "reasons.title_interim": {
        "de": "💬 <b>Warum die Einschätzungen auseinandergehen</b> (bisher) · {title}",
        "en": "💬 <b>Why the judgments differ</b> (so far) · {title}",
    },
    "reasons.intro": {
        "de": "Gefragt wurden jeweils die Führungskräfte mit der tiefsten und der höchsten Bewertung (bei einer "
        "Einzelmeinung: wer abweicht).",
        "en": "Asked were the managers with the lowest and the highest rating of each (for a dissent: who "
        "dissents).",
    },
    "reasons.statement": {
        "de": "<b>{number}</b> · {text}\nBewertungen: {distribution}",
        "en": "<b>{number}</b> · {text}\nRatings: {distribution}",
    },
    "reasons.line_named": {"de": "• {name} ({level}): {reason}", "en": "• {name} ({level}): {reason}"},
    "reasons.line_anonymous": {"de": "• ({level}): {reason}", "en": "• ({level}): {reason}"},
    "reasons.someone": {"de": "jemand", "en": "someone"},
    "reasons.no_reason": {"de": "keine Begründung", "en": "no reason given"},
    "reasons.not_asked": {
        "de": "Ebenfalls strittig, aber nicht nachgefragt: {numbers}.",
        "en": "Also disputed, not asked about: {numbers}.",
    },
    "reasons.waiting_named": {"de": "Noch gefragt: {names}.", "en": "Still asked: {names}."},
    "reasons.waiting_count": {
        "de": "Noch gefragt: {count} Führungskräfte.",
        "en": "Still asked: {count} managers.",
    },
    "reasons.until": {
        "de": "Die übrigen Begründungen folgen, sobald alle geantwortet haben, spätestens {until}.",
        "en": "The other reasons follow once everyone has answered, at the latest {until}.",
    },
    "reasons.next": {
        "de": "Besprechen Sie, welche Überzeugung hinter jeder Sicht steht. Mit /rerate bewerten alle diese "
        "Punkte neu, die Begründungen vor Augen; /belief hält eine Überzeugung fest.",
        "en": "Discuss which belief lies behind each view. With /rerate everyone rates these points again, "
        "with the reasons in view; /belief records a belief.",
    },
    "reasons.no_results": {
        "de": "Es gibt noch keine Ergebnisse; nach dem Abschluss einer Runde frage ich bei den Unterschieden "
        "nach dem Warum.",
        "en": "There are no results yet; after a round closes I ask why where the judgments differ.",
    },
    "reasons.none_asked": {
        "de": "Zur letzten Runde wurde niemand nach Gründen gefragt: es gab keine Unterschiede in der "
        "Einschätzung, oder niemand war erreichbar.",
        "en": "Nobody was asked for reasons about the last round: there were no differences in judgment, or "
        "nobody could be reached.",
    },
    # --- /rerate --------------------------------------------------------------------------------------
    "rerate.heading": {
        "de": "🔁 <b>Neu bewerten</b>: die {count} strittigen Punkte der Runde vom {date}, jetzt mit den "
        "Begründungen. Sie sehen zu jeder Aussage die früheren Bewertungen und die Gründe.",
        "en": "🔁 <b>Re-rating</b>: the {count} disputed points of the round of {date}, now that the reasons "
        "are in. Each statement shows the earlier ratings and the reasons.",
    },
    "rerate.no_round": {
        "de": "Es gibt noch keine abgeschlossene Runde, die man neu bewerten könnte.",
        "en": "There is no closed round to re-rate yet.",
    },
    "rerate.nothing_disputed": {
        "de": "In der letzten Runde war nichts strittig: es gibt nichts neu zu bewerten.",
        "en": "Nothing was disputed in the last round: there is nothing to re-rate.",
    },
    "rerate.earlier": {"de": "<b>Vorher</b>: {distribution}", "en": "<b>Before</b>: {distribution}"},
    "rerate.your_earlier": {"de": "Ihre frühere Bewertung: {level}", "en": "Your earlier rating: {level}"},
    "rerate.reasons": {"de": "<b>Begründungen</b>:", "en": "<b>Reasons</b>:"},
    # --- /belief and /beliefs -------------------------------------------------------------------------
    "belief.usage": {
        "de": "So halten Sie eine Überzeugung fest: /belief 7 Unsere Kunden wissen nicht, was sie wollen",
        "en": "Record a belief like this: /belief 7 Our customers don't know what they want",
    },
    "belief.number": {
        "de": "«{value}» ist keine Nummer einer Aussage (1–{count}).",
        "en": "“{value}” is not a statement number (1–{count}).",
    },
    "belief.no_text": {
        "de": "Schreiben Sie die Überzeugung hinter die Nummer: /belief {value} …",
        "en": "Add the belief after the number: /belief {value} …",
    },
    "belief.too_long": {
        "de": "Eine Überzeugung hat höchstens {limit} Zeichen; diese hat {value}.",
        "en": "A belief has at most {limit} characters; this one has {value}.",
    },
    "belief.no_round": {
        "de": "Überzeugungen gehören zu den Aussagen einer abgeschlossenen Runde; es gibt noch keine.",
        "en": "Beliefs belong to the statements of a closed round; there is none yet.",
    },
    "belief.saved": {
        "de": "📌 Festgehalten zu Aussage {number}: «{text}». /beliefs zeigt alle.",
        "en": "📌 Recorded for statement {number}: “{text}”. /beliefs lists them all.",
    },
    "beliefs.title": {
        "de": "📌 <b>Die Überzeugungen des Teams</b> (die neuesten zuerst)",
        "en": "📌 <b>The team's beliefs</b> (newest first)",
    },
    "beliefs.line": {
        "de": "{index}. «{text}»\n    Aussage {number}: {statement} · {status}",
        "en": "{index}. “{text}”\n    Statement {number}: {statement} · {status}",
    },
    "beliefs.converged": {"de": "seit {date} angenähert", "en": "converged since {date}"},
    "beliefs.disputed": {"de": "weiterhin strittig", "en": "still disputed"},
    "beliefs.not_rated": {"de": "seither nicht neu bewertet", "en": "not rated again since"},
    "beliefs.none": {
        "de": "Noch keine Überzeugungen festgehalten. Nach den Ergebnissen: /belief &lt;Nummer der Aussage&gt; "
        "&lt;Text&gt;.",
        "en": "No beliefs recorded yet. After the results: /belief &lt;statement number&gt; &lt;text&gt;.",
    },
    "beliefs.more": {"de": "… und {count} ältere.", "en": "… and {count} older ones."},
    "beliefs.delete_hint": {
        "de": "Admins löschen eine Überzeugung mit ihrem Knopf.",
        "en": "Admins delete a belief with its button.",
    },
    "beliefs.delete_button": {"de": "🗑 {index}", "en": "🗑 {index}"},
    "beliefs.deleted": {"de": "Gelöscht: «{text}»", "en": "Deleted: “{text}”"},
    "beliefs.gone": {"de": "Diese Überzeugung ist schon gelöscht.", "en": "That belief is deleted already."},
}
