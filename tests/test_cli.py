"""The `digicomp` command line: exit codes, messages on stderr, never a traceback."""

import json
import subprocess
import sys

import pytest

from digicomp_xblock.cli import main
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


def test_a_reader_that_stops_early_gets_no_traceback():
    process = subprocess.Popen([sys.executable, "-m", "digicomp_xblock.cli", "framework", "export", "--format", "case"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.read(100)
    process.stdout.close()
    error = process.stderr.read().decode()
    assert process.wait(timeout=30) == 0 and "Traceback" not in error


