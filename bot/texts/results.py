"""The results posted to the group when a round closes (and again with /results).

German addresses the managers with "Sie" and follows Swiss spelling (ss, «»), like the method's source
articles. Texts are plain: ``bot.domain.results`` fills the placeholders with styled spans, and the
renderer escapes everything. Keys ending in ``.one`` / ``.other`` are chosen by a count.
"""

TEXTS: dict[str, dict[str, str]] = {
    # --- headline -----------------------------------------------------------------------------------------
    "report.title_default": {"de": "{catalogue} – Ergebnisse", "en": "{catalogue} – results"},
    "report.answered.one": {
        "de": "{count} Führungskraft hat geantwortet.",
        "en": "{count} manager answered.",
    },
    "report.answered.other": {
        "de": "{count} Führungskräfte haben geantwortet.",
        "en": "{count} managers answered.",
    },
    "report.partial_named": {
        "de": "{name} hat {answered} von {total} Aussagen beantwortet.",
        "en": "{name} answered {answered} of {total} statements.",
    },
    "report.partial_anonymous.one": {
        "de": "{count} Führungskraft hat nur einen Teil der Aussagen beantwortet.",
        "en": "{count} manager answered only part of the statements.",
    },
    "report.partial_anonymous.other": {
        "de": "{count} Führungskräfte haben nur einen Teil der Aussagen beantwortet.",
        "en": "{count} managers answered only part of the statements.",
    },
    "report.excluded.one": {
        "de": "Nicht eingerechnet sind die Antworten von {count} Person, die die Gruppe verlassen hat.",
        "en": "The answers of {count} person who has left the group are not counted.",
    },
    "report.excluded.other": {
        "de": "Nicht eingerechnet sind die Antworten von {count} Personen, die die Gruppe verlassen haben.",
        "en": "The answers of {count} people who have left the group are not counted.",
    },
    "report.overall": {
        "de": "Reifegrad-Index gesamt: {index} · mittlere Stufe {level} von 5",
        "en": "Overall maturity index: {index} · mean level {level} of 5",
    },
    "report.overall_note": {
        "de": "Index: Stufe 1 = 0 %, Stufe 5 = 100 %",
        "en": "Index: level 1 = 0%, level 5 = 100%",
    },
    # --- dimensions ---------------------------------------------------------------------------------------
    "report.dimensions.heading": {"de": "Reifegrad je Dimension", "en": "Maturity by dimension"},
    "report.dimension.line": {
        "de": "{bar} {title}: Stufe {level} · {index}",
        "en": "{bar} {title}: level {level} · {index}",
    },
    "report.dimension.unrated": {
        "de": "{bar} {title}: von niemandem beurteilt",
        "en": "{bar} {title}: nobody could judge it",
    },
    # --- agreement ----------------------------------------------------------------------------------------
    "report.agreement.heading": {"de": "Wie einig sind Sie sich?", "en": "How far do your judgments agree?"},
    "report.alpha.ordinal": {
        "de": "Krippendorffs Alpha (ordinal): {value} · n = {n} Bewertungen",
        "en": "Krippendorff's alpha (ordinal): {value} · n = {n} ratings",
    },
    "report.alpha.interval": {
        "de": "Zum Vergleich, intervallskaliert: {value}",
        "en": "For comparison, interval scale: {value}",
    },
    "report.alpha.good": {
        "de": "Ihre Urteile stimmen gut überein.",
        "en": "Your judgments agree well.",
    },
    "report.alpha.tentative": {
        "de": "Ihre Urteile stimmen nur bedingt überein: Lesen Sie die Mittelwerte mit Vorsicht.",
        "en": "Your judgments agree only tentatively: read the averages with care.",
    },
    "report.alpha.low": {
        "de": "Sie beurteilen das Unternehmen recht unterschiedlich – genau darüber lohnt sich die Diskussion.",
        "en": "You judge the company quite differently – that is exactly what to discuss.",
    },
    "report.alpha.bands": {
        "de": "Richtwerte: ab {good} gute, ab {tentative} vorläufige Übereinstimmung.",
        "en": "Guide values: {good} and above agree well, {tentative} and above tentatively.",
    },
    "report.alpha.no_variation": {
        "de": "Alpha lässt sich nicht berechnen: Alle Bewertungen liegen auf derselben Stufe, es gibt keine "
        "Streuung, die man vergleichen könnte.",
        "en": "Alpha cannot be computed: every rating is on the same level, so there is no spread to compare.",
    },
    "report.alpha.too_few": {
        "de": "Alpha lässt sich nicht berechnen: Keine Aussage wurde von mindestens zwei Führungskräften "
        "bewertet.",
        "en": "Alpha cannot be computed: no statement was rated by at least two managers.",
    },
    "report.alpha.undefined": {
        "de": "Alpha lässt sich nicht berechnen ({reason}).",
        "en": "Alpha cannot be computed ({reason}).",
    },
    # --- differences in judgment --------------------------------------------------------------------------
    "report.differences.heading": {"de": "Unterschiede in der Beurteilung", "en": "Differences in judgment"},
    "report.differences.intro": {
        "de": "Bei {count} von {total} Aussagen gehen Ihre Urteile auseinander. Darüber lohnt sich die "
        "Diskussion: Unterschiede machen verborgene Glaubenssätze sichtbar.",
        "en": "Your judgments differ on {count} of {total} statements. These are worth discussing: "
        "differences bring hidden beliefs to light.",
    },
    "report.differences.none": {
        "de": "Bei keiner Aussage gehen Ihre Urteile deutlich auseinander: Das Team ist sich einig.",
        "en": "No statement shows a real difference in judgment: the team agrees.",
    },
    "report.differences.not_comparable": {
        "de": "Keine Aussage wurde von genug Führungskräften bewertet, um Urteile zu vergleichen.",
        "en": "No statement was rated by enough managers to compare judgments.",
    },
    "report.statement": {"de": "{number}. {text}", "en": "{number}. {text}"},
    "report.ratings": {"de": "Bewertungen: {ratings}", "en": "Ratings: {ratings}"},
    "report.distribution": {"de": "Verteilung: {distribution}", "en": "Distribution: {distribution}"},
    "report.level_count": {"de": "{count}× Stufe {level}", "en": "{count}× level {level}"},
    "report.stat.n": {"de": "n = {n}", "en": "n = {n}"},
    "report.stat.cant_judge": {
        "de": "«kann ich nicht beurteilen»: {count}",
        "en": "“can't judge”: {count}",
    },
    "report.stat.cant_judge_named": {
        "de": "«kann ich nicht beurteilen»: {count} ({names})",
        "en": "“can't judge”: {count} ({names})",
    },
    "report.stat.mean": {"de": "Mittel {value}", "en": "mean {value}"},
    "report.stat.median": {"de": "Median {value}", "en": "median {value}"},
    "report.verdict.polarised": {
        "de": "➜ Das Team ist gespalten: {low}× Stufe 1–2, {high}× Stufe 4–5.",
        "en": "➜ The team is split: {low}× level 1–2, {high}× level 4–5.",
    },
    "report.verdict.dispersed": {
        "de": "➜ Das Team ist sich uneinig: Die Urteile reichen von Stufe {min} bis {max}.",
        "en": "➜ The team is split: judgments range from level {min} to level {max}.",
    },
    "report.verdict.dissent_named": {
        "de": "➜ {name} sieht das deutlich anders als die übrigen: Stufe {level}, die anderen im Median "
        "{median}.",
        "en": "➜ {name} sees it clearly differently from the others: level {level}, the others' median "
        "{median}.",
    },
    "report.verdict.dissent_anonymous.one": {
        "de": "➜ Eine Führungskraft sieht das deutlich anders als die übrigen: Stufe {level}, die anderen "
        "im Median {median}.",
        "en": "➜ One manager sees it clearly differently from the others: level {level}, the others' "
        "median {median}.",
    },
    "report.verdict.dissent_anonymous.other": {
        "de": "➜ {count} Führungskräfte sehen das deutlich anders als die übrigen.",
        "en": "➜ {count} managers see it clearly differently from the others.",
    },
    "report.comment_named": {"de": "💬 {name}: {comment}", "en": "💬 {name}: {comment}"},
    "report.comment_anonymous": {"de": "💬 {comment}", "en": "💬 {comment}"},
    # --- consensual strengths and weaknesses, knowledge gaps ----------------------------------------------
    "report.strengths.heading": {
        "de": "Stärken, in denen Sie sich einig sind",
        "en": "Strengths you agree on",
    },
    "report.weaknesses.heading": {
        "de": "Schwächen, in denen Sie sich einig sind",
        "en": "Weaknesses you agree on",
    },
    "report.position": {
        "de": "• {number}. {text} – Mittel {mean} (n = {n})",
        "en": "• {number}. {text} – mean {mean} (n = {n})",
    },
    "report.gaps.heading": {"de": "Wissenslücken", "en": "Knowledge gaps"},
    "report.gaps.intro": {
        "de": "Diese Aussagen konnten viele nicht beurteilen. Auch das ist ein Befund: Hier fehlt der Einblick.",
        "en": "Many of you could not judge these statements. That is a finding too: the insight is missing.",
    },
    "report.gap.one": {
        "de": "• {number}. {text} – {count} von {answered} kann das nicht beurteilen",
        "en": "• {number}. {text} – {count} of {answered} can't judge it",
    },
    "report.gap.other": {
        "de": "• {number}. {text} – {count} von {answered} können das nicht beurteilen",
        "en": "• {number}. {text} – {count} of {answered} can't judge it",
    },
    # --- managers who judge systematically differently (named rounds only) --------------------------------
    "report.raters.heading": {
        "de": "Wer systematisch anders urteilt",
        "en": "Who judges systematically differently",
    },
    "report.raters.intro": {
        "de": "Das ist kein Vorwurf: Ein anderer Blickwinkel ist genau das, was die Diskussion braucht.",
        "en": "No blame intended: a different vantage point is exactly what the discussion needs.",
    },
    "report.levels.one": {"de": "{value} Stufen", "en": "{value} level"},
    "report.levels.other": {"de": "{value} Stufen", "en": "{value} levels"},
    "report.rater.higher": {
        "de": "{name} schätzt im Schnitt {levels} höher ein als die übrigen ({k} Aussagen).",
        "en": "{name} rates on average {levels} higher than the others ({k} statements).",
    },
    "report.rater.lower": {
        "de": "{name} schätzt im Schnitt {levels} tiefer ein als die übrigen ({k} Aussagen).",
        "en": "{name} rates on average {levels} lower than the others ({k} statements).",
    },
    "report.rater.pattern": {
        "de": "Bei {name} folgen die Bewertungen einem anderen Muster als bei den übrigen: Was die anderen "
        "hoch einschätzen, schätzt {name} nicht unbedingt hoch ein ({k} Aussagen).",
        "en": "{name} rates in a different pattern from the others: what the others rate high, {name} does "
        "not necessarily rate high ({k} statements).",
    },
    "report.rater.straight": {
        "de": "{name} hat überall dieselbe Stufe vergeben ({k} Aussagen); so lassen sich Stärken und "
        "Schwächen nicht unterscheiden.",
        "en": "{name} gave the same level everywhere ({k} statements), which does not tell strengths from "
        "weaknesses.",
    },
    "report.pair.heading": {"de": "Zwei Massstäbe", "en": "Two yardsticks"},
    "report.pair": {
        "de": "{first} schätzt im Schnitt {levels} höher ein als {second} ({k} Aussagen). Wer von beiden "
        "näher an der Wirklichkeit liegt, lässt sich zu zweit nicht sagen – ein guter Anlass, die "
        "Massstäbe zu vergleichen.",
        "en": "{first} rates on average {levels} higher than {second} ({k} statements). With two of you "
        "there is no telling who is closer to reality – a good reason to compare your yardsticks.",
    },
    # --- comments on statements that are not flagged ------------------------------------------------------
    "report.comments.heading": {"de": "Kommentare", "en": "Comments"},
    "report.comments.heading_other": {
        "de": "Kommentare zu weiteren Aussagen",
        "en": "Comments on other statements",
    },
    # --- only one manager ---------------------------------------------------------------------------------
    "report.single.heading": {"de": "Nur eine Beurteilung", "en": "Only one judgment"},
    "report.single.text": {
        "de": "Mit nur einer Führungskraft gibt es nichts zu vergleichen: Unterschiede in der Beurteilung, "
        "das eigentliche Ergebnis des Checks, zeigen sich erst ab zwei. Hier sind die Stufen dieser einen "
        "Beurteilung.",
        "en": "With only one manager there is nothing to compare: differences in judgment, the real result "
        "of the check, only show from two managers on. Here are the levels of this one judgment.",
    },
    "report.single.by": {"de": "Beurteilt von {name}.", "en": "Judged by {name}."},
    "report.single.nobody": {
        "de": "Niemand hat eine Stufe vergeben: Es gibt noch nichts auszuwerten.",
        "en": "Nobody gave a level: there is nothing to evaluate yet.",
    },
    "report.single.level": {
        "de": "{number}. {text}: Stufe {level} ({label})",
        "en": "{number}. {text}: level {level} ({label})",
    },
    "report.single.cant_judge": {
        "de": "{number}. {text}: kann ich nicht beurteilen",
        "en": "{number}. {text}: can't judge",
    },
    "report.single.next": {
        "de": "Laden Sie für die nächste Runde die übrigen Führungskräfte ein: Erst der Vergleich der "
        "Urteile zeigt, wo Sie unterschiedlich denken.",
        "en": "Invite the other managers to the next round: only comparing judgments shows where you "
        "think differently.",
    },
    # --- next steps ---------------------------------------------------------------------------------------
    "report.next.heading": {"de": "Wie es weitergeht", "en": "What to do next"},
    "report.next.discuss": {
        "de": "1. Besprechen Sie zuerst die Unterschiede in der Beurteilung: Sie machen verborgene "
        "Glaubenssätze sichtbar.",
        "en": "1. Discuss the differences in judgment first: they bring hidden beliefs to light.",
    },
    "report.next.discuss_agreed": {
        "de": "1. Besprechen Sie die Ergebnisse gemeinsam: Würden Ihre Kunden das Bild teilen, das Sie sich "
        "vom Unternehmen machen?",
        "en": "1. Discuss the results together: would your customers share the picture you have of the "
        "company?",
    },
    "report.next.prioritise": {
        "de": "2. Priorisieren Sie die Schwächen: Welche bremst Ihre Kundenorientierung am meisten?",
        "en": "2. Prioritise the weaknesses: which one holds your customer centricity back most?",
    },
    "report.next.lighthouse": {
        "de": "3. Wählen Sie ein Leuchtturmprojekt, das eine zentrale Schwäche beseitigt und sich in kurzer "
        "Frist umsetzen lässt.",
        "en": "3. Choose one lighthouse project that removes a central weakness and can be done quickly.",
    },
    "report.next.repeat": {
        "de": "4. Wiederholen Sie den Check nach 3, 6 und 12 Monaten und schauen Sie, was sich bewegt hat.",
        "en": "4. Repeat the check after 3, 6 and 12 months and see what has changed.",
    },
    # --- a re-rating: before → after --------------------------------------------------------------------
    "report.rerate.heading": {"de": "Neu bewertet: vorher → nachher", "en": "Re-rated: before → after"},
    "report.rerate.share": {
        "de": "{converged} von {disputed} strittigen Punkten haben sich angenähert ({percent}).",
        "en": "{converged} of {disputed} disputed points converged ({percent}).",
    },
    "report.rerate.none_disputed": {
        "de": "Keiner der neu bewerteten Punkte war vorher strittig.",
        "en": "None of the re-rated points was disputed before.",
    },
    "report.rerate.before_after": {
        "de": "vorher {before}\nnachher {after}",
        "en": "before {before}\nafter {after}",
    },
    "report.rerate.spread": {
        "de": "{counts}, AD_M {ad_mean}, {verdict}",
        "en": "{counts}, AD_M {ad_mean}, {verdict}",
    },
    "report.rerate.verdict.agreement": {"de": "einig", "en": "agreement"},
    "report.rerate.verdict.disagreement": {"de": "uneinig", "en": "disagreement"},
    "report.rerate.verdict.dissent": {"de": "Einzelmeinung", "en": "dissent"},
    "report.rerate.verdict.insufficient": {"de": "zu wenige Bewertungen", "en": "too few ratings"},
    "report.rerate.moves": {"de": "Bewegt: {moves}", "en": "Moved: {moves}"},
    "report.rerate.no_moves": {
        "de": "Niemand hat seine Bewertung geändert.",
        "en": "Nobody changed their rating.",
    },
    "report.rerate.contested": {
        "de": "Weiterhin strittig: {numbers}. Das sind die echten Unterschiede darin, wie Sie das Unternehmen "
        "sehen: benennen Sie die Überzeugung hinter jedem und halten Sie sie mit /belief <Nummer> <Text> fest.",
        "en": "Still contested: {numbers}. These are the real differences in how you see the company: name "
        "the belief behind each one and record it with /belief <number> <text>.",
    },
    "report.rerate.all_converged": {
        "de": "Kein Punkt ist mehr strittig: die Begründungen haben die Sichten zusammengeführt.",
        "en": "No point is contested any more: the reasons brought the views together.",
    },
}
