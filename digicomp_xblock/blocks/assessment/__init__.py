"""`digicomp_assessment`: self-assessment against the framework, with a profile per cluster and growth."""

from .block import AssessmentXBlock

__all__ = ["AssessmentXBlock"]
