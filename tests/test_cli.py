"""The `digicomp` command line: exit codes, messages on stderr, never a traceback."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from digicomp_xblock.cli import main
from digicomp_xblock.core.profiles import load_profile
from digicomp_xblock.core.profiles.files import profiles_dir
from tests.conftest import MINI


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_bundled_framework_prints_the_summary(capsys):
    code, out, err = run(capsys, "framework", "validate")
    assert (code, out, err) == (0, "144 statements, 9 clusters, 3 focuses, languages en nl\n", "")


def test_validate_reports_every_error_one_per_line(capsys, mini_doc, write_yaml):
    mini_doc["focuses"][0]["clusters"][0]["components"][0]["statements"][0]["text"].pop("nl")
    mini_doc["focuses"][1]["clusters"][0]["components"][0]["statements"][0]["subtheme"] = "video"
    path = write_yaml(mini_doc)
    code, out, err = run(capsys, "framework", "validate", str(path))
    lines = err.splitlines()
    assert code == 1 and out == ""
    assert lines[0].startswith(f"{path}: ") and "missing language(s): nl" in lines[0]
    assert "unknown subtheme 'video'" in lines[1]
    assert lines[2] == "2 problem(s) found."


def test_show_one_cluster_in_dutch(capsys):
    code, out, _ = run(capsys, "framework", "show", "--lang", "nl", "--cluster", "6")
    assert code == 0
    assert "\n  6  " in out and "6.3.2" in out and "\n  5  " not in out


@pytest.mark.parametrize("args, message", [
    (["framework", "show", "--cluster", "12"], "no cluster '12'"),
    (["framework", "show", "--lang", "fr"], "language 'fr' is not in this framework"),
    (["framework", "export", "--format", "case", "-o", "/nonexistent/dir/out.json"], "cannot write"),
    (["framework", "export", "--format", "csv", "--base-uri", "https://example.org/case/"],
     "--base-uri is only for --format case"),
])
def test_bad_values_exit_2_with_a_message(capsys, args, message):
    code, _out, err = run(capsys, *args)
    assert code == 2 and message in err and "Traceback" not in err


def test_unknown_format_and_missing_file_through_the_console_script(tmp_path):
    bad = subprocess.run([sys.executable, "-m", "digicomp_xblock.cli", "framework", "export", "--format", "pdf"],
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "invalid choice: 'pdf'" in bad.stderr
    missing = subprocess.run([sys.executable, "-m", "digicomp_xblock.cli", "framework", "validate",
                              str(tmp_path / "none.yaml")], capture_output=True, text=True, check=False)
    assert missing.returncode == 1 and "cannot read file" in missing.stderr and "Traceback" not in missing.stderr


def test_case_export_with_a_base_uri(capsys):
    code, out, _ = run(capsys, "framework", "export", "--format", "case", "--lang", "nl", "--file", str(MINI),
                       "--base-uri", "https://example.org/case")
    package = json.loads(out)
    assert code == 0
    item = package["CFItems"][0]
    assert item["uri"] == f"https://example.org/case/CFItems/{item['identifier']}"
    assert package["CFDocument"]["uri"].startswith("https://example.org/case/CFDocuments/")


def test_case_export_without_a_base_uri_keeps_urn_uuids(capsys):
    code, out, _ = run(capsys, "framework", "export", "--format", "case", "--file", str(MINI))
    item = json.loads(out)["CFItems"][0]
    assert code == 0 and item["uri"] == f"urn:uuid:{item['identifier']}"


def test_a_bad_base_uri_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["framework", "export", "--format", "case", "--base-uri", "example.org/case"])
    err = capsys.readouterr().err
    assert caught.value.code == 2 and "--base-uri: base URI must be an absolute http(s) URL" in err


def test_export_help_says_what_uris_are_without_a_base_uri(capsys):
    with pytest.raises(SystemExit):
        main(["framework", "export", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--base-uri URL" in help_text and "default: urn:uuid:IDENTIFIER URIs" in help_text


def test_export_to_a_file(capsys, tmp_path):
    target = tmp_path / "taxonomy.csv"
    code, out, _ = run(capsys, "framework", "export", "--format", "oex-taxonomy", "--lang", "nl",
                       "--file", str(MINI), "-o", str(target))
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").splitlines()[:2] == ["id,value,parent_id", "1,1 Cluster een,"]


@pytest.mark.parametrize("content, words", [
    ("a: " + "[" * 20000, "nested too deeply"),
    ("a: &x [1]\nb: *x\n", "aliases (*x) are not allowed"),
])
def test_hostile_yaml_is_refused_with_a_message_not_a_traceback(capsys, write_yaml, content, words):
    code, _out, err = run(capsys, "framework", "validate", str(write_yaml(content)))
    assert code == 1 and words in err and "Traceback" not in err


def test_a_device_is_not_read(capsys):
    """/dev/zero says its size is 0 and never ends: it is refused before anything is read."""
    code, _out, err = run(capsys, "framework", "validate", "/dev/zero")
    assert code == 1 and "not a regular file" in err


def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "framework.yaml"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-m", "digicomp_xblock.cli", "framework", "validate", str(fifo)],
                          capture_output=True, text=True, timeout=30, check=False)
    assert done.returncode == 1 and "not a regular file" in done.stderr and "Traceback" not in done.stderr


def test_a_reader_that_stops_early_gets_no_traceback():
    process = subprocess.Popen([sys.executable, "-m", "digicomp_xblock.cli", "framework", "export", "--format", "case"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.read(100)
    process.stdout.close()
    error = process.stderr.read().decode()
    assert process.wait(timeout=30) == 0 and "Traceback" not in error




# --- Position profiles ----------------------------------------------------------------------------------------------

EXAMPLE_PROFILE = str(profiles_dir() / "example-social-work-bachelor.yaml")
IMPORT_ARGS = ["--id", "team-north", "--name-en", "Team North", "--name-nl", "Team Noord",
               "--description-en", "Our choices.", "--description-nl", "Onze keuzes.",
               "--owner-kind", "organisation", "--owner-key", "org-north", "--owner-name", "North"]


def test_profile_validate_prints_a_summary(capsys):
    code, out, err = run(capsys, "profile", "validate", EXAMPLE_PROFILE)
    assert (code, err) == (0, "")
    assert out == ("example-social-work-bachelor: 144 statements decided (beginner 60, experienced 42, pioneer 29, "
                   "pacesetter 10, not-expected 3), 0 undecided; framework social-work-2025 2025.1.0\n")


def test_profile_validate_notes_a_profile_of_an_older_patch_release(capsys, framework_file):
    code, out, _ = run(capsys, "profile", "validate", EXAMPLE_PROFILE, "--framework", str(framework_file("2025.1.2")))
    assert code == 0 and out.splitlines()[1] == "written for data version 2025.1.0, read with 2025.1.2 (a patch release)"


def test_profile_validate_reports_every_problem_one_per_line(capsys, tmp_path):
    text = Path(EXAMPLE_PROFILE).read_text(encoding="utf-8")
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace("1.1.1: beginner", "1.1.1: chief").replace("9.3.4: experienced", "9.3.9: experienced"),
                    encoding="utf-8")
    code, out, err = run(capsys, "profile", "validate", str(path))
    lines = err.splitlines()
    assert code == 1 and out == "" and "Traceback" not in err
    assert lines[0].startswith(f"{path}: expectations.1.1.1 [1.1.1]: unknown position 'chief'")
    assert lines[1].startswith(f"{path}: expectations.9.3.9 [9.3.9]: unknown statement ID")
    assert lines[2] == "2 problem(s) found."


def test_profile_export_writes_a_dutch_sheet(capsys, tmp_path):
    target = tmp_path / "profile.csv"
    code, out, _ = run(capsys, "profile", "export", "--format", "csv", EXAMPLE_PROFILE, "-o", str(target),
                       "--lang", "nl")
    data = target.read_bytes()
    assert code == 0 and out == ""
    assert data.startswith(b"\xef\xbb\xbfid;cluster;competentie;voorstel positie;eigen keuze;verwacht niveau\r\n")


@pytest.mark.parametrize("layout", ["draft", "positions"])
def test_profile_export_then_import_gives_the_same_expectations(capsys, tmp_path, layout, framework):
    sheet, result = tmp_path / "sheet.csv", tmp_path / "profile.yaml"
    assert run(capsys, "profile", "export", "--format", "csv", EXAMPLE_PROFILE, "--layout", layout,
               "-o", str(sheet))[0] == 0
    code, out, err = run(capsys, "profile", "import", str(sheet), "-o", str(result), "--scale", "growth-5",
                         *IMPORT_ARGS)
    assert (code, out, err) == (0, "", "")
    imported, example = load_profile(result, framework), load_profile(EXAMPLE_PROFILE, framework)
    assert imported.expectations == example.expectations
    assert (imported.id, imported.owner.key, imported.provenance.kind) == ("team-north", "org-north", "written")


def test_profile_import_reports_bad_rows_with_exit_1(capsys, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("id,own choice\n1.1.1,chief\n1.1.1,pioneer\n", encoding="utf-8")
    code, _out, err = run(capsys, "profile", "import", str(sheet), "-o", str(tmp_path / "p.yaml"), *IMPORT_ARGS)
    assert code == 1 and "Traceback" not in err
    assert err.splitlines() == [f"{sheet}: row 2 [1.1.1]: unknown position 'chief'",
                                f"{sheet}: row 3 [1.1.1]: statement 1.1.1 is in row 2 already", "2 problem(s) found."]
    assert not (tmp_path / "p.yaml").exists()


@pytest.mark.parametrize("extra, message", [
    ([], "the sheet has expected levels: name their scale with --scale (growth-5-kinds, growth-5, three-levels)"),
    (["--scale", "growth-5", "--prior-education", "law"], "prior_education: unknown prior education 'law'"),
    (["--scale", "growth-5", "--provenance", "consensus"], "provenance: a consensus needs its number of participants"),
    (["--scale", "growth-5", "--date", "1 December"], "provenance.date: '1 December' does not match"),
])
def test_profile_import_bad_arguments_exit_2(capsys, tmp_path, extra, message):
    sheet = tmp_path / "sheet.csv"
    assert run(capsys, "profile", "export", "--format", "csv", EXAMPLE_PROFILE, "-o", str(sheet))[0] == 0
    code, _out, err = run(capsys, "profile", "import", str(sheet), "-o", str(tmp_path / "p.yaml"), *IMPORT_ARGS, *extra)
    assert code == 2 and message in err and "Traceback" not in err


@pytest.mark.parametrize("args, code, message", [
    (["profile", "export", "--format", "csv", EXAMPLE_PROFILE, "--lang", "fr"], 2,
     "language 'fr' is not in this framework"),
    (["profile", "export", "--format", "csv", EXAMPLE_PROFILE, "-o", "/nonexistent/dir/p.csv"], 2, "cannot write"),
    (["profile", "validate", "/nonexistent/p.yaml"], 1, "cannot read file"),
    (["profile", "import", "/nonexistent/sheet.csv", "-o", "p.yaml", *IMPORT_ARGS], 1, "cannot read file"),
])
def test_profile_errors_have_a_message_and_no_traceback(capsys, args, code, message):
    result, _out, err = run(capsys, *args)
    assert result == code and message in err and "Traceback" not in err


def test_profile_import_without_its_required_arguments_exits_2():
    bad = subprocess.run([sys.executable, "-m", "digicomp_xblock.cli", "profile", "import", "sheet.csv"],
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "the following arguments are required: -o/--output, --id" in bad.stderr
