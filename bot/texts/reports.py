"""/canvas, /history and /export: captions, the history in words, and the export's messages.

German addresses the team with "Sie" and uses Swiss spelling.
"""

TEXTS: dict[str, dict[str, str]] = {
    "cmd.canvas": {
        "de": "Customer Centricity Canvas des Teams",
        "en": "The team's Customer Centricity Canvas",
    },
    "cmd.canvas.help": {
        "de": "eine Seite: Stärken, Schwächen, strittige Punkte, Prioritäten, Leuchtturmprojekt und "
        "Kompetenzen; <code>/canvas pdf</code> als PDF",
        "en": "one page: strengths, weaknesses, disputed points, priorities, lighthouse project and "
        "competences; <code>/canvas pdf</code> as a PDF",
    },
    "cmd.history": {"de": "Entwicklung über die Runden", "en": "Development over the rounds"},
    "cmd.history.help": {
        "de": "Reifegrad je Dimension über alle abgeschlossenen Runden und was sich zuletzt verändert hat",
        "en": "maturity per dimension over every closed round, and what changed most recently",
    },
    "cmd.export": {
        "de": "Alle Runden als CSV und JSON (Admins)",
        "en": "Every round as CSV and JSON (admins)",
    },
    "cmd.export.help": {
        "de": "schickt Ihnen privat alle abgeschlossenen Runden mit Antworten, Kommentaren und Kennzahlen "
        "(CSV für <code>maturity-bot analyse</code>, JSON); nie in die Gruppe",
        "en": "sends you privately every closed round with answers, comments and statistics (CSV for "
        "<code>maturity-bot analyse</code>, JSON); never to the group",
    },
    # --- canvas ----------------------------------------------------------------------------------------
    "canvas.usage": {
        "de": "<code>/canvas</code> zeigt das Canvas als Bild, <code>/canvas pdf</code> als PDF.",
        "en": "<code>/canvas</code> shows the canvas as a picture, <code>/canvas pdf</code> as a PDF.",
    },
    "canvas.no_round": {
        "de": "Noch keine Ergebnisse: Das Canvas zeigt die Ergebnisse einer abgeschlossenen Runde (/newround).",
        "en": "No results yet: the canvas shows the results of a closed round (/newround).",
    },
    "canvas.caption": {
        "de": "Customer Centricity Canvas · {team} · {date}",
        "en": "Customer Centricity Canvas · {team} · {date}",
    },
    # --- history ---------------------------------------------------------------------------------------
    "history.no_rounds": {
        "de": "Noch keine abgeschlossene Runde; die Entwicklung zeigt sich ab der ersten.",
        "en": "No closed round yet; the development shows from the first one on.",
    },
    "history.caption": {
        "de": "Reifegrad je Dimension über {rounds} Runde(n)",
        "en": "Maturity per dimension over {rounds} round(s)",
    },
    "history.chart_title": {"de": "Entwicklung · {team}", "en": "Development · {team}"},
    "history.one_round": {
        "de": "Bisher eine Runde: Was sich verändert, zeigt die nächste – die Methode empfiehlt eine "
        "Überprüfung nach 3, 6 und 12 Monaten.",
        "en": "One round so far: the next one shows what changed – the method suggests checking again after "
        "3, 6 and 12 months.",
    },
    "history.title": {
        "de": "<b>Was sich verändert hat</b> ({before} → {after})",
        "en": "<b>What changed</b> ({before} → {after})",
    },
    "history.overall": {
        "de": "Reifegrad insgesamt: {before} → <b>{after}</b> ({delta})",
        "en": "Overall maturity: {before} → <b>{after}</b> ({delta})",
    },
    "history.up": {"de": "⬆️ <b>Gestiegen</b>", "en": "⬆️ <b>Up</b>"},
    "history.down": {"de": "⬇️ <b>Gesunken</b>", "en": "⬇️ <b>Down</b>"},
    "history.dimension": {
        "de": "• {title}: {before} → {after} ({delta})",
        "en": "• {title}: {before} → {after} ({delta})",
    },
    "history.no_level_change": {
        "de": "Keine Dimension hat sich um eine Viertelstufe oder mehr bewegt.",
        "en": "No dimension moved by a quarter of a level or more.",
    },
    "history.convergence.converged": {
        "de": "🤝 <b>Die Einschätzungen sind näher zusammengerückt.</b>",
        "en": "🤝 <b>The judgments have come closer together.</b>",
    },
    "history.convergence.drifted_apart": {
        "de": "↔️ <b>Die Einschätzungen sind auseinandergedriftet.</b>",
        "en": "↔️ <b>The judgments have drifted apart.</b>",
    },
    "history.convergence.unchanged": {
        "de": "<b>Die Übereinstimmung ist etwa gleich geblieben.</b>",
        "en": "<b>The agreement has stayed about the same.</b>",
    },
    "history.convergence.mixed": {
        "de": "<b>Gemischt:</b> weniger Streitpunkte, aber insgesamt weniger Übereinstimmung – oder "
        "umgekehrt.",
        "en": "<b>Mixed:</b> fewer disputed points but less agreement overall – or the other way round.",
    },
    "history.convergence.not_comparable": {
        "de": "<b>Die Übereinstimmung lässt sich nicht vergleichen.</b>",
        "en": "<b>The agreement cannot be compared.</b>",
    },
    "history.agreement": {
        "de": "Strittige Aussagen: {disputed_before} → {disputed_after}; Krippendorffs Alpha: "
        "{alpha_before} → {alpha_after}",
        "en": "Disputed statements: {disputed_before} → {disputed_after}; Krippendorff's alpha: "
        "{alpha_before} → {alpha_after}",
    },
    "history.alpha_band.reliable": {
        "de": "Das Team sieht das Unternehmen inzwischen weitgehend gleich.",
        "en": "The team now largely sees the company the same way.",
    },
    "history.alpha_band.tentative": {
        "de": "Das Bild ist teilweise gemeinsam; einzelne Punkte sind noch offen.",
        "en": "The picture is partly shared; some points are still open.",
    },
    "history.alpha_band.unreliable": {
        "de": "Das Team sieht das Unternehmen noch recht unterschiedlich.",
        "en": "The team still sees the company rather differently.",
    },
    "history.resolved": {
        "de": "✅ <b>Früher strittig, jetzt einig</b>",
        "en": "✅ <b>Disputed before, agreed now</b>",
    },
    "history.new_disputes": {
        "de": "⚠️ <b>Neu strittig</b>",
        "en": "⚠️ <b>Newly disputed</b>",
    },
    "history.statement": {"de": "• {number} · {text}", "en": "• {number} · {text}"},
    "history.more": {"de": "… und {count} weitere", "en": "… and {count} more"},
    "history.rerates.one": {
        "de": "🔁 Eine Neubewertung zählt zu ihrer Runde, nicht als eigene Stufe.",
        "en": "🔁 One re-rating counts as part of its round, not as a level of its own.",
    },
    "history.rerates.other": {
        "de": "🔁 {count} Neubewertungen zählen zu ihren Runden, nicht als eigene Stufen.",
        "en": "🔁 {count} re-ratings count as part of their rounds, not as levels of their own.",
    },
    "history.beliefs": {"de": "📌 <b>Festgehaltene Überzeugungen</b>", "en": "📌 <b>Beliefs recorded</b>"},
    "history.belief": {
        "de": "• «{text}» (Aussage {number}): {status}",
        "en": "• “{text}” (statement {number}): {status}",
    },
    "history.not_comparable": {
        "de": "Die beiden Runden haben keine gemeinsam beurteilten Aussagen.",
        "en": "The two rounds share no statements both could judge.",
    },
    # --- export ----------------------------------------------------------------------------------------
    "export.no_rounds": {
        "de": "Noch keine abgeschlossene Runde zum Exportieren.",
        "en": "No closed round to export yet.",
    },
    "export.caption": {
        "de": "Export von «{team}»: {rounds} abgeschlossene Runde(n). Die CSV liest "
        "<code>maturity-bot analyse DATEI --round N</code>.",
        "en": "Export of “{team}”: {rounds} closed round(s). The CSV is read by "
        "<code>maturity-bot analyse FILE --round N</code>.",
    },
    "export.sent": {
        "de": "Ich habe Ihnen den Export privat geschickt.",
        "en": "I have sent you the export privately.",
    },
    "export.no_private_chat": {
        "de": "Privat kann ich Ihnen noch nicht schreiben. Öffnen Sie den Chat mit mir und senden Sie "
        "/export dann noch einmal hier.",
        "en": "I cannot write to you privately yet. Open the chat with me, then send /export here again.",
    },
    "export.open_chat": {"de": "Chat mit dem Bot öffnen", "en": "Open the chat with the bot"},
    "export.chat_open": {
        "de": "Der Chat ist offen. Senden Sie /export jetzt noch einmal in der Gruppe.",
        "en": "The chat is open. Now send /export in the group again.",
    },
    "export.anonymous_admin": {
        "de": "Als anonymer Admin haben Sie keinen privaten Chat mit mir; senden Sie /export unter Ihrem "
        "eigenen Namen.",
        "en": "As an anonymous admin you have no private chat with me; send /export under your own name.",
    },
}
