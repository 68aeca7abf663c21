"""The words in the result charts. Plain text: matplotlib draws them, nothing is escaped or parsed.

German follows the bot's Swiss spelling (``ss``, no ``ß``). Keys start with ``chart.``.
"""

TEXTS: dict[str, dict[str, str]] = {
    # --- comparison chart ---------------------------------------------------------------------------------
    "chart.comparison_title": {"de": "Einschätzungen im Vergleich", "en": "Judgments compared"},
    "chart.comparison_subtitle_named": {
        "de": "Jedes Zeichen ist die Einschätzung einer Führungskraft",
        "en": "Each marker is one manager's judgment",
    },
    "chart.comparison_subtitle_anonymous": {
        "de": "Anonyme Runde: Zahl im Kreis = Anzahl Führungskräfte mit dieser Stufe",
        "en": "Anonymous round: number in the circle = managers who chose that level",
    },
    "chart.no_comparison": {
        "de": "Nur eine Führungskraft hat bewertet: es gibt nichts zu vergleichen",
        "en": "Only one manager rated: there is nothing to compare",
    },
    "chart.team_mean": {"de": "Team-Mittel", "en": "Team mean"},
    "chart.range": {"de": "Spannweite", "en": "Range"},
    "chart.disagreement": {"de": "uneinig", "en": "disagreement"},
    "chart.dissent": {"de": "Einzelmeinung", "en": "dissent"},
    "chart.cant_judge": {"de": "kann ich nicht beurteilen", "en": "can't judge"},
    "chart.scale_low": {"de": "1 = Anfang", "en": "1 = initial"},
    "chart.scale_high": {"de": "5 = führend", "en": "5 = leading"},
    "chart.no_level": {"de": "keine Stufe gewählt", "en": "no level chosen"},
    "chart.level": {"de": "Reifegrad", "en": "Maturity level"},
    "chart.other_statements": {"de": "Weitere Aussagen", "en": "Other statements"},
    "chart.dimension_mean": {"de": "Ø {mean}", "en": "Ø {mean}"},
    "chart.anonymous_count": {"de": "{count} Führungskräfte", "en": "{count} managers"},
    # --- dimension profile --------------------------------------------------------------------------------
    "chart.profile_title": {"de": "Reifegrad je Dimension", "en": "Maturity by dimension"},
    "chart.profile_mean": {"de": "Mittel des Teams", "en": "Team mean"},
    "chart.profile_band": {
        "de": "tiefstes bis höchstes Mittel einer Führungskraft",
        "en": "lowest to highest mean of one manager",
    },
    "chart.profile_value": {"de": "Mittel · Index", "en": "Mean · index"},
    "chart.change": {"de": "{delta} ggü. früher", "en": "{delta} vs. earlier"},
    "chart.previous_round": {"de": "frühere Runde", "en": "earlier round"},
    "chart.overall": {"de": "Gesamt: {mean} ({index})", "en": "Overall: {mean} ({index})"},
    "chart.no_ratings": {"de": "keine Bewertungen", "en": "no ratings"},
    # --- history over the rounds ------------------------------------------------------------------------
    "chart.history_title": {"de": "Reifegrad über die Runden", "en": "Maturity over the rounds"},
    "chart.history_subtitle.one": {
        "de": "Mittlere Stufe 1–5 je Dimension in der ersten abgeschlossenen Runde",
        "en": "Mean level 1–5 per dimension in the first closed round",
    },
    "chart.history_subtitle.other": {
        "de": "Mittlere Stufe 1–5 je Dimension in {count} abgeschlossenen Runden",
        "en": "Mean level 1–5 per dimension over {count} closed rounds",
    },
    "chart.history_empty": {
        "de": "Noch keine abgeschlossene Runde",
        "en": "No closed round yet",
    },
    "chart.history_dimension": {"de": "Mittel der Dimension", "en": "Dimension mean"},
    "chart.history_reference": {"de": "Gesamtmittel zum Vergleich", "en": "Overall mean, for comparison"},
    "chart.history_gap": {"de": "Lücke: in der Runde nicht bewertet", "en": "Gap: not rated in that round"},
    "chart.history_overall": {"de": "Gesamt", "en": "Overall"},
    "chart.history_overall_note": {"de": "Mittel aller Aussagen", "en": "mean of all statements"},
    "chart.history_latest": {"de": "Zuletzt · Δ", "en": "Latest · Δ"},
    "chart.history_latest_only": {"de": "Zuletzt", "en": "Latest"},
    "chart.history_not_rated": {"de": "nicht bewertet", "en": "not rated"},
    # --- the agreement map ------------------------------------------------------------------------------
    "chart.map_title": {"de": "Karte der Einigkeit", "en": "Map of agreement"},
    "chart.map_note": {
        "de": "Jeder Punkt ist eine Aussage (ihre Nummer): wie hoch das Team sie bewertet und wie weit die "
        "Einschätzungen streuen",
        "en": "Each dot is a statement (its number): how high the team rates it and how far the judgments "
        "spread",
    },
    "chart.map_left_out": {
        "de": "{count} Aussage(n) ohne genug Bewertungen nicht gezeigt",
        "en": "{count} statement(s) without enough ratings not shown",
    },
    "chart.map_agreement": {"de": "einig", "en": "agreement"},
    "chart.map_contested": {"de": "umstritten", "en": "contested"},
    "chart.map_strength": {"de": "gemeinsame Stärke", "en": "agreed strength"},
    "chart.map_weakness": {"de": "gemeinsame Schwäche", "en": "agreed weakness"},
    "chart.map_x": {"de": "Mittel des Teams (Reifegrad 1–5)", "en": "Team mean (maturity level 1–5)"},
    "chart.map_y": {"de": "Streuung (AD_M)", "en": "Spread (AD_M)"},
}
