"""The validator reports every problem with its location; unsafe YAML is refused, never executed."""

import pytest

from digicomp_xblock.core.loader import MAX_FILE_BYTES, FrameworkError, load_framework


def problems_of(path):
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    return [str(p) for p in caught.value.problems]


def statement(doc, focus=0, cluster=0, component=0, index=0):
    return doc["focuses"][focus]["clusters"][cluster]["components"][component]["statements"][index]


def test_mini_fixture_is_valid(mini):
    assert mini.summary() == "6 statements, 2 clusters, 2 focuses, languages en nl"


# (what to break, the words the single problem must contain)
BREAKAGES = {
    "duplicate statement id": (lambda d: statement(d, index=1).update(id="1.1.1"),
                               ["focuses[0].clusters[0].components[0].statements[1].id", "[1.1.1]", "duplicate id"]),
    "malformed id": (lambda d: statement(d).update(id="1.1.x"),
                     ["statements[0].id", "does not match"]),
    "statement id outside its component": (lambda d: statement(d).update(id="1.2.1"),
                                           ["[1.2.1]", "does not belong to component '1.1'"]),
    "component id not matching its kind": (
        lambda d: d["focuses"][0]["clusters"][0]["components"][1].update(kind="skills"),
        ["components[1].id", "should be '1.2'"]),
    "missing language": (lambda d: statement(d)["text"].pop("nl"),
                         ["statements[0].text", "[1.1.1]", "missing language(s): nl"]),
    "undeclared language": (lambda d: statement(d)["text"].update(fr="connaître"),
                            ["[1.1.1]", "not declared in 'languages': fr"]),
    "citation not in bibliography": (lambda d: statement(d)["citations"].append("gamma1999"),
                                     ["citations[1]", "'gamma1999' is not in the references"]),
    "unknown key": (lambda d: statement(d).update(colour="red"),
                    ["statements[0]", "'colour' was unexpected"]),
    "wrong type": (lambda d: statement(d).update(citations="alpha2020"),
                   ["statements[0].citations", "is not of type 'array'"]),
    "draft source without draft id": (lambda d: statement(d).pop("draft_id"),
                                      ["[1.1.1]", "needs the draft_id"]),
    "unknown subtheme": (lambda d: statement(d, focus=1).update(subtheme="video"),
                         ["[2.2.1]", "unknown subtheme 'video'"]),
    "duplicate reference key": (lambda d: d["references"].append(dict(d["references"][0])),
                                ["references[2].key", "duplicate reference key"]),
    "source language not listed": (lambda d: d.update(source_language="fr"),
                                   ["source_language", "'fr' is not one of the languages"]),
    "official source not a web address": (lambda d: d.update(official_source_url="www.example.org/kader.pdf"),
                                          ["official_source_url", "does not match"]),
}


@pytest.mark.parametrize("name", sorted(BREAKAGES))
def test_each_kind_of_error_is_reported_with_its_location(name, mini_doc, write_yaml):
    breaker, expected = BREAKAGES[name]
    breaker(mini_doc)
    problems = problems_of(write_yaml(mini_doc))
    assert len(problems) == 1, problems
    for words in expected:
        assert words in problems[0]


def test_the_official_source_url_is_optional(mini, mini_doc, write_yaml):
    assert mini.official_source_url is None
    mini_doc["official_source_url"] = "https://publisher.example/kader.pdf"
    assert load_framework(write_yaml(mini_doc)).official_source_url == "https://publisher.example/kader.pdf"


def test_every_problem_is_reported_not_only_the_first(mini_doc, write_yaml):
    statement(mini_doc)["text"].pop("nl")
    statement(mini_doc, index=1)["citations"] = ["nobody2000"]
    mini_doc["references"].append(dict(mini_doc["references"][0]))
    path = write_yaml(mini_doc)
    problems = problems_of(path)
    assert len(problems) == 3
    assert all(p.startswith(f"{path}: ") for p in problems)


@pytest.mark.parametrize("text, words", [
    ("id: !!python/object/apply:os.system ['echo owned']\n", "could not determine a constructor"),
    ("a: &x [1, 2]\nb: *x\n", "aliases (*x) are not allowed"),
    ("a: 1\na: 2\n", "duplicate key 'a'"),
    ("yes: 1\n", "mapping keys must be text"),
    ("a: [1, 2\n", "invalid YAML"),
])
def test_unsafe_or_malformed_yaml_is_refused_with_a_line(text, words, write_yaml):
    problems = problems_of(write_yaml(text))
    assert len(problems) == 1 and words in problems[0]
    assert "line " in problems[0]


def test_billion_laughs_is_refused_without_expanding(write_yaml):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [*a{i-1},*a{i-1},*a{i-1},*a{i-1},*a{i-1},*a{i-1},*a{i-1},*a{i-1},*a{i-1}]" for i in range(1, 9)]
    problems = problems_of(write_yaml("\n".join(lines) + "\n"))
    assert "aliases (*a0) are not allowed" in problems[0]


def test_oversized_file_is_refused_before_parsing(write_yaml):
    problems = problems_of(write_yaml("#" * (MAX_FILE_BYTES + 1)))
    assert "the limit is" in problems[0]


def test_non_utf8_and_missing_files(tmp_path):
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("title: café\n".encode("latin-1"))
    assert "not UTF-8" in problems_of(latin)[0]
    assert "cannot read file" in problems_of(tmp_path / "nowhere.yaml")[0]


def test_dates_stay_text_and_a_document_must_be_a_mapping(write_yaml):
    problems = problems_of(write_yaml("- just\n- a list\n"))
    assert "is not of type 'object'" in problems[0]
