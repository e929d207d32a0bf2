"""Handlers of the self-assessment: save (draft or submit), start a new moment, compare, download."""

from __future__ import annotations

from datetime import UTC, datetime

from webob import Response
from xblock.core import XBlock, XBlockMixin
from xblock.exceptions import JsonHandlerError

from ...core.answers import (
    check_moment_left,
    check_submit,
    merge,
    merge_reflections,
    parse_revision,
    parse_save,
    valid_ratings,
)
from ...core.loader import FrameworkError
from ...core.moments import appended, moments_of
from ...core.scales import load_scales
from ...core.scope import ScopeError
from ...core.snapshots import SUBMITTED_EVENT, make_snapshot, snapshots_csv, snapshots_json
from ..handlers import json_handler, json_response

#: The learner-state fields (Scope.user_state) of the self-assessment.
LEARNER_STATE = ("draft", "snapshots", "editing", "revision", "chosen_target")


class HandlersMixin(XBlockMixin):
    """JSON handlers; each validates everything before it changes any field.

    The answers handler is `save_answers`, not `save`: XBlock.save() is the method that persists fields.
    """

    def _usable(self):
        try:
            return self.rules()
        except (FrameworkError, ScopeError, KeyError) as error:
            raise JsonHandlerError(400, self.gettext("this self-assessment is not set up correctly: %(reason)s")
                                   % {"reason": error}) from None

    @json_handler
    def save_answers(self, payload):
        """`{"ratings": {id: level|"na"|null}, "reflections": {cluster: text}, "submit": bool}` -> the new state."""
        rules = self._usable()
        request = parse_save(payload, rules)
        with self.writing(request.revision, copy=request.submit):
            if not self.editing and (request.ratings or request.reflections or request.submit):
                raise JsonHandlerError(400, self.gettext("no assessment moment is open: start a new moment first"))
            draft = self.draft or {}
            ratings = valid_ratings(merge(draft.get("ratings", {}), request.ratings), rules)
            reflections = merge_reflections(draft.get("reflections", {}), request.reflections)
            snapshot = None
            if request.submit:
                scope = self.scope_statements
                check_submit(ratings, [s.id for s in scope], len(self.snapshots), self.max_moments)
                snapshot = make_snapshot(self.framework_model, rules.scale, scope, ratings, reflections,
                                         datetime.now(UTC).isoformat(timespec="seconds"), shared=self.share_answers)
            # Everything is checked: from here on the state changes.
            self.draft = {"ratings": ratings, "reflections": reflections}
            self.revision += 1
            if snapshot:
                self.snapshots = appended(self.snapshots, snapshot)
                self.editing = False
        if snapshot:  # the moment is stored: now the platform hears of it
            self._on_submitted(snapshot)
        return self.state()

    @json_handler
    def start_moment(self, payload):
        """`{}` or `{"revision": n}`: open a new moment, starting from the answers of the last one."""
        if not isinstance(payload, dict) or set(payload) - {"revision"}:
            raise JsonHandlerError(400, self.gettext('expected {} or {"revision": the revision the page shows}'))
        revision = parse_revision(payload)
        self._usable()
        with self.writing(revision):
            if self.editing:
                raise JsonHandlerError(400, self.gettext("a moment is already open"))
            check_moment_left(len(self.snapshots), self.max_moments)
            last = self.snapshots[-1]
            self.draft = {"ratings": dict(last["ratings"]), "reflections": dict(last.get("reflections", {}))}
            self.editing = True
            self.revision += 1
        return self.state()

    @json_handler
    def current_state(self, payload):
        """`{}`: the learner's state as it is stored now (a page whose save was refused with 409 asks for it)."""
        if payload != {}:
            raise JsonHandlerError(400, self.gettext("expected {}"))
        return self.state()

    @json_handler
    def profile(self, payload):
        """`{"compare": n}` (1-based moment, or null) -> the profile HTML comparing the latest moment with n."""
        if not isinstance(payload, dict) or set(payload) - {"compare"}:
            raise JsonHandlerError(400, self.gettext('expected {"compare": moment number or null}'))
        compare = payload.get("compare")
        count = len(self.snapshots)
        if not count:
            raise JsonHandlerError(400, self.gettext("there is no submitted moment yet"))
        if compare is not None and (not isinstance(compare, int) or isinstance(compare, bool)
                                    or not 1 <= compare < count):
            raise JsonHandlerError(400, self.gettext("'compare' must be an earlier moment, from 1 to %(last)s")
                                   % {"last": count - 1})
        return {"profile_html": self.render_profile(compare)}

    @json_handler
    def choose_target(self, payload):
        """`{"target": position}`: the position the learner compares their answers with, where the block allows a
        choice -> the profile HTML with the gap to it (empty before the first submitted moment)."""
        if not isinstance(payload, dict) or set(payload) != {"target"} or not isinstance(payload["target"], str):
            raise JsonHandlerError(400, self.gettext('expected {"target": a position}'))
        self._usable()
        if not self.learner_chooses_target or self.position_profile_model is None:
            raise JsonHandlerError(400, self.gettext("this self-assessment compares with its target position only"))
        positions = [p.id for p in self.framework_model.positions]
        if payload["target"] not in positions:
            raise JsonHandlerError(400, self.gettext("unknown position '%(position)s' (choose one of: %(positions)s)")
                                   % {"position": payload["target"][:40], "positions": ", ".join(positions)})
        with self.writing():
            self.chosen_target = payload["target"]
        return {"profile_html": self.render_profile(None) if self.snapshots else ""}

    @XBlock.handler
    def student_view_user_state(self, request, suffix=""):  # noqa: ARG002 - XBlock's handler signature
        """GET, changes nothing: the learner's own state as JSON, for the mobile apps (beside `student_view_data`):
        the open moment's answers and the scores of each submitted moment."""
        if request.method != "GET":
            return JsonHandlerError(405, self.gettext("use GET")).get_response()
        try:
            self._usable()
            state = self.state(profile=False)
        except JsonHandlerError as error:
            return error.get_response()
        state["submitted"] = [{"moment": n, "submitted_at": s["submitted_at"], "scores": s["scores"]}
                              for n, s in enumerate(self.snapshots, 1)]
        return json_response(state)

    @XBlock.handler
    def download(self, request, suffix=""):  # noqa: ARG002 - XBlock's handler signature
        """The learner's own snapshots as `?format=json` or `?format=csv`."""
        fmt = request.GET.get("format", "json")
        if fmt not in ("json", "csv"):
            return JsonHandlerError(400, self.gettext("format must be json or csv")).get_response()
        if fmt == "json":
            body, content_type = snapshots_json(self.snapshots), "application/json"
        else:
            framework = self.framework_model
            body = snapshots_csv(self.snapshots, framework, load_scales(),
                                 self.content_language(framework.languages))
            content_type = "text/csv"
        response = Response(body, content_type=content_type, charset="utf-8")
        response.content_disposition = f'attachment; filename="my-self-assessment.{fmt}"'
        return response

    def generate_report_data(self, user_state_iterator, limit_responses=None):
        """Open edX's "problem responses" report: one row per submitted moment, with a column per statement only
        for moments the learner submitted while the block shared answers with course staff.

        Yields `(username, {column: value})`; reflections are never included.
        """
        count = 0
        for user_state in user_state_iterator:
            for moment, snapshot in enumerate(moments_of(user_state.state), 1):
                if limit_responses is not None and count >= limit_responses:
                    return
                row = {"Moment": moment, "Submitted at": snapshot.get("submitted_at", ""),
                       "Framework version": snapshot.get("framework_version", ""), "Scale": snapshot.get("scale", "")}
                if snapshot.get("shared"):
                    row.update(snapshot.get("ratings", {}))
                count += 1
                yield user_state.username, row

    def _on_submitted(self, snapshot):
        """Completion, participation grade and an analytics event: never free text, and the learner's cluster
        scores only for a moment shared with course staff (the learner was told who sees them; analytics such as
        Aspects show single learners' rows and cannot keep to the minimum group size)."""
        if len(self.snapshots) == 1:
            self.emit_completion(1.0)
            if self.has_score:
                self.runtime.publish(self, "grade", {"value": 1, "max_value": 1})
        self.runtime.publish(self, SUBMITTED_EVENT, {
            "framework": snapshot["framework"],
            "framework_version": snapshot["framework_version"],
            "scale": snapshot["scale"],
            "moment": len(self.snapshots),
            "rated": snapshot["scores"]["overall"]["rated"],
            "not_relevant": snapshot["scores"]["overall"]["not_relevant"],
            "shared": bool(snapshot.get("shared")),
            **({"cluster_scores": {c["cluster"]: c["overall"]["value"] for c in snapshot["scores"]["clusters"]}}
               if snapshot.get("shared") else {}),
        })

    def state(self, profile: bool = True) -> dict:
        """What the page needs after a change (with `profile`, the profile's HTML when a moment is submitted)."""
        rules = self.rules()
        ratings = valid_ratings((self.draft or {}).get("ratings", {}), rules)
        scope_ids = [s.id for s in self.scope_statements]
        data = {
            "revision": self.revision,
            "editing": self.editing,
            "ratings": ratings,
            "reflections": (self.draft or {}).get("reflections", {}),
            "answered": sum(1 for s in scope_ids if s in ratings),
            "total": len(scope_ids),
            "moments": len(self.snapshots),
            "max_moments": self.max_moments,
        }
        if profile and self.snapshots and not self.editing:
            data["profile_html"] = self.render_profile(None)
        return data
