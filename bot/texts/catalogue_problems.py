"""What the catalogue checker says about a file: every problem and its place, in German and English.

The command line (``maturity-bot questions check``) prints the English texts; the bot lists an uploaded
file's problems in the group's language. The texts are plain (no markup): the command line prints them as
they are, the bot escapes them. Placeholders ending in ``_key`` in the checker name another text here
(a kind of value, a reason for a limit, a language), said in the same language.
"""

TEXTS: dict[str, dict[str, str]] = {
    # --- places ------------------------------------------------------------------------------------------
    "catalogue.place.file": {"de": "Datei", "en": "file"},
    "catalogue.place.end": {"de": "Ende der Datei", "en": "end of document"},
    "catalogue.place.directory": {"de": "Ordner", "en": "directory"},
    "catalogue.place.line": {"de": "Zeile {line}, Spalte {column}", "en": "line {line}, column {column}"},
    "catalogue.place.line_path": {
        "de": "Zeile {line}, Spalte {column} ({path})",
        "en": "line {line}, column {column} ({path})",
    },
    "catalogue.place.row": {"de": "Zeile {row}", "en": "row {row}"},
    "catalogue.place.row_column": {"de": "Zeile {row}, Spalte {column}", "en": "row {row}, column {column}"},
    # --- words the problems use ----------------------------------------------------------------------------
    "catalogue.language.de": {"de": "deutsche", "en": "German"},
    "catalogue.language.en": {"de": "englische", "en": "English"},
    "catalogue.kind.bool": {"de": "wahr/falsch", "en": "true/false"},
    "catalogue.kind.int": {"de": "eine ganze Zahl", "en": "a whole number"},
    "catalogue.kind.float": {"de": "eine Dezimalzahl", "en": "a decimal number"},
    "catalogue.kind.text": {"de": "Text", "en": "text"},
    "catalogue.kind.list": {"de": "eine Liste", "en": "a list"},
    "catalogue.kind.table": {"de": "eine Tabelle", "en": "a table"},
    "catalogue.kind.datetime": {"de": "ein Datum oder eine Uhrzeit", "en": "a date or time"},
    "catalogue.why.catalogue_id": {
        "de": "eine Katalog-ID ist ein kurzer Name",
        "en": "a catalogue id is a short name",
    },
    "catalogue.why.callback": {
        "de": "sie steht in Telegrams 64 Byte langen Knopfdaten",
        "en": "it goes into Telegram's 64-byte callback data",
    },
    "catalogue.why.title": {"de": "ein Titel ist eine Zeile", "en": "a title is one line"},
    "catalogue.why.description": {
        "de": "sie erscheint beim Start einer Runde",
        "en": "shown when a round starts",
    },
    "catalogue.why.label": {
        "de": "eine Stufenbezeichnung muss auf einen Knopf passen",
        "en": "a level label must fit on a button",
    },
    "catalogue.why.level_description": {
        "de": "eine Stufenbeschreibung ist eine Zeile",
        "en": "a level description is one line",
    },
    "catalogue.why.dimension_title": {
        "de": "eine Überschrift und eine Diagrammbeschriftung",
        "en": "a heading and a chart label",
    },
    "catalogue.why.dimension_description": {"de": "eine kurze Erklärung", "en": "a short explanation"},
    "catalogue.why.message": {
        "de": "sie teilt sich eine Telegram-Nachricht von 4096 Zeichen",
        "en": "it shares one Telegram message of 4096 characters",
    },
    # --- what is wrong -------------------------------------------------------------------------------------
    "catalogue.problem.missing_translation": {
        "de": "die {language} Übersetzung fehlt",
        "en": "missing {language} translation",
    },
    "catalogue.problem.empty_id": {"de": "die ID ist leer", "en": "the id is empty"},
    "catalogue.problem.bad_id": {
        "de": "ungültige ID «{id}»: nur a-z, 0-9 und Bindestriche dazwischen, wie «lead-2»",
        "en": 'bad id "{id}": use only a-z, 0-9 and hyphens between them, like "lead-2"',
    },
    "catalogue.problem.id_too_long": {
        "de": "die ID «{id}» ist {length} Zeichen lang; erlaubt sind {limit} ({why})",
        "en": 'id "{id}" is {length} characters long; the limit is {limit} ({why})',
    },
    "catalogue.problem.level_range": {
        "de": "Stufe {level} liegt ausserhalb der Skala: die Stufen sind 1 bis 5",
        "en": "level {level} is outside the scale: the levels are 1 to 5",
    },
    "catalogue.problem.empty_version": {"de": "die Version ist leer", "en": "the version is empty"},
    "catalogue.problem.languages_missing": {
        "de": "muss {required} enthalten (es fehlt: {missing})",
        "en": "must include {required} (missing: {missing})",
    },
    "catalogue.problem.languages_empty": {
        "de": "nennt keine Sprache: «de», «en» oder beide",
        "en": 'names no language: "de", "en" or both',
    },
    "catalogue.problem.language_unsupported": {
        "de": "nicht unterstützte Sprache {languages}: Texte gibt es nur auf {supported}",
        "en": "unsupported language {languages}: texts can only be given in {supported}",
    },
    "catalogue.problem.cannot_read": {
        "de": "kann nicht gelesen werden: {reason}",
        "en": "cannot be read: {reason}",
    },
    "catalogue.problem.not_utf8": {
        "de": "ist kein UTF-8-Text (Byte {byte})",
        "en": "is not UTF-8 text (byte {byte})",
    },
    "catalogue.problem.toml_syntax": {"de": "TOML-Syntaxfehler: {what}", "en": "TOML syntax error: {what}"},
    "catalogue.toml.declared_twice": {
        "de": "{key} ist zweimal deklariert",
        "en": "Cannot declare {key} twice",
    },
    "catalogue.toml.immutable": {
        "de": "{key} ist schon vollständig festgelegt und kann nicht erweitert werden",
        "en": "Cannot mutate immutable namespace {key}",
    },
    "catalogue.toml.overwrite": {
        "de": "ein schon gesetzter Wert wird überschrieben",
        "en": "Cannot overwrite a value",
    },
    "catalogue.toml.redefine": {
        "de": "der Bereich {key} wird neu definiert",
        "en": "Cannot redefine namespace {key}",
    },
    "catalogue.toml.duplicate_inline_key": {
        "de": "der Schlüssel {key} kommt in der Inline-Tabelle zweimal vor",
        "en": "Duplicate inline table key {key}",
    },
    "catalogue.toml.bad_escape_char": {
        "de": "das maskierte Zeichen ist kein gültiges Unicode-Zeichen",
        "en": "Escaped character is not a Unicode scalar value",
    },
    "catalogue.toml.expected_equals": {
        "de": "nach einem Schlüssel fehlt «=»",
        "en": "Expected '=' after a key in a key/value pair",
    },
    "catalogue.toml.expected_table_end": {
        "de": "am Ende der Tabellen-Überschrift fehlt «]»",
        "en": "Expected ']' at the end of a table declaration",
    },
    "catalogue.toml.expected_array_end": {
        "de": "am Ende der Block-Überschrift fehlt «]]»",
        "en": "Expected ']]' at the end of an array declaration",
    },
    "catalogue.toml.expected_line_end": {
        "de": "nach einem Eintrag muss die Zeile enden",
        "en": "Expected newline or end of document after a statement",
    },
    "catalogue.toml.expected": {"de": "erwartet: {char}", "en": "Expected {char}"},
    "catalogue.toml.invalid_character": {
        "de": "ungültiges Zeichen {char}",
        "en": "Found invalid character {char}",
    },
    "catalogue.toml.illegal_character": {
        "de": "unzulässiges Zeichen {char}",
        "en": "Illegal character {char}",
    },
    "catalogue.toml.invalid_date": {
        "de": "ungültiges Datum oder ungültige Uhrzeit",
        "en": "Invalid date or datetime",
    },
    "catalogue.toml.invalid_hex": {"de": "ungültiger Hexadezimalwert", "en": "Invalid hex value"},
    "catalogue.toml.invalid_key_start": {
        "de": "ein Schlüssel beginnt mit einem ungültigen Zeichen",
        "en": "Invalid initial character for a key part",
    },
    "catalogue.toml.invalid_statement": {"de": "ungültiger Eintrag", "en": "Invalid statement"},
    "catalogue.toml.invalid_value": {"de": "ungültiger Wert", "en": "Invalid value"},
    "catalogue.toml.unclosed_array": {"de": "eine Liste «[» wird nicht geschlossen", "en": "Unclosed array"},
    "catalogue.toml.unclosed_inline_table": {
        "de": "eine Inline-Tabelle in geschweiften Klammern wird nicht geschlossen",
        "en": "Unclosed inline table",
    },
    "catalogue.toml.unescaped_backslash": {
        "de": "ein «\\» im Text ist nicht maskiert (für einen Backslash «\\\\» schreiben)",
        "en": "Unescaped '\\' in a string",
    },
    "catalogue.toml.unterminated_string": {
        "de": "ein Text in Anführungszeichen wird nicht beendet",
        "en": "Unterminated string",
    },
    "catalogue.problem.anchor_not_level": {
        "de": "«{key}» ist keine Stufe: Anker heissen «1» bis «5»",
        "en": '"{key}" is not a level: anchors are keyed "1" to "5"',
    },
    "catalogue.problem.anchor_range": {
        "de": "Anker für Stufe {key}: die Stufen sind 1 bis 5",
        "en": "anchor for level {key}: the levels are 1 to 5",
    },
    "catalogue.problem.missing_field": {"de": "Feld fehlt", "en": "missing field"},
    "catalogue.problem.unknown_field": {"de": "unbekanntes Feld «{field}»", "en": 'unknown field "{field}"'},
    "catalogue.problem.unknown_field_known": {
        "de": "unbekanntes Feld «{field}» (erwartet: {expected})",
        "en": 'unknown field "{field}" (expected one of: {expected})',
    },
    "catalogue.problem.not_text": {
        "de": "muss Text in Anführungszeichen sein, nicht {kind}",
        "en": "must be text in quotes, not {kind}",
    },
    "catalogue.problem.not_both_languages": {
        "de": "braucht beide Sprachen, etwa {name}.de = «…» und {name}.en = «…», nicht {kind}",
        "en": 'must give both languages, like {name}.de = "…" and {name}.en = "…", not {kind}',
    },
    "catalogue.problem.not_table": {
        "de": "muss eine Tabelle sein, nicht {kind}",
        "en": "must be a table, not {kind}",
    },
    "catalogue.problem.not_list": {
        "de": "muss eine Liste sein (ein [[{name}]]-Block je Eintrag), nicht {kind}",
        "en": "must be a list (one [[{name}]] block per entry), not {kind}",
    },
    "catalogue.problem.not_whole_number": {
        "de": "muss eine ganze Zahl sein, nicht {kind}",
        "en": "must be a whole number, not {kind}",
    },
    "catalogue.problem.other": {"de": "ungültig: {detail}", "en": "{detail}"},
    "catalogue.problem.level_twice": {
        "de": "Stufe {level} kommt zweimal vor (zuerst bei {first})",
        "en": "level {level} is given twice (first at {first})",
    },
    "catalogue.problem.level_missing": {
        "de": "fehlt: die Skala braucht genau die Stufen 1 bis 5",
        "en": "missing: the scale needs exactly the levels 1 to 5",
    },
    "catalogue.problem.duplicate_statement_id": {
        "de": "doppelte Aussagen-ID «{id}» (zuerst bei {first})",
        "en": 'duplicate statement id "{id}" (first at {first})',
    },
    "catalogue.problem.duplicate_dimension_id": {
        "de": "doppelte Dimensions-ID «{id}» (zuerst bei {first})",
        "en": 'duplicate dimension id "{id}" (first at {first})',
    },
    "catalogue.problem.no_dimensions": {
        "de": "keine Dimensionen: ein Katalog braucht mindestens eine",
        "en": "no dimensions: a catalogue needs at least one",
    },
    "catalogue.problem.no_statements": {
        "de": "keine Aussagen: ein Katalog braucht mindestens eine",
        "en": "no statements: a catalogue needs at least one",
    },
    "catalogue.problem.unknown_dimension": {
        "de": "unbekannte Dimension «{dimension}» (bekannt: {known})",
        "en": 'unknown dimension "{dimension}" (known: {known})',
    },
    "catalogue.problem.unused_dimension": {
        "de": "keine Aussage gehört zu dieser Dimension",
        "en": "no statement belongs to this dimension",
    },
    "catalogue.problem.too_long": {
        "de": "ist {length} Zeichen lang; erlaubt sind {limit} ({why})",
        "en": "is {length} characters long; the limit is {limit} ({why})",
    },
    "catalogue.problem.no_directory": {
        "de": "existiert nicht oder ist kein Ordner",
        "en": "does not exist or is not a directory",
    },
    "catalogue.problem.no_files": {
        "de": "enthält keinen Katalog (*.toml-Dateien)",
        "en": "contains no catalogue (*.toml) files",
    },
    "catalogue.problem.duplicate_catalogue": {
        "de": "die Katalog-ID «{id}» verwendet auch {other}",
        "en": 'catalogue id "{id}" is also used by {other}',
    },
    # --- an uploaded file ----------------------------------------------------------------------------------
    "catalogue.problem.too_big": {
        "de": "ist {size} KB gross; ein Katalog darf höchstens {limit} KB haben",
        "en": "is {size} KB; a catalogue may have at most {limit} KB",
    },
    "catalogue.problem.empty_file": {"de": "ist leer", "en": "is empty"},
    "catalogue.problem.binary": {
        "de": "ist keine Textdatei: schicken Sie den Katalog als .toml oder .csv (UTF-8)",
        "en": "is not a text file: send the catalogue as .toml or .csv (UTF-8)",
    },
    "catalogue.problem.archive": {
        "de": "ist ein Archiv ({kind}): schicken Sie die Katalogdatei selbst, als .toml oder .csv",
        "en": "is an archive ({kind}): send the catalogue file itself, as .toml or .csv",
    },
    "catalogue.problem.workbook": {
        "de": "ist eine Arbeitsmappe (Excel, LibreOffice): speichern Sie sie als «CSV UTF-8» und schicken "
        "Sie diese Datei",
        "en": "is a spreadsheet workbook (Excel, LibreOffice): save it as “CSV UTF-8” and send that file",
    },
    "catalogue.problem.utf16": {
        "de": "ist UTF-16-Text: speichern Sie ihn als «CSV UTF-8» bzw. in UTF-8",
        "en": "is UTF-16 text: save it as “CSV UTF-8” (or in UTF-8)",
    },
    "catalogue.problem.not_utf8_upload": {
        "de": "ist kein UTF-8-Text (Byte {byte}): speichern Sie die Datei als «CSV UTF-8» bzw. in UTF-8",
        "en": "is not UTF-8 text (byte {byte}): save the file as “CSV UTF-8” (or in UTF-8)",
    },
    "catalogue.problem.unknown_format": {
        "de": "«{name}» ist weder .toml noch .csv: schicken Sie den Katalog in einer dieser Formen",
        "en": "“{name}” is neither .toml nor .csv: send the catalogue in one of these forms",
    },
    "catalogue.problem.too_deep": {
        "de": "ist mehr als {limit} Ebenen tief verschachtelt; ein Katalog braucht weit weniger",
        "en": "is nested more than {limit} levels deep; a catalogue needs far fewer",
    },
    "catalogue.problem.too_many_values": {
        "de": "enthält mehr als {limit} Werte; ein Katalog braucht weit weniger",
        "en": "holds more than {limit} values; a catalogue needs far fewer",
    },
    "catalogue.problem.too_many_statements": {
        "de": "{count} Aussagen; ein Katalog darf höchstens {limit} haben",
        "en": "{count} statements; a catalogue may have at most {limit}",
    },
    "catalogue.problem.too_many_dimensions": {
        "de": "{count} Dimensionen; ein Katalog darf höchstens {limit} haben",
        "en": "{count} dimensions; a catalogue may have at most {limit}",
    },
    "catalogue.problem.builtin_id": {
        "de": "«{id}» ist die ID eines eingebauten Katalogs: geben Sie Ihrem eine eigene, etwa «{suggestion}»",
        "en": "“{id}” is the id of a built-in catalogue: give yours its own, such as “{suggestion}”",
    },
    # --- CSV -----------------------------------------------------------------------------------------------
    "catalogue.problem.csv_no_header": {
        "de": "keine Kopfzeile: die erste Zeile nennt die Spalten (catalogue, dimension, id, text_de, text_en …)",
        "en": "no header row: the first row names the columns (catalogue, dimension, id, text_de, text_en …)",
    },
    "catalogue.problem.csv_syntax": {"de": "CSV-Fehler: {what}", "en": "CSV error: {what}"},
    "catalogue.csv.after_quote": {
        "de": "nach dem schliessenden Anführungszeichen einer Zelle muss das Trennzeichen «{delimiter}» folgen",
        "en": "a cell's closing quote must be followed by the separator '{delimiter}'",
    },
    "catalogue.csv.unclosed_quote": {
        "de": "eine Zelle in Anführungszeichen wird bis zum Ende der Datei nicht geschlossen",
        "en": "a quoted cell is not closed before the end of the file",
    },
    "catalogue.csv.cell_too_long": {
        "de": "eine Zelle ist länger als {limit} Zeichen",
        "en": "a cell is longer than {limit} characters",
    },
    "catalogue.problem.csv_unknown_column": {
        "de": "unbekannte Spalte «{column}» (bekannt: {known})",
        "en": "unknown column “{column}” (known: {known})",
    },
    "catalogue.problem.csv_duplicate_column": {
        "de": "die Spalte «{column}» kommt zweimal vor",
        "en": "the column “{column}” is given twice",
    },
    "catalogue.problem.csv_missing_column": {
        "de": "die Spalte «{column}» fehlt",
        "en": "the column “{column}” is missing",
    },
    "catalogue.problem.csv_no_text_column": {
        "de": "keine Spalte mit den Aussagen: text_de, text_en oder beide",
        "en": "no column with the statements: text_de, text_en or both",
    },
    "catalogue.problem.csv_extra_cells": {
        "de": "hat mehr Zellen als die Kopfzeile Spalten",
        "en": "has more cells than the header row has columns",
    },
    "catalogue.problem.csv_formula": {
        "de": "beginnt mit «{start}»: eine Tabellenkalkulation würde das als Formel ausführen; "
        "Zellen dürfen nicht mit =, +, - oder @ beginnen",
        "en": "begins with “{start}”: a spreadsheet would run it as a formula; cells may not begin with "
        "=, +, - or @",
    },
    "catalogue.problem.csv_differs": {
        "de": "«{value}» weicht von «{earlier}» in {first} ab; eine Angabe gilt für alle Zeilen",
        "en": "“{value}” differs from “{earlier}” in {first}; one value holds for every row",
    },
    "catalogue.problem.csv_missing_value": {
        "de": "fehlt: in mindestens einer Zeile angeben",
        "en": "missing: give it in at least one row",
    },
}
