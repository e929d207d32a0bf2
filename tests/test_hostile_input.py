"""Hostile input: generated bodies sent to every handler of every block and the aside, and generated query
strings to every dashboard view, the way a browser (or anyone with curl) reaches the demo.

The bodies: JSON of the wrong shape and types, unknown and out-of-scope statement and cluster IDs, off-scale levels,
floats, NaN and Infinity literals, 400- and 5000-digit numbers, deep nesting, duplicate keys, control characters,
lone surrogates, invalid UTF-8, random bytes, cut and spliced JSON, oversized bodies; sent with every method and
several content types; every JSON handler also gets each of FIXED_BODIES. The queries, to the handlers that read
theirs (the downloads) and to the dashboard's views as course staff (the profile page as learners too): every
parameter the views read (block, since, until, by, sep) and others, repeated, with hostile values and
percent-encoded bytes, and a hostile Accept-Language.

For every request: never a 5xx; a 4xx always says why (`{"error": message}` from a handler, a text from a view);
and after a refused request the stored state, every record of the workbench's store byte for byte, the dashboard's
copies and the tags, is what it was. Accepted requests are fine (a valid body may be generated; of duplicate keys
the later one counts, as in Python's json). Each request runs
in a transaction that is rolled back, so every body meets the same world: `ana` with a moment open, `ben` with
his moment submitted, and `lecturer` (course staff) for the handlers only course staff may use.

The handlers come from the block classes themselves (`handlers_of`, as the authorisation table finds them), so a
new handler is sent hostile input as soon as the table has its row. The figure is printed at the end of the run;
the last test shows that the checks do catch a 5xx, a refusal that changed the state, and one without a message.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError, transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workbench.models import XBlockState
from xblock.exceptions import JsonHandlerError

from digicomp_xblock.blocks.assessment import AssessmentXBlock
from digicomp_xblock.blocks.assessment.studio import EDITABLE
from digicomp_xblock.blocks.consensus.settings import EDITABLE as CONSENSUS_EDITABLE
from digicomp_xblock.blocks.handlers import json_handler
from digicomp_xblock.core.answers import MAX_BODY_BYTES
from digicomp_xblock.core.scales import NOT_RELEVANT
from digicomp_xblock.dashboard.models import ConsensusChoice, SnapshotRecord, StoredProfile
from digicomp_xblock.platform import course_key_of
from tests.helpers import (
    ASSESSMENT,
    COVERAGE,
    FILES,
    PROFILE,
    aside_of,
    blocks_of,
    call_handler,
    object_tags,
    submit_all,
    usage,
)
from tests.test_authorisation import (
    BLOCK_CLASSES,
    CLUSTER_6,
    REQUESTS,
    ROLES,
    TABLE,
    VIEWS,
    consensus_exercise,
    dashboard_pages,
    handlers_of,
)

pytestmark = [
    pytest.mark.django_db,
    # An accepted studio_submit may carry characters XML cannot hold; XBlock's String fields drop them, and warn.
    pytest.mark.filterwarnings("ignore::xblock.fields.ModifyingEnforceTypeWarning"),
]

#: Generated requests per handler and per view (fixed bodies come on top); the total is asserted below.
JSON_EXAMPLES, GET_EXAMPLES, VIEW_EXAMPLES = 90, 25, 40
MINIMUM = 1000
#: The learners whose records the bodies meet (both have submitted a moment; ana has a second one open).
LEARNERS = ("ana", "ben")
STAFF = "lecturer"
EVERYONE = ("none", "ben", "cora", STAFF, "ana")  # five learners: the cohort's figures are shown

PROPERTY = settings(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow,
                                                                        HealthCheck.data_too_large])


# --- The world and what is stored in it ---------------------------------------------------------------------

def stored() -> tuple:
    """Everything a request could change: every record of the workbench's store as the text the database holds
    (settings and each learner's state, byte for byte), the dashboard's copies of the moments, the object tags.

    A record "{}" stores no field and is left out: the workbench's store creates one when a field is first read
    (`XBlockState.get_for_key` is a get-or-create), so a refused request that read the aside's settings leaves one.
    """
    records = sorted((row for row in XBlockState.objects.values_list("scope", "scope_id", "user_id", "state")
                      if row[3] != "{}"), key=repr)
    copies = sorted(SnapshotRecord.objects.values_list(), key=repr)
    consensus = (sorted(ConsensusChoice.objects.values_list(), key=repr),
                 sorted(StoredProfile.objects.values_list(), key=repr))
    return records, copies, object_tags(), consensus


@dataclass
class Tally:
    """What the requests got; `problems` says what went wrong, request by request."""

    requests: int = 0
    generated: int = 0  # by hypothesis (the others are FIXED_BODIES)
    refused: int = 0
    accepted: int = 0
    other: int = 0  # 1xx/3xx: none expected (counted, and a problem)
    server_errors: int = 0
    changes: int = 0
    problems: list[str] = field(default_factory=list)

    def line(self, handlers: int, views: int) -> str:
        return (f"hostile input: {self.requests} bodies ({self.generated} generated) to {handlers} handlers and "
                f"{views} views: "
                f"{self.refused} 4xx, {self.accepted} 2xx, {self.server_errors} 5xx, {self.changes} state changes")


def message_of(response) -> str:
    """What a refusal says: the `error` of a JSON answer, else the text of the page."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/json"):
        try:
            error = json.loads(body).get("error")
        except (ValueError, AttributeError):
            return ""
        return error.strip() if isinstance(error, str) else ""
    return body.decode("utf-8", "replace").strip()


class Harness:
    """Sends one request in a rolled-back transaction and checks the rules above; `tally` counts."""

    def __init__(self, clients: dict[str, Client], tally: Tally):
        self.clients, self.tally = clients, tally

    def send(self, who: str, method: str, url: str, body: bytes = b"", content_type: str = "", *,
             query: str = "", headers: dict | None = None, generated: bool = True) -> list[str]:
        """The problems of this request (empty: as the rules say)."""
        client = self.clients[who]
        extra = {"QUERY_STRING": query, **(headers or {})}
        if method not in ("GET", "HEAD"):
            extra["HTTP_X_CSRFTOKEN"] = client.cookies["csrftoken"].value
        with transaction.atomic():
            before = stored()
            response = client.generic(method, url, data=body, content_type=content_type, **extra)
            try:
                after = stored()
            except DatabaseError as error:  # the request broke the transaction: reported with its 5xx
                after = repr(error)
            transaction.set_rollback(True)
        status = response.status_code
        problems = []
        self.tally.requests += 1
        self.tally.generated += generated
        if status >= 500:
            self.tally.server_errors += 1
            problems.append(f"{status}: {response.exc_info[1]!r}" if response.exc_info else f"{status}")
        elif 400 <= status < 500:
            self.tally.refused += 1
            if before != after:
                self.tally.changes += 1
                problems.append(f"{status} but the stored state changed")
            if method != "HEAD" and not message_of(response):  # HEAD answers have no body
                problems.append(f"{status} without a message")
        elif 200 <= status < 300:
            self.tally.accepted += 1
        else:
            self.tally.other += 1
            problems.append(f"unexpected status {status}")
        if problems:
            described = f"{who} {method} {url}?{query[:80]} {content_type!r} body {body[:120]!r}"
            self.tally.problems.append(f"{described}: {'; '.join(problems)}")
        return problems


@pytest.fixture
def world(fresh_scenarios, course, taxonomy):
    """The demo course in which everyone has submitted a moment and ana has opened her second; a signed-in
    browser (with its CSRF cookie) per user; the URL of each handler and view."""
    for name in EVERYONE:
        status, body = submit_all(blocks_of(course, name)[ASSESSMENT], 2, {"1": f"private note of {name}"})
        assert status == 200, body
    ana = blocks_of(course, "ana")[ASSESSMENT]
    assert call_handler(ana, "start_moment", {})[0] == 200
    assert call_handler(ana, "save_answers", {"ratings": {next(iter(ana.draft["ratings"])): 3}})[0] == 200
    clients = {}
    for name in (*LEARNERS, STAFF):
        client = Client(enforce_csrf_checks=True, raise_request_exception=False)
        client.force_login(get_user_model().objects.create_user(name, is_staff=name == STAFF))
        client.get("/")  # the demo's middleware, and the CSRF cookie
        clients[name] = client
    blocks = blocks_of(course, STAFF)
    exercise = consensus_exercise()
    targets = {"AssessmentXBlock": f"/handler/{usage(blocks[ASSESSMENT])}",
               "ConsensusXBlock": f"/handler/{usage(exercise)}",
               "CoverageXBlock": f"/handler/{usage(blocks[COVERAGE])}",
               "CourseProfileXBlock": f"/handler/{usage(blocks[PROFILE])}",
               "CompetenceTagsAside": f"/aside_handler/{aside_of(blocks[FILES]).scope_ids.usage_id}"}
    course_key = course_key_of(blocks[ASSESSMENT])
    assessment = blocks[ASSESSMENT]
    framework = assessment.framework_model
    return {"clients": clients, "targets": targets, "assessment": usage(assessment),
            "pages": dashboard_pages(course_key),
            "in_scope": sorted(s.id for s in assessment.scope_statements),
            "out_of_scope": sorted({s.id for s in framework.statements()} - {s.id for s in assessment.scope_statements}),
            "clusters": sorted(c.id for c in framework.clusters()),
            "levels": list(assessment.rules().scale.values), "scale": assessment.scale,
            "framework": assessment.framework}


def handler_rows() -> list[tuple[str, str, str]]:
    """(subject, block class, handler) of every handler of every block and the aside, found on the classes."""
    return sorted((f"{cls.__name__}.{name}", cls.__name__, name) for cls in BLOCK_CLASSES for name in handlers_of(cls))


def staff_only(subject: str) -> bool:
    """Whether only course staff get past the handler's door (the table's learner gets 403): hostile bodies are then
    sent as course staff, so they reach the checks behind it."""
    return TABLE[subject][ROLES.index("learner")] == 403


# --- Strategies ---------------------------------------------------------------------------------------------

#: Strings that have broken parsers and templates before.
NASTY_TEXT = ["", " ", "\x00", "\x1b[31m", "\u202e", "\ufeff", "\ud800", "\udfff", "\ud83d", "na ", "NA", "null",
              "<script>alert(1)</script>", "{{ 7*7 }}", "%(level)s", "%s%s%s", "'; DROP TABLE x; --", "../../etc",
              "5.1.1\x00", " 5.1.1", "5.1.", "5..1", "9.9.9", "0", "-1", "1e400", "x" * 3000, "é" * 1200,
              "２０２５-０１-０１", "٢٠٢٥-٠١-٠١"]


def texts():
    odd = st.characters() | st.sampled_from(["\ud800", "\udbff", "\udfff", "\x00", "\x7f"])  # lone surrogates
    return st.text(st.characters(), max_size=20) | st.sampled_from(NASTY_TEXT) | st.text(odd, max_size=5)


def numbers():
    return st.one_of(st.integers(-10, 10), st.integers(), st.sampled_from([10**400, -(10**400), 2**63, -(2**63) - 1]),
                     st.floats(), st.sampled_from([math.nan, math.inf, -math.inf, -0.0, 2.0, 2.5, 1e-400]))


class Values:
    """The strategies of JSON values for the world `w` (built once: building strategies is not free)."""

    def __init__(self, w):
        text = texts()
        #: Statement and cluster IDs: in scope, out of scope, unknown, malformed.
        self.ids = st.one_of(st.sampled_from(w["in_scope"]), st.sampled_from(w["out_of_scope"]),
                             st.sampled_from(w["clusters"]), text)
        levels = st.sampled_from([*w["levels"], NOT_RELEVANT, -1, len(w["levels"]), 99, "2", "na "])
        self.leaves = st.one_of(st.none(), st.booleans(), numbers(), text, self.ids, levels)
        self.any = st.recursive(self.leaves, lambda inner: st.lists(inner, max_size=4)
                                | st.dictionaries(self.ids, inner, max_size=4), max_leaves=10)
        # The fields the JSON handlers read, with values close to right (or right), or anything.
        statement = st.sampled_from(w["in_scope"] * 2 + w["out_of_scope"][:20] + ["9.9.9", "5.1", "5", "", " 5.1.1"])
        statement = statement | statement | self.ids
        level = st.sampled_from([*w["levels"], NOT_RELEVANT, None, -1, len(w["levels"]), 99, 2.0, 2.5, "2", True])
        level = level | level | self.leaves
        flag = st.booleans() | self.leaves
        # The consensus exercise (cluster 6): its statements, others, and its choices or not.
        exercise_statement = st.sampled_from([*CLUSTER_6, "5.1.1", "9.9.9", "6", ""]) | self.ids
        choices = ["beginner", "experienced", "pioneer", "pacesetter", "not-expected"]
        choice = st.sampled_from([*choices, None, "Beginner", "chief", 2]) | self.leaves
        self.fields = {
            "ratings": st.dictionaries(statement, level, max_size=5),
            "reflections": st.dictionaries(st.sampled_from(w["clusters"]) | self.ids, text | st.none(), max_size=3),
            "submit": flag, "revision": st.integers(-2, 5) | self.leaves,
            "compare": st.none() | st.integers(-1, 3) | self.leaves,
            "ids": st.lists(st.sampled_from(w["in_scope"] + w["clusters"]) | self.ids, max_size=5),
            "display_name": text, "introduction": text, "display_name_second": text, "introduction_second": text, "scope": st.sampled_from(["1 5 6", "5", "99", ""]) | text,
            "scale": st.sampled_from(["growth-5", "likert-5", ""]) | text,
            "max_moments": st.integers(-1, 200) | numbers(), "weight": numbers() | self.leaves,
            "framework": st.sampled_from(["social-work-2025", "../etc/passwd", ""]) | text,
            "allow_not_relevant": flag, "show_profile": flag, "share_answers": flag,
            "second_language": st.sampled_from(["nl", "en", "xx", ""]) | text,
            "position_profile": st.sampled_from(["example-social-work-bachelor", "../framework/social-work-2025",
                                                 "vocabulary", "schema", ""]) | text,
            "target_position": st.sampled_from(["beginner", "pacesetter", "chief", ""]) | text,
            "learner_chooses_target": flag,
            "target": st.sampled_from(["beginner", "pioneer", "chief", ""]) | text,
            "choices": st.dictionaries(exercise_statement, choice, max_size=5),
            "expectations": st.dictionaries(exercise_statement, choice, max_size=12),
            "values": st.dictionaries(st.sampled_from(tuple(CONSENSUS_EDITABLE)) | text,
                                      st.sampled_from(["6", "99", "", "example-social-work-bachelor", "Not An ID"])
                                      | self.leaves, max_size=4),
            "defaults": st.lists(st.sampled_from(tuple(CONSENSUS_EDITABLE)) | text, max_size=3) | self.leaves,
        }
        self.text = text
        # Right values of each field: a body of right values with one field wrong reaches that field's check.
        in_scope_clusters = sorted({i.split(".")[0] for i in w["in_scope"]})
        plain = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30)
        self.right = {
            "ratings": st.dictionaries(st.sampled_from(w["in_scope"]), st.sampled_from([*w["levels"], None]),
                                       max_size=8),
            "reflections": st.dictionaries(st.sampled_from(in_scope_clusters), plain, max_size=3),
            "submit": st.booleans(), "revision": st.none(), "compare": st.none(),
            "ids": st.lists(st.sampled_from(w["in_scope"] + w["clusters"]), max_size=4),
            "display_name": plain, "introduction": plain, "display_name_second": plain, "introduction_second": plain,
            "scope": st.just(" ".join(in_scope_clusters)), "scale": st.just(w["scale"]),
            "framework": st.just(w["framework"]), "max_moments": st.integers(2, 5),
            "weight": st.integers(0, 1) | st.floats(0, 1), "allow_not_relevant": st.booleans(),
            "show_profile": st.booleans(), "share_answers": st.booleans(), "second_language": st.sampled_from(["nl", ""]),
            "position_profile": st.sampled_from(["example-social-work-bachelor", ""]),
            "target_position": st.sampled_from(["beginner", "experienced", "pioneer", "pacesetter", ""]),
            "learner_chooses_target": st.booleans(),
            "target": st.sampled_from(["beginner", "experienced", "pioneer", "pacesetter"]),
            "choices": st.dictionaries(st.sampled_from(CLUSTER_6), st.sampled_from([*choices, None]), max_size=4),
            "expectations": st.fixed_dictionaries({sid: st.sampled_from(choices) for sid in CLUSTER_6}),
            "values": st.fixed_dictionaries({}, optional={"display_name": plain, "scope": st.just("6"),
                                                          "profile_name_en": plain.filter(str.strip)}),
            "defaults": st.lists(st.sampled_from(["display_name", "proposal"]), max_size=2),
        }


#: The fields each JSON handler reads (what a generated object mostly names); a handler not here: all of them.
READS = {"save_answers": ("ratings", "reflections", "submit", "revision"), "start_moment": ("revision",),
         "current_state": (), "profile": ("compare",), "studio_submit": tuple(EDITABLE), "refresh": (),
         "set_competences": ("ids",), "choose_target": ("target",), "save_choices": ("choices",),
         "fix_profile": ("expectations",), "submit_studio_edits": ("values", "defaults")}


def render(value) -> str:
    """JSON text of `value`, with NaN and Infinity as JavaScript writes them and big numbers as they are."""
    return json.dumps(value, allow_nan=True, ensure_ascii=True)


@st.composite
def objects(draw, v: Values, names: tuple[str, ...]) -> str:
    """A JSON object's text: mostly the fields the handler reads, with close or hostile values; other fields,
    unknown keys, repeated keys."""
    names = names or tuple(v.fields)
    mode = draw(st.sampled_from(["one wrong", "one wrong", "close", "anything"]))
    if mode == "one wrong":  # right values but one: that field's check is reached
        items = list(draw(st.fixed_dictionaries({}, optional={key: v.right[key] for key in names})).items())
        wrong = draw(st.sampled_from(names))
        items = [item for item in items if item[0] != wrong] + [(wrong, draw(v.fields[wrong]))]
    elif mode == "close":  # only the handler's fields, each with a close (or right) value
        items = list(draw(st.fixed_dictionaries({}, optional={key: v.fields[key] for key in names})).items())
    else:
        keys = draw(st.lists(st.sampled_from(names) | st.sampled_from(tuple(v.fields)) | v.text,
                             max_size=len(names) + 1))
        items = [(key, draw(v.fields[key] if key in v.fields and draw(st.booleans()) else v.any)) for key in keys]
    if items and not draw(st.integers(0, 4)):  # a key twice: the later value wins in Python, not in every parser
        items.append((items[0][0], draw(v.any)))
    return "{" + ", ".join(f"{render(key)}: {render(value)}" for key, value in items) + "}"


#: Bodies every JSON handler gets, besides the generated ones.
FIXED_BODIES = [b"", b" ", b"{}", b"[]", b"null", b"true", b"0", b'""', b"NaN", b"-Infinity", b'{"revision": NaN}',
                b'{"ratings": {"5.1.1": Infinity}}', b"[" * 5000, b"{" * 5000, b'{"a":' * 5000, b"[" * 5000 + b"]" * 5000,
                b'{"revision": ' + b"9" * 400 + b"}", b'{"compare": ' + b"9" * 5000 + b"}", b'{"weight": 1e400}',
                b'{"ratings": {}, "ratings": []}', b'{"ids": ["5"], "ids": "5"}', b'{"text": "\\ud800"}',
                b'{"ids": ["\\udfff"]}', b'{"reflections": {"1": "a\x00b"}}', b'{"reflections": {"1": "\x1f"}}',
                b"\xff\xfe{\x00}\x00", b"\xef\xbb\xbf{}", b'{"ratings": {"5.1.1": 2}}\x00', b"{}{}", b"{} trailing",
                b'{"display_name": "\xc3\x28"}', b"\xed\xa0\x80", b"ratings=5.1.1%3D2&submit=true",
                b" " * (MAX_BODY_BYTES + 1), b'{"ids": [' + b'"5",' * 20000 + b'"5"]}']


@st.composite
def bodies(draw, v: Values, names: tuple[str, ...]) -> bytes:
    """Bodies: mostly JSON objects naming the handler's fields; other JSON, JSON cut or spliced, bytes, the fixed
    ones."""
    kind = draw(st.sampled_from(["object"] * 6 + ["json", "damaged", "bytes", "fixed"]))
    if kind == "bytes":
        return draw(st.binary(max_size=64))
    if kind == "fixed":
        return draw(st.sampled_from(FIXED_BODIES))
    text = draw(v.any.map(render) if kind == "json" else objects(v, names)).encode("utf-8", "surrogatepass")
    if kind == "damaged":
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.binary(max_size=4)) + text[at + draw(st.integers(0, 2)):]
    return text


CONTENT_TYPES = ["application/json", "application/json; charset=utf-8", "application/json; charset=latin-1",
                 "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz",
                 "multipart/form-data", "application/xml", ""]
METHODS = ["GET", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]


def requests(v: Values, handler: str):
    """(method, content type, body) of a request to a JSON handler: mostly POSTed JSON."""
    method = st.sampled_from(["POST"] * 18 + METHODS)
    content_type = st.sampled_from(["application/json"] * 14 + CONTENT_TYPES)
    return st.tuples(method, content_type, bodies(v, READS.get(handler, ())))


QUERY_NAMES = ["block", "since", "until", "by", "sep", "format", "student", "lang", "what", "fmt"]


def queries(w):
    """Query strings: known and unknown parameters, repeated, quoted or raw (percent-encoded bytes, stray % and &)."""
    dates = st.dates().map(str) | st.sampled_from(["2025-02-30", "9999-99-99", "0000-01-01", "2025-1-1",
                                                   "2025-01-01T00:00", "20250101", "2025-W01"])
    known = st.sampled_from(["moment", "week", "comma", "semicolon", "tab", "json", "csv", "xml", w["assessment"],
                             w["assessment"] + "x"])
    text = texts()
    pairs = st.lists(st.tuples(st.sampled_from(QUERY_NAMES) | text, st.one_of(dates, known, text)), max_size=5)
    return query_strings(pairs)


@st.composite
def query_strings(draw, pairs):
    pairs = draw(pairs)
    parts = [f"{quote(name.encode('utf-8', 'surrogatepass'))}={quote(value.encode('utf-8', 'surrogatepass'))}"
             for name, value in pairs]
    if draw(st.booleans()):
        raw = draw(st.sampled_from(["%", "%zz", "%FF", "%ED%A0%80", "%C3%28", "%00", "&&", "=", "==x", ";",
                                    "block", "since=", "by=%E2%80%AE"]))
        parts.insert(draw(st.integers(0, len(parts))), raw)
    return "&".join(parts)


def accept_languages():
    return st.sampled_from(["", "nl", "nl-BE,nl;q=0.9", "en", "xx", "*", "nl;q=NaN", "de;q=1e400", "a" * 300,
                            "nl" + ",en" * 200]) | st.text(st.characters(codec="latin-1"), max_size=20)


# --- The tests ----------------------------------------------------------------------------------------------

def bodies_to_handler(harness, v: Values, subject: str, url: str):
    """Generated requests to a JSON handler (a hypothesis test to call)."""
    handler = subject.split(".")[1]
    who = st.just(STAFF) if staff_only(subject) else st.sampled_from(LEARNERS)

    @settings(PROPERTY, max_examples=JSON_EXAMPLES)
    @given(who=who, request=requests(v, handler))
    def run(who, request):
        method, content_type, body = request
        assert not harness.send(who, method, url, body, content_type), harness.tally.problems[-1]

    return run


def queries_to_handler(harness, w, subject: str, url: str):
    """Generated query strings to a handler that reads its query (the downloads), with other methods too."""
    who = st.just(STAFF) if staff_only(subject) else st.sampled_from(LEARNERS)

    @settings(PROPERTY, max_examples=GET_EXAMPLES)
    @given(who=who, method=st.sampled_from(["GET"] * 4 + ["POST", "HEAD"]), query=queries(w))
    def run(who, method, query):
        assert not harness.send(who, method, url, query=query), harness.tally.problems[-1]

    return run


def queries_to_view(harness, w, view: str, url: str):
    """Generated query strings (and Accept-Language headers) to a dashboard view, as course staff (the profile page:
    as a learner too)."""
    who = st.sampled_from((STAFF, *LEARNERS)) if view == "profile page" else st.just(STAFF)

    @settings(PROPERTY, max_examples=VIEW_EXAMPLES)
    @given(who=who, query=queries(w), language=accept_languages())
    def run(who, query, language):
        headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
        assert not harness.send(who, "GET", url, query=query, headers=headers), harness.tally.problems[-1]

    return run


def test_hostile_input(world, figures):
    tally = Tally()
    harness = Harness(world["clients"], tally)
    values = Values(world)
    rows = handler_rows()
    json_rows = [row for row in rows if REQUESTS[row[0]][0] == "POST"]
    get_rows = [row for row in rows if REQUESTS[row[0]][0] == "GET"]
    assert json_rows and get_rows and len(json_rows) + len(get_rows) == len(rows)
    try:
        for subject, block, handler in json_rows:
            url = f"{world['targets'][block]}/{handler}/"
            who = STAFF if staff_only(subject) else LEARNERS[0]
            for body in FIXED_BODIES:
                problems = harness.send(who, "POST", url, body, "application/json", generated=False)
                assert not problems, tally.problems[-1]
            bodies_to_handler(harness, values, subject, url)()
        for subject, block, handler in get_rows:
            queries_to_handler(harness, world, subject, f"{world['targets'][block]}/{handler}/")()
        for view, url in world["pages"].items():
            queries_to_view(harness, world, view, url)()
    finally:
        figures(tally.line(len(rows), len(VIEWS)))
    assert tally.problems == []
    assert tally.generated >= MINIMUM and tally.refused and tally.accepted


def test_the_harness_sees_a_server_error_a_state_change_and_a_silent_refusal(world, monkeypatch):
    """The rules above can fail: a handler that crashes, one that refuses after it changed the learner's record,
    and one that refuses without saying why are each caught."""

    def crashes(self, payload):
        raise ZeroDivisionError

    def writes_then_refuses(self, payload):
        self.draft = {"ratings": {}, "reflections": {"1": "changed by a refused request"}}
        self.save()
        raise JsonHandlerError(400, "refused")

    def refuses_silently(self, payload):
        raise JsonHandlerError(400, " ")

    tally = Tally()
    harness = Harness(world["clients"], tally)
    url = f"{world['targets']['AssessmentXBlock']}/current_state/"
    assert harness.send("ana", "POST", url, b"{}", "application/json") == []
    found = {}
    for broken in (crashes, writes_then_refuses, refuses_silently):
        monkeypatch.setattr(AssessmentXBlock, "current_state", json_handler(broken))
        found[broken.__name__] = harness.send("ana", "POST", url, b"{}", "application/json")
    assert found == {"crashes": ["500: ZeroDivisionError()"], "writes_then_refuses": ["400 but the stored state changed"],
                     "refuses_silently": ["400 without a message"]}
    assert (tally.requests, tally.accepted, tally.refused, tally.server_errors, tally.changes) == (4, 1, 2, 1, 1)
    assert len(tally.problems) == 3
