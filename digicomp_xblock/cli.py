"""The `digicomp` command line: validate, show and export framework files; validate, export and import position
profiles."""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import textwrap
from pathlib import Path

from .core.exports import FORMATS, to_case_package
from .core.exports.case import check_base_uri
from .core.loader import DEFAULT_FRAMEWORK, FrameworkError, framework_path, load_framework, read_text
from .core.model import Framework
from .core.profiles import (
    LAYOUTS,
    NOT_EXPECTED,
    OWNER_KINDS,
    PROVENANCE_KINDS,
    load_profile,
    load_vocabulary,
    profile_csv,
    profile_problems,
    profile_yaml,
    read_profile_csv,
)
from .core.profiles.files import PROFILE_SCHEMA
from .core.scales import load_scales


def _load(file: str | None) -> Framework:
    return load_framework(Path(file) if file else framework_path(DEFAULT_FRAMEWORK))


class _UsageError(Exception):
    """A wrong argument value that argparse could not see."""


def _checked_language(framework: Framework, lang: str) -> str:
    if lang not in framework.languages:
        raise _UsageError(f"language '{lang}' is not in this framework (it has: {' '.join(framework.languages)})")
    return lang


def cmd_validate(args) -> int:
    framework = _load(args.file)
    print(framework.summary())
    return 0


def cmd_show(args) -> int:
    framework = _load(args.file)
    lang = _checked_language(framework, args.lang)
    if args.cluster and args.cluster not in {c.id for c in framework.clusters()}:
        raise _UsageError(f"no cluster '{args.cluster}' (clusters: {' '.join(c.id for c in framework.clusters())})")
    wrap = textwrap.TextWrapper(width=100)
    print(f"{framework.title.get(lang)} ({framework.edition}, data {framework.version})")
    for focus in framework.focuses:
        clusters = [c for c in focus.clusters if not args.cluster or c.id == args.cluster]
        if not clusters:
            continue
        print(f"\n{focus.id}  {focus.title.get(lang)}")
        for cluster in clusters:
            print(f"  {cluster.id}  {cluster.title.get(lang)}")
            for component in cluster.components:
                print(f"    {component.id}  {component.title.get(lang)}")
                for subtheme, statements in component.groups():
                    indent = "      "
                    if subtheme:
                        print(f"      - {cluster.subtheme(subtheme).title.get(lang)}")
                        indent += "  "
                    for statement in statements:
                        wrap.initial_indent = f"{indent}{statement.id}  "
                        wrap.subsequent_indent = " " * len(wrap.initial_indent)
                        print(wrap.fill(statement.text.get(lang)))
    return 0


def _base_uri(value: str) -> str:
    try:
        return check_base_uri(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _write(output: str | None, text: str, newline: str | None = None) -> None:
    """`text` to the file `output`, or to standard output when it is None or `-`."""
    if output in (None, "-"):
        sys.stdout.write(text)
        return
    try:
        Path(output).write_text(text, encoding="utf-8", newline=newline)
    except OSError as error:
        raise _UsageError(f"cannot write {output}: {error.strerror or error}") from None


def cmd_export(args) -> int:
    if args.base_uri is not None and args.format != "case":
        raise _UsageError("--base-uri is only for --format case")
    framework = _load(args.file)
    lang = _checked_language(framework, args.lang)
    if args.format == "case":
        text = to_case_package(framework, lang, args.base_uri)
    else:
        text = FORMATS[args.format](framework, lang)
    _write(args.output, text)
    return 0


def cmd_profile_validate(args) -> int:
    framework = _load(args.framework)
    profile = load_profile(args.file, framework)
    counts = dict.fromkeys(profile.positions + (NOT_EXPECTED,), 0)
    for _, expectation in profile.expectations:
        counts[expectation.position] += 1
    print(f"{profile.id}: {len(profile.expectations)} statements decided "
          f"({', '.join(f'{choice} {n}' for choice, n in counts.items())}), "
          f"{len(profile.undecided(framework))} undecided; framework {framework.id} {framework.version}")
    if profile.migrated_from:
        print(f"written for data version {profile.migrated_from}, read with {framework.version} (a patch release)")
    return 0


def cmd_profile_export(args) -> int:
    framework = _load(args.framework)
    lang = _checked_language(framework, args.lang)
    profile = load_profile(args.file, framework)
    _write(args.output, profile_csv(profile, framework, load_vocabulary(), lang, args.layout), newline="")
    return 0


def cmd_profile_import(args) -> int:
    framework = _load(args.framework)
    text = read_text(Path(args.csv))
    vocabulary = load_vocabulary()
    scales = load_scales()
    expectations = read_profile_csv(text, framework, vocabulary, args.csv)
    if not args.scale and any(isinstance(value, dict) and "level" in value for value in expectations.values()):
        raise _UsageError(f"the sheet has expected levels: name their scale with --scale ({', '.join(scales.ids)})")
    provenance = {"kind": args.provenance, "date": args.date}
    if args.participants is not None:
        provenance["participants"] = args.participants
    doc = {
        "schema": PROFILE_SCHEMA,
        "id": args.id,
        "framework": {"id": framework.id, "version": framework.version},
        "name": {"en": args.name_en, "nl": args.name_nl},
        "description": {"en": args.description_en, "nl": args.description_nl},
        "owner": {"kind": args.owner_kind, "key": args.owner_key, "name": args.owner_name},
        **({"prior_education": args.prior_education} if args.prior_education else {}),
        "provenance": provenance,
        **({"scale": args.scale} if args.scale else {}),
        "expectations": expectations,
    }
    problems = profile_problems(doc, args.csv, framework, scales, vocabulary)
    # Everything but the expectations comes from the arguments.
    wrong_arguments = [p for p in problems if not p.path.startswith("expectations")]
    if wrong_arguments:
        raise _UsageError("; ".join(f"{p.path}: {p.message}" for p in wrong_arguments))
    if problems:
        raise FrameworkError(problems)
    _write(args.output, profile_yaml(doc))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="digicomp", description="Digital competence framework tools.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    framework = commands.add_parser("framework", help="validate, show or export a framework file")
    actions = framework.add_subparsers(dest="action", required=True, metavar="ACTION")

    validate = actions.add_parser("validate", help="check a framework file and print a summary")
    validate.add_argument("file", nargs="?", help="framework YAML file (default: the bundled 2025 framework)")
    validate.set_defaults(func=cmd_validate)

    show = actions.add_parser("show", help="print the framework as a readable tree")
    show.add_argument("--lang", default="en", help="language, e.g. en or nl (default: en)")
    show.add_argument("--cluster", help="only this cluster, e.g. 5")
    show.add_argument("--file", help="framework YAML file (default: the bundled 2025 framework)")
    show.set_defaults(func=cmd_show)

    export = actions.add_parser("export", help="export to CASE 1.1 JSON, Open edX taxonomy CSV or a flat CSV")
    export.add_argument("--format", required=True, choices=sorted(FORMATS))
    export.add_argument("--lang", default="en", help="language, e.g. en or nl (default: en)")
    export.add_argument("-o", "--output", help="output file (default: standard output)")
    export.add_argument("--file", help="framework YAML file (default: the bundled 2025 framework)")
    export.add_argument(
        "--base-uri", type=_base_uri, metavar="URL",
        help="case only: make every uri resolvable, BASE + CFDocuments/, CFItems/, CFAssociations/, CFItemTypes/ "
             "or CFLicenses/ + the object's identifier, e.g. https://example.org/case/ (default: urn:uuid:IDENTIFIER "
             "URIs, which resolve nowhere)")
    export.set_defaults(func=cmd_export)

    _profile_parser(commands)
    return parser


def _profile_parser(commands) -> None:
    profile = commands.add_parser("profile", help="validate, export or import a position profile")
    actions = profile.add_subparsers(dest="action", required=True, metavar="ACTION")
    framework_help = "framework YAML file (default: the bundled 2025 framework)"

    validate = actions.add_parser("validate", help="check a position profile and print a summary")
    validate.add_argument("file", help="position profile YAML file")
    validate.add_argument("--framework", help=framework_help)
    validate.set_defaults(func=cmd_profile_validate)

    export = actions.add_parser("export", help="export a position profile as a spreadsheet (CSV)")
    export.add_argument("--format", required=True, choices=["csv"])
    export.add_argument("file", help="position profile YAML file")
    export.add_argument("-o", "--output", help="output file (default: standard output)")
    export.add_argument("--lang", default="en", help="language of the texts, e.g. en or nl (default: en)")
    export.add_argument("--layout", default="draft", choices=LAYOUTS,
                        help="draft: 'proposed position' and 'own choice' columns; positions: a column per position")
    export.add_argument("--framework", help=framework_help)
    export.set_defaults(func=cmd_profile_export)

    load = actions.add_parser("import", help="make a position profile file of a spreadsheet (CSV, ; or ,)")
    load.add_argument("csv", help="spreadsheet in either layout of 'profile export'")
    load.add_argument("-o", "--output", required=True, help="profile YAML file to write")
    load.add_argument("--id", required=True, help="stable ID of the profile, e.g. my-organisation-2026")
    for lang, language in (("en", "English"), ("nl", "Dutch")):
        load.add_argument(f"--name-{lang}", required=True, help=f"name in {language}")
        load.add_argument(f"--description-{lang}", required=True, help=f"description in {language}")
    load.add_argument("--owner-kind", required=True, choices=OWNER_KINDS)
    load.add_argument("--owner-key", required=True, help="stable key of the owner, e.g. a course key")
    load.add_argument("--owner-name", required=True, help="name of the owner")
    load.add_argument("--provenance", default="written", choices=PROVENANCE_KINDS,
                      help="written by hand (default) or the outcome of a consensus exercise")
    load.add_argument("--participants", type=int, help="number of participants of the consensus")
    load.add_argument("--date", default=datetime.date.today().isoformat(),
                      help="date written or agreed, YYYY-MM-DD (default: today)")
    load.add_argument("--prior-education", help="prior-education programme, e.g. social-work")
    load.add_argument("--scale", help="scale of the expected levels, e.g. growth-5 (needed when the sheet has levels)")
    load.add_argument("--framework", help=framework_help)
    load.set_defaults(func=cmd_profile_import)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except FrameworkError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"{len(error.problems)} problem(s) found.", file=sys.stderr)
        return 1
    except _UsageError as error:
        print(f"digicomp: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: stop quietly, as other command-line tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
