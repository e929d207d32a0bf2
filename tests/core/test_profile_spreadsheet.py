"""Position profiles as spreadsheets: both layouts, both languages, without loss; safe cells; every bad row named."""

import csv
import io

import pytest

from digicomp_xblock.core.loader import FrameworkError
from digicomp_xblock.core.profiles import (
    LAYOUTS,
    build_profile,
    load_profile,
    load_vocabulary,
    profile_csv,
    read_profile_csv,
)
from digicomp_xblock.core.profiles.files import profiles_dir

EXAMPLE = profiles_dir() / "example-social-work-bachelor.yaml"
META = {
    "schema": "digicomp-position-profile/1", "id": "imported",
    "framework": {"id": "social-work-2025", "version": "2025.1.0"},
    "name": {"en": "Imported", "nl": "Ingelezen"}, "description": {"en": "From a sheet.", "nl": "Uit een blad."},
    "owner": {"kind": "course", "key": "course-v1:X+Y+Z", "name": "A course"},
    "provenance": {"kind": "written", "date": "2026-12-01"}, "scale": "growth-5",
}


@pytest.fixture(scope="module")
def vocabulary():
    return load_vocabulary()


@pytest.fixture(scope="module")
def example(framework):
    return load_profile(EXAMPLE, framework)


def rows(text):
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))


def read(text, framework, vocabulary):
    return read_profile_csv(text, framework, vocabulary, "sheet.csv")


def problems(text, framework, vocabulary):
    with pytest.raises(FrameworkError) as caught:
        read(text, framework, vocabulary)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_export_and_import_without_loss(layout, lang, example, framework, vocabulary):
    text = profile_csv(example, framework, vocabulary, lang, layout)
    back = build_profile({**META, "expectations": read(text, framework, vocabulary)}, framework)
    assert back.expectations == example.expectations


def test_a_partial_profile_keeps_its_undecided_statements(framework, vocabulary):
    partial = build_profile({**META, "expectations": {"1.1.1": "beginner", "9.3.4": {"from": "pioneer", "level": 2},
                                                      "7.2.6": "not-expected"}}, framework)
    for layout in LAYOUTS:
        expectations = read(profile_csv(partial, framework, vocabulary, "en", layout), framework, vocabulary)
        assert expectations == {"1.1.1": "beginner", "7.2.6": "not-expected",
                                "9.3.4": {"from": "pioneer", "level": 2}}


def test_the_draft_layout_in_dutch(example, framework, vocabulary):
    text = profile_csv(example, framework, vocabulary, "nl", "draft")
    table = rows(text)
    assert table[0] == ["id", "cluster", "competentie", "voorstel positie", "eigen keuze", "verwacht niveau"]
    assert len(table) == 145 and "\r\n" in text
    assert table[1][:2] == ["1.1.1", "1 Aandacht hebben voor en bevorderen van digitale inclusie"]
    assert table[1][3:] == ["Beginner", "", ""]
    by_id = {row[0]: row for row in table[1:]}
    assert by_id["1.3.4"][3:] == ["Pionier", "", "4"]
    assert by_id["7.2.6"][3:] == ["Niet verwacht in deze functie", "", ""]


def test_the_positions_layout_in_english(example, framework, vocabulary):
    table = rows(profile_csv(example, framework, vocabulary, "en", "positions"))
    assert table[0][3:] == ["Beginner", "Experienced practitioner", "Pioneer", "Pacesetter", "Not expected in this role"]
    by_id = {row[0]: row[3:] for row in table[1:]}
    assert by_id["1.1.1"] == ["x", "", "", "", ""]
    assert by_id["1.3.4"] == ["", "", "4", "", ""]
    assert by_id["9.2.2"] == ["", "", "", "", "x"]


def test_cells_that_start_like_a_formula_are_made_text(example, framework_copy, vocabulary):
    framework = framework_copy("2025.1.0", {"1.1.1": "=HYPERLINK(\"http://evil\")", "1.1.2": "@SUM(A1)",
                                            "1.1.3": "-1+1", "1.1.4": "+1"})
    table = rows(profile_csv(example, framework, vocabulary, "en"))
    assert [row[2] for row in table[1:5]] == ["'=HYPERLINK(\"http://evil\")", "'@SUM(A1)", "'-1+1", "'+1"]


def test_commas_and_no_byte_order_mark_are_read_too(example, framework, vocabulary):
    out = io.StringIO()
    csv.writer(out).writerows(rows(profile_csv(example, framework, vocabulary, "nl", "positions")))
    back = build_profile({**META, "expectations": read(out.getvalue(), framework, vocabulary)}, framework)
    assert back.expectations == example.expectations


SHEET = "id;statement;proposed position;own choice;expected level\r\n"


def test_own_choice_wins_and_positions_are_read_by_id_or_name_in_any_language(framework, vocabulary):
    text = SHEET + ("1.1.1;…;Beginner;PIONIER;\r\n"
                    "1.1.2;…;pioneer;;3\r\n"
                    "1.1.3;…;;hulpverlener met ervaring;\r\n"
                    "1.1.4;…;;niet verwacht in deze functie;\r\n"
                    "1.2.1;…;;not-expected;\r\n"
                    "1.2.2;…;;;\r\n"
                    ";;;;\r\n")
    assert read(text, framework, vocabulary) == {
        "1.1.1": "pioneer", "1.1.2": {"from": "pioneer", "level": 3}, "1.1.3": "experienced",
        "1.1.4": "not-expected", "1.2.1": "not-expected"}


def test_columns_with_other_titles_are_ignored(framework, vocabulary):
    text = "notes;ID;Eigen keuze\r\nsee me;1.1.1;gangmaker\r\n"
    assert read(text, framework, vocabulary) == {"1.1.1": "pacesetter"}


@pytest.mark.parametrize("body, words", [
    ("1.1.99;…;beginner;;\r\n", ["sheet.csv: row 2 [1.1.99]", "unknown statement ID '1.1.99'"]),
    ("1.1;…;beginner;;\r\n", ["row 2 [1.1]", "unknown statement ID '1.1'"]),
    ("1.1.1;…;beginner;;\r\n1.1.1;…;pioneer;;\r\n", ["row 3 [1.1.1]", "statement 1.1.1 is in row 2 already"]),
    ("1.1.1;…;chief;;\r\n", ["row 2 [1.1.1]", "unknown position 'chief'"]),
    ("1.1.1;…;beginner;;high\r\n", ["row 2 [1.1.1]", "'high' is not a level (a whole number)"]),
])
def test_each_bad_row_is_named(body, words, framework, vocabulary):
    found = problems(SHEET + body, framework, vocabulary)
    assert len(found) == 1, found
    for word in words:
        assert word in found[0]


@pytest.mark.parametrize("row, words", [
    ("1.1.1;…;x;;x;;", "marked in more than one column (beginner, pioneer)"),
    ("1.1.1;…;;yes;;;", "'yes' is neither x nor a level (a whole number)"),
])
def test_bad_marks_in_the_positions_layout(row, words, framework, vocabulary):
    text = "id;statement;Beginner;Experienced practitioner;Pioneer;Pacesetter;Not expected in this role\r\n" + row
    assert words in problems(text, framework, vocabulary)[0]


@pytest.mark.parametrize("text", ["", "id;statement\r\n1.1.1;…\r\n", "statement;own choice\r\n…;pioneer\r\n"])
def test_a_sheet_without_the_columns_is_refused(text, framework, vocabulary):
    assert "row 1: the header row needs an 'id' column" in problems(text, framework, vocabulary)[0]


def test_every_bad_row_is_reported(framework, vocabulary):
    text = SHEET + "1.1.99;…;beginner;;\r\n1.1.1;…;chief;;\r\n1.1.2;…;pioneer;;-2\r\n"
    assert len(problems(text, framework, vocabulary)) == 3
