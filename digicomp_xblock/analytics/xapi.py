"""The xAPI statement of `digicomp.assessment.submitted`, registered with event-routing-backends (ERB).

Importing this module registers the transformer in ERB's xAPI registry (the analytics app does so when ERB is
installed). A statement says: the learner (ERB's anonymised actor) *completed* the self-assessment block (its
usage key, an ADL "assessment"), in the course (ERB's context), with the framework, its version, the scale and
the moment as context extensions, and, for a moment the learner shared with course staff, the score of every
cluster as a result extension (a moment kept to the learner carries no score: analytics show single learners'
rows, which the learner was told nobody but they would see):

    "result": {"completion": true, "extensions": {
        "https://w3id.org/xapi/digicomp/extensions/cluster-scores": {"1": 62.5, "2": null, ...},
        "https://w3id.org/xapi/digicomp/extensions/rated": 14,
        "https://w3id.org/xapi/digicomp/extensions/not-relevant": 2}}

Verb: ADL "completed", "the actor finished the activity normally": a moment is submitted only when every statement
in scope is answered, and each later moment completes the assessment again. Not "answered"/"responded" (their
object is a question), nor "scored", "earned" or acrossx "evaluated": the levels are the learner's own view of
their competence, not a grade, and Aspects reads "earned" and "evaluated" statements as grades and problem results
(its "completed" charts are of videos only). Hence no `result.score` either.

IRIs: ours sit under https://w3id.org/xapi/digicomp/, in the permanent-identifier space of xAPI profiles (as ERB's
own https://w3id.org/xapi/openedx/), so they outlive any host of this project; datasets key on them, so they never
change. The prefix still has to be registered with w3id.org (a redirect to our documentation); until then these
IRIs identify but do not resolve.

Privacy: only the named fields of the event's data are read (IDs, and numbers read as numbers), so nothing else the
event might carry, and never a reflection, reaches the statement; the learner appears only as ERB's actor, by
default an anonymous external id.
"""

from event_routing_backends.processors.xapi import constants
from event_routing_backends.processors.xapi.registry import XApiTransformersRegistry
from event_routing_backends.processors.xapi.transformer import XApiTransformer
from tincan import Activity, ActivityDefinition, Extensions, LanguageMap, Result, Verb

from ..core.snapshots import SUBMITTED_EVENT

ACTIVITY_ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"

IRI = "https://w3id.org/xapi/digicomp"
#: Context extensions: the framework's id and data version, the rating scale's id, the moment (1, 2, ...).
FRAMEWORK = f"{IRI}/extensions/framework"
FRAMEWORK_VERSION = f"{IRI}/extensions/framework-version"
SCALE = f"{IRI}/extensions/scale"
MOMENT = f"{IRI}/extensions/moment"
#: Result extensions: {cluster id: score 0..100, or null when the learner rated none of its statements}; how many
#: statements were rated on the scale, and how many marked "not relevant to my work".
CLUSTER_SCORES = f"{IRI}/extensions/cluster-scores"
RATED = f"{IRI}/extensions/rated"
NOT_RELEVANT = f"{IRI}/extensions/not-relevant"


@XApiTransformersRegistry.register(SUBMITTED_EVENT)
class AssessmentSubmittedTransformer(XApiTransformer):
    """A submitted moment of the self-assessment: "completed" the block, with the score of every cluster."""

    _verb = Verb(id=constants.XAPI_VERB_COMPLETED, display=LanguageMap({constants.EN: constants.COMPLETED}))
    additional_fields = ("result",)

    def get_object(self):
        # The LMS names the block whose handler published the event in the tracking context.
        usage_key = self.get_data("context.module.usage_key", True)
        return Activity(id=self.get_object_iri("xblock", usage_key),
                        definition=ActivityDefinition(type=ACTIVITY_ASSESSMENT))

    def get_context_extensions(self):
        extensions = super().get_context_extensions()
        extensions.update({
            FRAMEWORK: self.get_data("data.framework", True),
            FRAMEWORK_VERSION: self.get_data("data.framework_version", True),
            SCALE: self.get_data("data.scale", True),
            MOMENT: int(self.get_data("data.moment", True)),
        })
        return extensions

    def get_result(self):
        extensions = {RATED: int(self.get_data("data.rated", True)),
                      NOT_RELEVANT: int(self.get_data("data.not_relevant", True))}
        scores = self.get_data("data.cluster_scores")  # only for moments the learner shared with course staff
        if scores is not None:
            extensions[CLUSTER_SCORES] = {str(cluster): None if score is None else float(score)
                                          for cluster, score in scores.items()}
        return Result(completion=True, extensions=Extensions(extensions))
