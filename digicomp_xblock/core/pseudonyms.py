"""A learner's pseudonymous ID within a programme: the same in every course of the programme, another in every other
programme, and no way back to the user without the programme's secret.

Open edX gives each learner an anonymous ID per course, so rows of two courses cannot be linked by it. The programme
links them by the platform's user id, which it never shows or stores: the ID is an HMAC-SHA256 of the user id with
the programme's own random secret (kept in the database beside the programme), cut to 32 hex digits. Someone with
the exports of two programmes cannot tell which IDs are the same person; someone with one programme's export and
the user ids cannot find a learner without the secret. A retired learner's rows are deleted, so their ID has no
moments left.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

#: Length of a programme's secret, in bytes (written as twice as many hex digits).
SECRET_BYTES = 32


def new_secret() -> str:
    """A fresh random secret for a programme, as hex."""
    return secrets.token_hex(SECRET_BYTES)


def pseudonym(secret: str, user_id) -> str:
    """The learner's ID in the programme whose secret this is."""
    if not secret:
        raise ValueError("a programme needs a secret to make pseudonymous IDs")
    digest = hmac.new(secret.encode("ascii"), f"digicomp-programme-learner:{user_id}".encode(), hashlib.sha256)
    return digest.hexdigest()[:32]
