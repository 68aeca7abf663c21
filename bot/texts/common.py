"""What the bot says everywhere: /help, the command descriptions of /help, the bot in a group, refusals
and errors. German addresses managers with "Sie".

Texts may contain Telegram HTML (<b>, <i>); values are escaped by ``bot.views.html.th``.
"""

TEXTS: dict[str, dict[str, str]] = {
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
    "command.no_arguments": {
        "de": "/{command} braucht keine Angaben; nichts wurde geändert. Senden Sie nur <code>/{command}</code>.",
        "en": "/{command} takes no arguments; nothing was changed. Send just <code>/{command}</code>.",
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
