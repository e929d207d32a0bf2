"""Position profiles: the model, their files and their spreadsheets."""

from .files import (
    build_profile,
    check_version,
    get_profile,
    load_profile,
    load_vocabulary,
    profile_doc,
    profile_ids,
    profile_problems,
    profile_yaml,
    read_profile_text,
)
from .model import (
    NOT_EXPECTED,
    OWNER_KINDS,
    PROVENANCE_KINDS,
    Expectation,
    Owner,
    PositionProfile,
    PriorEducation,
    Provenance,
    Vocabulary,
    rank,
)
from .spreadsheet import LAYOUTS, profile_csv, read_profile_csv

__all__ = [
    "LAYOUTS", "NOT_EXPECTED", "OWNER_KINDS", "PROVENANCE_KINDS", "Expectation", "Owner", "PositionProfile",
    "PriorEducation", "Provenance", "Vocabulary", "build_profile", "check_version", "get_profile", "load_profile",
    "load_vocabulary", "profile_csv", "profile_doc", "profile_ids", "profile_problems", "profile_yaml", "rank",
    "read_profile_csv", "read_profile_text",
]
