"""The cohort page's view model."""

from django.utils.translation import gettext

from digicomp_xblock.core.cohort import Cohort
from digicomp_xblock.core.loader import get_framework
from digicomp_xblock.core.scales import load_scales
from digicomp_xblock.rendering.cohort import cohort_view
from tests.core.test_cohort import row


def test_a_cluster_without_some_kinds_keeps_each_median_under_its_own_kind():
    """Cluster 2's statements here are skills only: its skills median stands in the skills column."""
    rows = [row(f"l{n}", 1, "2026-11-23T09:00:00Z", {"2": 50.0}, {"2": {"skills": 40.0 + n}}) for n in range(5)]
    scales = load_scales()
    view = cohort_view(get_framework(), "en", gettext, Cohort.from_rows(rows), scales.get("growth-5"), scales, 5, "moment")
    (summary,) = view["summary"]
    assert summary["kinds"] == [None, 42, None]  # knowledge, skills, attitudes
