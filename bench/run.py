"""`make bench`: speed and page weight of the self-assessment, against baselines measured in the same run.

Everything runs in one process on the XBlock SDK workbench runtime (the demo's Django settings) with a
throw-away SQLite database in a temporary folder. The cases are interleaved round by round (warm-up rounds
first), so a slower or faster stretch of the machine hits all of them alike; each figure is the median and
the 90th percentile of the timed rounds (time.perf_counter). It prints a report and exits 0 whatever the
figures are; it exits non-zero only when something crashed or a case did not do what it should.

    .venv/bin/python bench/run.py [--reps 30] [--warmup 5] [--profile]
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import platform
import statistics
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "static"
SETTINGS = "digicomp_demo.settings"
LEARNER = "bench_learner"
FLOOR_TAG = "bench_floor"

RENDER_VS_FLOOR = 1.5  # our render / floor render: at most
RENDER_VS_SURVEY = 1.0  # our render / Survey render: below
SAVE_VS_FLOOR = 2.0  # our save / floor handler: at most
HISTORY = 19  # submitted moments of the learner whose save is compared with a save at none
SAVE_HISTORY_VS_NONE = 1.5  # a save at HISTORY moments / a save at none: at most
PAGE_WEIGHT_LIMIT = 60_000  # bytes of our CSS + JS, uncompressed: below


@dataclass
class Case:
    key: str
    label: str
    run: object  # () -> seconds of the timed part
    times: list = field(default_factory=list)
    queries: int | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.times) * 1000

    @property
    def p90(self) -> float:
        ordered = sorted(self.times)
        return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)] * 1000


def setup_django(var_dir: Path, settings: str = SETTINGS) -> None:
    """The demo settings on a fresh SQLite database (and log) in `var_dir`; or other settings (`settings_mariadb`:
    the demo's on a MariaDB database), their database migrated likewise."""
    os.environ["DIGICOMP_VAR_DIR"] = str(var_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = settings
    # The workbench's dependencies still import pkg_resources (as pytest.ini notes); not ours to fix here.
    warnings.filterwarnings("ignore", "pkg_resources is deprecated", UserWarning)
    warnings.filterwarnings("ignore", "Runtime.user_id is deprecated")
    warnings.filterwarnings("ignore", "datetime.datetime.utcnow", DeprecationWarning)
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import translation

    call_command("migrate", run_syncdb=True, verbosity=0)
    translation.activate("en")


def statements_and_levels():
    from digicomp_xblock.core.loader import get_framework
    from digicomp_xblock.core.scales import DEFAULT_SCALE, load_scales

    statements = tuple(get_framework().statements())
    levels = load_scales().get(DEFAULT_SCALE).levels
    return statements, levels


def survey_xml(statements, levels) -> str:
    """`<survey>` with the statements as questions and the scale's labels as answers (xblock-poll's OLX)."""
    from lxml import etree

    node = etree.Element("survey")
    node.set("display_name", "Digital competences (xblock-poll Survey)")
    node.set("questions", json.dumps([[s.id, {"label": s.text.get("en"), "img": None, "img_alt": None}]
                                      for s in statements]))
    node.set("answers", json.dumps([[str(level.value), level.label.get("en")] for level in levels]))
    # Unlimited submissions with private results: the learner can vote again, as our learner saves again.
    node.set("max_submissions", "0")
    node.set("private_results", "true")
    return etree.tostring(node, encoding="unicode")


def post(url: str, body: bytes):
    from webob import Request

    return Request.blank(url, method="POST", body=body, content_type="application/json")


def build_cases(runtime, statements, levels):
    """Parse the blocks, give the learner a draft / a vote, and return the timed cases."""

    ids = [s.id for s in statements]
    top = levels[-1].value
    # Two bodies, alternated, so that every save really changes the stored answers.
    our_bodies = [json.dumps({"ratings": {sid: (i + shift) % (top + 1) for i, sid in enumerate(ids)},
                              "submit": False}).encode() for shift in (0, 1)]
    answer_keys = [str(level.value) for level in levels]
    survey_bodies = [json.dumps({sid: answer_keys[(i + shift) % len(answer_keys)] for i, sid in enumerate(ids)})
                     .encode() for shift in (0, 1)]

    usage = {
        "ours": runtime.parse_xml_string("<digicomp_assessment/>"),
        "floor": runtime.parse_xml_string(f"<{FLOOR_TAG}/>"),
        "survey": runtime.parse_xml_string(survey_xml(statements, levels)),
    }
    calls = {}  # per handler, so that each one alternates its two bodies

    def handle(key, handler, bodies, check):
        block = runtime.get_block(usage[key])
        count = calls[key, handler] = calls.get((key, handler), -1) + 1
        request = post(runtime.handler_url(block, handler), bodies[count % 2])
        start = time.perf_counter()
        response = runtime.handle(block, handler, request)
        elapsed = time.perf_counter() - start
        if response.status_code != 200:
            raise RuntimeError(f"{key}.{handler} answered {response.status}: {response.body[:300]!r}")
        check(json.loads(response.body))
        return elapsed

    def render(key, check):
        block = runtime.get_block(usage[key])
        start = time.perf_counter()
        fragment = block.render("student_view")
        elapsed = time.perf_counter() - start
        check(fragment.content)
        return elapsed

    def expect(condition, message):
        if not condition:
            raise RuntimeError(message)

    def our_save_ok(state):
        expect(state.get("answered") == len(ids) and state.get("editing"), f"save_answers returned {state!r:.300}")

    def our_render_ok(html):
        expect(html.count("data-statement=") == len(ids), "the assessment did not render every statement")

    def survey_vote_ok(result):
        expect(result.get("success"), f"the Survey refused the vote: {result!r:.300}")

    def survey_render_ok(html):
        rows = html.count('class="survey-row" role="group"')
        expect(rows == len(ids), f"the Survey rendered {rows} questions, not {len(ids)}")

    def floor_ok(result):
        expect(set(result.values()) == {len(ids)}, f"the floor handler returned {result!r}")

    cases = [
        Case("render", "digicomp_assessment student_view, 144 statements, learner with a draft",
             lambda: render("ours", our_render_ok)),
        Case("save", "digicomp_assessment save_answers, 144 ratings, draft",
             lambda: handle("ours", "save_answers", our_bodies, our_save_ok)),
        Case("floor_render", "floor: bare XBlock student_view (renders nothing)",
             lambda: render("floor", lambda html: None)),
        Case("floor_handler", "floor: bare XBlock JSON handler, same 144-rating body",
             lambda: handle("floor", "echo", our_bodies, floor_ok)),
        Case("floor_store", "  (info) bare JSON handler that also stores the ratings",
             lambda: handle("floor", "store", our_bodies, floor_ok)),
        Case("survey_render", "xblock-poll Survey student_view, 144 questions x 5 answers",
             lambda: render("survey", survey_render_ok)),
        Case("survey_vote", "xblock-poll Survey vote handler, 144 answers",
             lambda: handle("survey", "vote", survey_bodies, survey_vote_ok)),
    ]
    # The learner has a draft and a vote before anything is timed (count_queries runs every case once more).
    by_key = {case.key: case for case in cases}
    by_key["save"].run()
    by_key["survey_vote"].run()
    return cases, usage


def count_queries(cases) -> None:
    """Run each case once, counting its SQL queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for case in cases:
        with CaptureQueriesContext(connection) as queries:
            case.run()
        case.queries = len(queries)


def history_cases(statements, levels):
    """A draft save of a learner with no submitted moment and of one with HISTORY, in the workbench's storage and
    in the LMS-like one (lms_storage.py), and render and floor in the LMS-like storage."""
    from lms_storage import lms_like_runtime
    from workbench.runtime import WorkbenchRuntime

    ids = [s.id for s in statements]
    top = levels[-1].value
    xml = f'<digicomp_assessment max_moments="{HISTORY + 1}"/>'

    def body(shift, submit=False):
        return json.dumps({"ratings": {sid: (i + shift) % (top + 1) for i, sid in enumerate(ids)},
                           "submit": submit}).encode()

    def learner(mode, moments):
        name = f"bench_{mode}_{moments}"
        runtime, store = lms_like_runtime(name) if mode == "lms" else (WorkbenchRuntime(name), None)
        usage = {"ours": runtime.parse_xml_string(xml), "floor": runtime.parse_xml_string(f"<{FLOOR_TAG}/>")}

        def request(key, handler, data):
            if store:
                store.new_request()
            block = runtime.get_block(usage[key])
            start = time.perf_counter()
            response = runtime.handle(block, handler, post(runtime.handler_url(block, handler), data))
            elapsed = time.perf_counter() - start
            if response.status_code != 200:
                raise RuntimeError(f"{name} {handler} answered {response.status}: {response.body[:300]!r}")
            return elapsed

        def render(key):
            if store:
                store.new_request()
            block = runtime.get_block(usage[key])
            start = time.perf_counter()
            block.render("student_view")
            return time.perf_counter() - start

        request("ours", "save_answers", body(0))
        for moment in range(moments):
            request("ours", "save_answers", body(moment, submit=True))
            request("ours", "start_moment", b"{}")
        count = iter(range(10**9))
        return (lambda: request("ours", "save_answers", body(next(count) % 2)),
                lambda: render("ours"), lambda: request("floor", "echo", body(0)), lambda: render("floor"))

    cases = []
    for mode, label in (("wb", "workbench storage"), ("lms", "LMS-like storage")):
        save_none, render, floor_handler, floor_render = learner(mode, 0)
        save_history = learner(mode, HISTORY)[0]
        cases += [Case(f"save_{mode}_0", f"draft save, no submitted moment ({label})", save_none),
                  Case(f"save_{mode}_{HISTORY}", f"draft save, {HISTORY} submitted moments ({label})", save_history)]
        if mode == "lms":
            cases += [Case("render_lms", f"our render ({label})", render),
                      Case("floor_render_lms", f"floor render ({label})", floor_render),
                      Case("floor_handler_lms", f"floor handler ({label})", floor_handler)]
    return cases


def first_render_ms(runtime, usage_id) -> float:
    block = runtime.get_block(usage_id)
    start = time.perf_counter()
    block.render("student_view")
    return (time.perf_counter() - start) * 1000


def measure(cases, reps: int, warmup: int) -> None:
    for round_no in range(warmup + reps):
        shift = round_no % len(cases)
        for case in cases[shift:] + cases[:shift]:
            elapsed = case.run()
            if round_no >= warmup:
                case.times.append(elapsed)


def resource_weight(fragment, file_of) -> tuple[int, int, list[str]]:
    """Bytes of a fragment's CSS and JS (URLs read from their files, inline text as is), plain and gzipped."""
    plain = packed = 0
    names = []
    for resource in fragment.resources:
        if resource.mimetype not in ("text/css", "application/javascript"):
            continue
        if resource.kind == "url":
            path = file_of(resource.data)
            data = path.read_bytes()
            names.append(path.name)
        else:
            data = resource.data.encode("utf-8")
            names.append(f"inline {resource.mimetype.split('/')[1]}")
        plain += len(data)
        packed += len(gzip.compress(data, compresslevel=6))
    return plain, packed, names


def page_weights(runtime, usage):
    """Our CSS + JS as the assessment's student_view references them (English and Dutch), and the Survey's."""
    from django.utils import translation

    ours = runtime.get_block(usage["ours"])
    prefix = urlsplit(runtime.local_resource_url(ours, "static/")).path

    def our_file(url):
        path = urlsplit(url).path
        if not path.startswith(prefix):
            raise RuntimeError(f"the assessment references a resource that is not ours: {url}")
        target = (STATIC / path[len(prefix):]).resolve()
        if STATIC.resolve() not in target.parents or not target.is_file():
            raise RuntimeError(f"no file under static/ for {url}")
        return target

    rows = {}
    for lang in ("en", "nl"):
        with translation.override(lang):
            fragment = ours.student_view({})
        rows[f"ours_{lang}"] = resource_weight(fragment, our_file)
        html = fragment.content.encode("utf-8")
        rows[f"html_{lang}"] = (len(html), len(gzip.compress(html, compresslevel=6)), [])

    import poll

    survey = runtime.get_block(usage["survey"])
    survey_prefix = urlsplit(runtime.local_resource_url(survey, "public/")).path
    poll_public = Path(poll.__file__).resolve().parent / "public"

    def survey_file(url):
        path = urlsplit(url).path
        if not path.startswith(survey_prefix):
            raise RuntimeError(f"unexpected Survey resource: {url}")
        return poll_public / path[len(survey_prefix):]

    fragment = survey.student_view({})
    rows["survey"] = resource_weight(fragment, survey_file)
    html = fragment.content.encode("utf-8")
    rows["survey_html"] = (len(html), len(gzip.compress(html, compresslevel=6)), [])
    return rows


def profile_render(runtime, usage_id, reps: int) -> None:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    for _ in range(reps):
        block = runtime.get_block(usage_id)
        profiler.enable()
        block.render("student_view")
        profiler.disable()
    print(f"\ncProfile of {reps} renders of the assessment (cumulative time, top 25):")
    pstats.Stats(profiler, stream=sys.stdout).strip_dirs().sort_stats("cumulative").print_stats(25)


def kb(n: int) -> str:
    return f"{n / 1000:.1f} kB"


def report(cases, weights, first_ms, reps, warmup) -> None:
    by = {case.key: case for case in cases}
    versions = ", ".join(f"{name} {version(name)}" for name in ("XBlock", "xblock-sdk", "xblock-poll", "Django"))
    print("digicomp-xblock benchmark: workbench runtime in-process, SQLite in a temporary folder")
    print(f"Python {platform.python_version()}, {versions}; {os.cpu_count()} CPU(s)")
    print(f"{reps} timed rounds after {warmup} warm-up rounds, cases interleaved; each block fetched anew per round")
    print()
    width = max(len(case.label) for case in cases)
    print(f"{'case':<{width}}  {'median':>9}  {'p90':>9}  {'SQL':>4}")
    for case in cases:
        print(f"{case.label:<{width}}  {case.median:>6.2f} ms  {case.p90:>6.2f} ms  {case.queries:>4}")
    print(f"{'  (info) first assessment render in this process':<{width}}  {first_ms:>6.2f} ms")
    print()

    checks = []

    def ratio(label, a, b, target, op):
        value = by[a].median / by[b].median
        met = value <= target if op == "<=" else value < target
        checks.append((label, met))
        goal = f"{'≤' if op == '<=' else '<'} {target:g}×"
        print(f"{label:<44} {value:>7.2f}×   target {goal:<7} {'met' if met else 'NOT met'}")

    print("ratios of medians")
    ratio("our render / floor render", "render", "floor_render", RENDER_VS_FLOOR, "<=")
    ratio("our render / Survey render", "render", "survey_render", RENDER_VS_SURVEY, "<")
    ratio("our save / floor handler", "save", "floor_handler", SAVE_VS_FLOOR, "<=")
    for mode, label in (("wb", "workbench"), ("lms", "LMS-like")):
        ratio(f"save at {HISTORY} / at 0 moments, {label}", f"save_{mode}_{HISTORY}", f"save_{mode}_0",
              SAVE_HISTORY_VS_NONE, "<=")
    ratio("our render / floor render, LMS-like", "render_lms", "floor_render_lms", RENDER_VS_FLOOR, "<=")
    ratio("our save / floor handler, LMS-like", "save_lms_0", "floor_handler_lms", SAVE_VS_FLOOR, "<=")
    info = by["save"].median / by["floor_store"].median
    print(f"{'  (info) our save / storing handler':<44} {info:>7.2f}×")
    info = by["survey_vote"].median / by["floor_handler"].median
    print(f"{'  (info) Survey vote / floor handler':<44} {info:>7.2f}×")
    print()

    print("page weight: CSS + JS the assessment's student_view adds (gzip -6 per file)")
    heaviest = max(weights["ours_en"][0], weights["ours_nl"][0])
    for lang in ("en", "nl"):
        plain, packed, names = weights[f"ours_{lang}"]
        print(f"  {lang}: {kb(plain):>9} ({kb(packed)} gzipped)  {', '.join(names)}")
    met = heaviest < PAGE_WEIGHT_LIMIT
    checks.append(("page weight", met))
    print(f"  largest {kb(heaviest)} vs target < {kb(PAGE_WEIGHT_LIMIT)}: {'met' if met else 'NOT met'}"
          f" ({heaviest / PAGE_WEIGHT_LIMIT:.0%} of it)")
    plain, packed, _ = weights["survey"]
    print(f"  (info) Survey's CSS + JS: {kb(plain)} ({kb(packed)} gzipped)")
    for key, label in (("html_en", "assessment HTML (en)"), ("survey_html", "Survey HTML")):
        plain, packed, _ = weights[key]
        print(f"  (info) {label}: {kb(plain)} ({kb(packed)} gzipped)")
    print()
    met_count = sum(met for _, met in checks)
    print(f"targets met: {met_count} of {len(checks)}"
          + ("" if met_count == len(checks) else
             f"; not met: {', '.join(label for label, met in checks if not met)}"))
    print("(a report, not a test: figures vary from machine to machine; compare the ratios)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=30, help="timed rounds (default 30)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed rounds first (default 5)")
    parser.add_argument("--profile", action="store_true", help="also cProfile the assessment's render")
    args = parser.parse_args(argv)
    if args.reps < 1 or args.warmup < 0:
        parser.error("--reps must be at least 1 and --warmup at least 0")

    with tempfile.TemporaryDirectory(prefix="digicomp-bench-") as var_dir:
        setup_django(Path(var_dir))
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from floor import FloorXBlock
        from xblock.core import XBlock

        @XBlock.register_temp_plugin(FloorXBlock, FLOOR_TAG)
        def run():
            from django.db import connections
            from workbench.runtime import ID_MANAGER, WorkbenchRuntime

            try:
                ID_MANAGER.set_scenario("bench")
                runtime = WorkbenchRuntime(LEARNER)
                statements, levels = statements_and_levels()
                usage_id = runtime.parse_xml_string("<digicomp_assessment/>")
                first_ms = first_render_ms(runtime, usage_id)
                cases, usage = build_cases(runtime, statements, levels)
                cases += history_cases(statements, levels)
                count_queries(cases)
                measure(cases, args.reps, args.warmup)
                weights = page_weights(runtime, usage)
                report(cases, weights, first_ms, args.reps, args.warmup)
                if args.profile:
                    profile_render(runtime, usage["ours"], args.reps)
            finally:
                connections.close_all()

        run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
