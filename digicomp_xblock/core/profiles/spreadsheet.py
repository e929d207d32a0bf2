"""Position profiles as spreadsheets (CSV), for the draft's exercise: each colleague marks the statements per position.

One row per statement of the framework, in document order: id, cluster and statement text in one language, then
either the draft's layout ("proposed position", "own choice", "expected level") or one column per position and one
for "not expected", in which the position from which the statement is expected holds `x` or the expected level.

Written as UTF-8 with a byte order mark (so that Excel reads UTF-8), semicolons between cells (Excel and
LibreOffice in a Dutch locale, where the comma is the decimal sign, split on semicolons) and CRLF line ends; every
cell goes through `csvsafe.safe_cell`. Read with or without the mark, with commas or semicolons (the one the header
row uses), column titles and positions in any language of the framework, positions also by ID, ignoring case;
columns with other titles are ignored. In the draft layout a filled-in "own choice" wins over the "proposed
position", so a colleague's sheet comes back as their choice. A row without a choice leaves the statement undecided.
"""

from __future__ import annotations

import csv
import io

from ..csvsafe import safe_row
from ..loader import FrameworkError
from ..model import Framework, Statement
from ..validation import Problem
from .model import NOT_EXPECTED, PositionProfile, Vocabulary

LAYOUTS = ("draft", "positions")
DELIMITER = ";"
#: The mark of a position column that gives no level.
MARK = "x"


def _choice_name(framework: Framework, vocabulary: Vocabulary, choice: str, lang: str) -> str:
    if choice == NOT_EXPECTED:
        return vocabulary.not_expected.get(lang)
    return framework.position(choice).name.get(lang)


def profile_csv(profile: PositionProfile, framework: Framework, vocabulary: Vocabulary, lang: str,
                layout: str = "draft") -> str:
    """The spreadsheet of a profile in `lang` ("draft" or "positions" layout), as text that starts with the BOM."""
    choices = profile.positions + (NOT_EXPECTED,)
    head = [vocabulary.column(key).get(lang) for key in ("id", "cluster", "statement")]
    if layout == "draft":
        head += [vocabulary.column(key).get(lang) for key in ("proposed", "own", "level")]
    else:
        head += [_choice_name(framework, vocabulary, choice, lang) for choice in choices]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow(safe_row(head))
    for cluster in framework.clusters():
        for statement in cluster.statements():
            row = [statement.id, f"{cluster.id} {cluster.title.get(lang)}", statement.text.get(lang)]
            expectation = profile.expectation(statement.id)
            level = "" if expectation is None or expectation.level is None else str(expectation.level)
            if layout == "draft":
                row += [_choice_name(framework, vocabulary, expectation.position, lang) if expectation else "", "",
                        level]
            else:
                row += [(level or MARK) if expectation and expectation.position == choice else "" for choice in choices]
            writer.writerow(safe_row(row))
    return "\ufeff" + out.getvalue()


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


class _Reader:
    """Reads the rows of one spreadsheet into the `expectations` of a profile document."""

    def __init__(self, framework: Framework, vocabulary: Vocabulary, source: str):
        self.framework = framework
        self.source = source
        self.problems: list[Problem] = []
        languages = set(framework.languages) | set(vocabulary.languages)
        self.choices = {_key(choice): choice for choice in (*[p.id for p in framework.positions], NOT_EXPECTED)}
        for lang in languages:
            self.choices.update({_key(p.name.get(lang)): p.id for p in framework.positions})
            self.choices[_key(vocabulary.not_expected.get(lang))] = NOT_EXPECTED
        self.titles = {_key(text.get(lang)): key for key, text in vocabulary.columns for lang in languages}
        self.titles.update(self.choices)

    def add(self, row: int, message: str, node_id: str | None = None):
        self.problems.append(Problem(self.source, f"row {row}", message, node_id))

    def read(self, text: str) -> dict:
        text = text.lstrip("\ufeff")
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") >= first.count(",") else ","
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        columns = {}
        for index, title in enumerate(rows[0] if rows else []):
            columns.setdefault(self.titles.get(_key(title)), index)
        columns.pop(None, None)
        choice_columns = [c for c in (*[p.id for p in self.framework.positions], NOT_EXPECTED) if c in columns]
        if "id" not in columns or not ({"proposed", "own"} & set(columns) or choice_columns):
            self.add(1, "the header row needs an 'id' column and either 'proposed position' / 'own choice' or a column "
                        "per position")
            raise FrameworkError(self.problems)
        draft = bool({"proposed", "own"} & set(columns))
        expectations, seen = {}, {}
        for number, row in enumerate(rows[1:], 2):
            cells = {key: row[index].strip() if index < len(row) else "" for key, index in columns.items()}
            statement_id = cells["id"]
            if not statement_id:
                continue
            if statement_id not in self.framework or not isinstance(self.framework.node(statement_id), Statement):
                self.add(number, f"unknown statement ID '{statement_id}'", statement_id)
                continue
            if statement_id in seen:
                self.add(number, f"statement {statement_id} is in row {seen[statement_id]} already", statement_id)
                continue
            seen[statement_id] = number
            found = self.draft_row(number, statement_id, cells) if draft else \
                self.positions_row(number, statement_id, cells, choice_columns)
            if found:
                position, level = found
                expectations[statement_id] = position if level is None else {"from": position, "level": level}
        if self.problems:
            raise FrameworkError(self.problems)
        return expectations

    def draft_row(self, number, statement_id, cells):
        value = cells.get("own") or cells.get("proposed", "")
        if not value:
            return None
        position = self.choices.get(_key(value))
        if position is None:
            self.add(number, f"unknown position '{value}'", statement_id)
            return None
        return position, self.level(number, statement_id, cells.get("level", ""))

    def positions_row(self, number, statement_id, cells, choice_columns):
        marked = [choice for choice in choice_columns if cells[choice]]
        if len(marked) > 1:
            self.add(number, f"marked in more than one column ({', '.join(marked)}); mark the position from which "
                             f"it is expected", statement_id)
            return None
        if not marked:
            return None
        value = cells[marked[0]]
        if value.casefold() == MARK:
            return marked[0], None
        return marked[0], self.level(number, statement_id, value, f"neither {MARK} nor a level")

    def level(self, number, statement_id, value: str, what: str = "not a level") -> int | None:
        if not value:
            return None
        if not value.isdigit():
            self.add(number, f"'{value}' is {what} (a whole number)", statement_id)
            return None
        return int(value)


def read_profile_csv(text: str, framework: Framework, vocabulary: Vocabulary, source: str) -> dict:
    """The `expectations` of a profile document from a spreadsheet's text; FrameworkError naming each bad row."""
    return _Reader(framework, vocabulary, source).read(text)
