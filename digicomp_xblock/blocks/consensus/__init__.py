"""`digicomp_consensus`: course staff each choose the position from which they expect each statement, compare their
choices (Krippendorff's alpha, the statements they disagree on first) and fix the team's position profile."""

from .block import ConsensusXBlock

__all__ = ["ConsensusXBlock"]
