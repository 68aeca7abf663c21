"""A team's own catalogues: /catalogue (upload, template), /catalogues, retiring, and what /history says
when a catalogue changed between two rounds.

German addresses the team with "Sie" and uses Swiss spelling.
"""

TEXTS: dict[str, dict[str, str]] = {
    "cmd.catalogue": {
        "de": "Eigenen Fragenkatalog hochladen oder Vorlage holen (Admins)",
        "en": "Upload the team's own catalogue, or get a template (admins)",
    },
    "cmd.catalogue.help": {
        "de": "eine .toml- oder .csv-Datei mit der Bildunterschrift <code>/catalogue</code> schicken (oder "
        "mit <code>/catalogue</code> auf sie antworten): geprüft und als neue Version gespeichert; "
        "<code>/catalogue template</code> schickt den Standardkatalog in beiden Formen als Vorlage",
        "en": "send a .toml or .csv file with the caption <code>/catalogue</code> (or reply "
        "<code>/catalogue</code> to it): checked and stored as a new version; <code>/catalogue template</code> "
        "sends the default catalogue in both forms as a starting point",
    },
    "cmd.catalogues": {
        "de": "Kataloge, die das Team verwenden kann",
        "en": "Catalogues the team can use",
    },
    "cmd.catalogues.help": {
        "de": "die eingebauten und die eigenen Kataloge mit Aussagen, Versionen und Datum; Admins legen "
        "einen eigenen mit seinem Knopf still",
        "en": "the built-in catalogues and the team's own, with statements, versions and upload dates; "
        "admins retire one of their own with its button",
    },
    # --- /catalogue ----------------------------------------------------------------------------------------
    "catalogue.usage": {
        "de": "Einen eigenen Katalog laden Sie hoch, indem Sie die Datei (.toml oder .csv) als Dokument mit "
        "der Bildunterschrift <code>/catalogue</code> schicken oder mit <code>/catalogue</code> auf sie "
        "antworten. <code>/catalogue template</code> schickt den Standardkatalog in beiden Formen als "
        "Vorlage.",
        "en": "To upload the team's own catalogue, send the file (.toml or .csv) as a document with the "
        "caption <code>/catalogue</code>, or reply <code>/catalogue</code> to it. "
        "<code>/catalogue template</code> sends the default catalogue in both forms as a starting point.",
    },
    "catalogue.unknown_word": {
        "de": "«{word}» verstehe ich nicht.",
        "en": "I don't understand “{word}”.",
    },
    "catalogue.not_a_document": {
        "de": "Diese Nachricht enthält keine Datei. Antworten Sie mit <code>/catalogue</code> auf die "
        "Katalogdatei (.toml oder .csv), oder schicken Sie sie mit der Bildunterschrift "
        "<code>/catalogue</code>.",
        "en": "That message holds no file. Reply <code>/catalogue</code> to the catalogue file (.toml or "
        ".csv), or send the file with the caption <code>/catalogue</code>.",
    },
    "catalogue.in_group": {
        "de": "Ein Katalog gehört einem Team: Schicken Sie ihn in der Gruppe des Teams, mit der "
        "Bildunterschrift <code>/catalogue</code>.",
        "en": "A catalogue belongs to a team: send it in the team's group, with the caption "
        "<code>/catalogue</code>.",
    },
    "catalogue.download_failed": {
        "de": "Die Datei konnte ich nicht von Telegram holen; nichts wurde gespeichert. Bitte schicken Sie "
        "sie noch einmal.",
        "en": "I could not fetch the file from Telegram; nothing was stored. Please send it again.",
    },
    "catalogue.refused.one": {
        "de": "❌ <b>{file}</b>: nichts gespeichert. Ein Problem, das Sie beheben müssen:",
        "en": "❌ <b>{file}</b>: nothing stored. One problem to fix:",
    },
    "catalogue.refused.other": {
        "de": "❌ <b>{file}</b>: nichts gespeichert. {count} Probleme, die Sie beheben müssen:",
        "en": "❌ <b>{file}</b>: nothing stored. {count} problems to fix:",
    },
    "catalogue.problem_line": {"de": "• {place}: {message}", "en": "• {place}: {message}"},
    "catalogue.more_problems": {
        "de": "… und {count} weitere: Sind diese behoben, zeigt das nächste Hochladen den Rest.",
        "en": "… and {count} more: once these are fixed, the next upload shows the rest.",
    },
    "catalogue.warnings": {"de": "Hinweise:", "en": "Worth a look:"},
    "catalogue.saved": {
        "de": "✅ Katalog <b>{title}</b> (<code>{id}</code>) als Version {number} gespeichert: "
        "{statements} Aussagen in {dimensions} Dimensionen. <code>/newround {id}</code> eröffnet eine Runde "
        "damit.",
        "en": "✅ Catalogue <b>{title}</b> (<code>{id}</code>) stored as version {number}: {statements} "
        "statements in {dimensions} dimensions. <code>/newround {id}</code> opens a round with it.",
    },
    "catalogue.changes_since": {
        "de": "Gegenüber Version {number}: {changes}.",
        "en": "Compared with version {number}: {changes}.",
    },
    "catalogue.changes.added": {"de": "{count} neu", "en": "{count} added"},
    "catalogue.changes.removed": {"de": "{count} entfernt", "en": "{count} removed"},
    "catalogue.changes.reworded": {"de": "{count} umformuliert", "en": "{count} reworded"},
    "catalogue.changes.moved": {
        "de": "{count} in eine andere Dimension verschoben",
        "en": "{count} moved to another dimension",
    },
    "catalogue.changes.none": {
        "de": "dieselben Aussagen mit denselben Texten; geändert haben sich andere Texte",
        "en": "the same statements with the same texts; other texts changed",
    },
    "catalogue.only.de": {
        "de": "🌐 Dieser Katalog ist nur auf Deutsch: Alle sehen ihn auf Deutsch, in welcher Sprache ihre "
        "App auch eingestellt ist.",
        "en": "🌐 This catalogue is in German only: everyone sees it in German, whatever their app's "
        "language.",
    },
    "catalogue.only.en": {
        "de": "🌐 Dieser Katalog ist nur auf Englisch: Alle sehen ihn auf Englisch, in welcher Sprache ihre "
        "App auch eingestellt ist.",
        "en": "🌐 This catalogue is in English only: everyone sees it in English, whatever their app's "
        "language.",
    },
    "catalogue.open_round_keeps": {
        "de": "Die offene Runde bleibt bei Version {before}; die nächste Runde verwendet Version {after}.",
        "en": "The open round keeps version {before}; the next round uses version {after}.",
    },
    "catalogue.unchanged": {
        "de": "Nichts Neues: <code>{id}</code> ist schon Version {number}, Wort für Wort.",
        "en": "Nothing new: <code>{id}</code> is version {number} already, word for word.",
    },
    "catalogue.too_many_catalogues": {
        "de": "Das Team hat schon {limit} eigene Kataloge in Gebrauch; legen Sie einen still (/catalogues), "
        "bevor Sie einen weiteren hochladen. Nichts wurde gespeichert.",
        "en": "The team has {limit} catalogues of its own in use; retire one (/catalogues) before you add "
        "another. Nothing was stored.",
    },
    "catalogue.too_many_versions": {
        "de": "<code>{id}</code> hat schon {limit} Versionen; mehr bewahre ich nicht auf. Laden Sie ihn "
        "unter einer neuen ID hoch. Nichts wurde gespeichert.",
        "en": "<code>{id}</code> has {limit} versions already; I keep no more. Upload it under a new id. "
        "Nothing was stored.",
    },
    # --- the template --------------------------------------------------------------------------------------
    "catalogue.template.caption": {
        "de": "📄 Der Standardkatalog in beiden Formen, als Vorlage: <b>TOML</b> für einen Texteditor, "
        "<b>CSV</b> für Excel oder LibreOffice (speichern als «CSV UTF-8»). Geben Sie ihm eine eigene ID "
        "und einen eigenen Titel, ändern Sie, was Sie möchten, und schicken Sie ihn hier mit der "
        "Bildunterschrift <code>/catalogue</code> zurück.",
        "en": "📄 The default catalogue in both forms, as a starting point: <b>TOML</b> for a text editor, "
        "<b>CSV</b> for Excel or LibreOffice (save it as “CSV UTF-8”). Give it your own id and title, change "
        "what you like, and send it back here with the caption <code>/catalogue</code>.",
    },
    "catalogue.template.title": {
        "de": "Unser Customer-Centricity-Check",
        "en": "Our customer centricity check",
    },
    "catalogue.template.comments": {
        "de": "Ein eigener Fragenkatalog für maturity-bot. Ändern Sie, was Sie möchten, und schicken Sie\n"
        "die Datei der Gruppe mit der Bildunterschrift /catalogue.\n"
        "\n"
        "id: der Name des Katalogs (a-z, 0-9, Bindestriche); /newround <id> eröffnet eine Runde damit.\n"
        "    Dieselbe ID noch einmal hochgeladen ergibt eine neue Version; laufende Runden behalten ihre.\n"
        'languages: ["de", "en"] oder nur eine Sprache; dann sehen alle diese Sprache.\n'
        "Jeden Text gibt es je Sprache: text.de und text.en.\n"
        "statements: eine [[statements]]-Tabelle je Aussage, mit id (bleibt gleich, damit Runden\n"
        "    vergleichbar sind), dimension, text, wahlweise hint und anchors.1 bis anchors.5\n"
        "    (was eine Stufe bei dieser Aussage bedeutet). Höchstens 60 Aussagen.",
        "en": "The team's own question catalogue for maturity-bot. Change what you like and send the file\n"
        "to the group with the caption /catalogue.\n"
        "\n"
        "id: the catalogue's name (a-z, 0-9, hyphens); /newround <id> opens a round with it.\n"
        "    Uploading the same id again makes a new version; rounds already open keep theirs.\n"
        'languages: ["de", "en"], or one language only; everyone then sees that one.\n'
        "Every text is given per language: text.de and text.en.\n"
        "statements: one [[statements]] table per statement, with id (keep it, so rounds stay\n"
        "    comparable), dimension, text, optionally hint and anchors.1 to anchors.5 (what a level\n"
        "    means for this statement). At most 60 statements.",
    },
    # --- /catalogues ---------------------------------------------------------------------------------------
    "catalogues.title": {"de": "<b>Kataloge dieses Teams</b>", "en": "<b>Catalogues of this team</b>"},
    "catalogues.builtin": {"de": "Eingebaut:", "en": "Built in:"},
    "catalogues.own": {"de": "Eigene:", "en": "The team's own:"},
    "catalogues.none_own": {
        "de": "Noch kein eigener: <code>/catalogue template</code> gibt eine Vorlage.",
        "en": "None of its own yet: <code>/catalogue template</code> gives a starting point.",
    },
    "catalogues.builtin_line": {
        "de": "• <code>{id}</code> – {title} · {statements} Aussagen · Version {version}",
        "en": "• <code>{id}</code> – {title} · {statements} statements · version {version}",
    },
    "catalogues.own_line": {
        "de": "• <code>{id}</code> – {title} · {statements} Aussagen · Version {number} vom {date}",
        "en": "• <code>{id}</code> – {title} · {statements} statements · version {number} of {date}",
    },
    "catalogues.only.de": {"de": " · nur Deutsch", "en": " · German only"},
    "catalogues.only.en": {"de": " · nur Englisch", "en": " · English only"},
    "catalogues.retired": {
        "de": "Stillgelegt (Runden damit behalten ihn; erneut hochladen macht ihn wieder verwendbar): {ids}",
        "en": "Retired (rounds run with them keep them; upload one again to use it again): {ids}",
    },
    "catalogues.footer": {
        "de": "Eine Runde eröffnen: <code>/newround &lt;id&gt;</code>. Eigene hochladen: "
        "<code>/catalogue</code>.",
        "en": "Open a round: <code>/newround &lt;id&gt;</code>. Upload your own: <code>/catalogue</code>.",
    },
    "catalogues.footer_admins": {
        "de": "Admins legen einen eigenen mit seinem Knopf still; Runden damit behalten ihn.",
        "en": "Admins retire one of the team's own with its button; rounds run with it keep it.",
    },
    "catalogues.retire_button": {"de": "🗄 {id} stilllegen", "en": "🗄 Retire {id}"},
    "catalogues.retired_toast": {
        "de": "{id} ist stillgelegt; Runden damit behalten ihn.",
        "en": "{id} is retired; rounds run with it keep it.",
    },
    "catalogues.gone": {"de": "Schon stillgelegt.", "en": "Already retired."},
    # --- /newround -----------------------------------------------------------------------------------------
    "newround.retired": {
        "de": "Der Katalog «{name}» ist stillgelegt. Laden Sie ihn wieder hoch (<code>/catalogue</code>), "
        "um ihn wieder zu verwenden.",
        "en": "The catalogue “{name}” is retired. Upload it again (<code>/catalogue</code>) to use it again.",
    },
    # --- /history ------------------------------------------------------------------------------------------
    "history.versions": {
        "de": "📝 <b>Der Katalog hat sich geändert</b> (Version {before} → {after}); verglichen wird Aussage "
        "für Aussage nach ID.",
        "en": "📝 <b>The catalogue changed</b> (version {before} → {after}); the rounds are compared "
        "statement by statement by id.",
    },
    "history.versions.added": {"de": "Neu:", "en": "Added:"},
    "history.versions.removed": {
        "de": "Entfernt (Nummern der Version {before}):",
        "en": "Removed (numbers of version {before}):",
    },
    "history.versions.reworded": {"de": "Umformuliert:", "en": "Reworded:"},
    "history.versions.moved": {
        "de": "In eine andere Dimension verschoben:",
        "en": "Moved to another dimension:",
    },
}
