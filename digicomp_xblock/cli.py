"""The `digicomp` command line: validate, show and export framework files."""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from pathlib import Path

from .core.exports import FORMATS, to_case_package
from .core.exports.case import check_base_uri
from .core.loader import DEFAULT_FRAMEWORK, FrameworkError, framework_path, load_framework
from .core.model import Framework


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


def cmd_export(args) -> int:
    if args.base_uri is not None and args.format != "case":
        raise _UsageError("--base-uri is only for --format case")
    framework = _load(args.file)
    lang = _checked_language(framework, args.lang)
    if args.format == "case":
        text = to_case_package(framework, lang, args.base_uri)
    else:
        text = FORMATS[args.format](framework, lang)
    if args.output in (None, "-"):
        sys.stdout.write(text)
    else:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as error:
            raise _UsageError(f"cannot write {args.output}: {error.strerror or error}") from None
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

    return parser


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
