"""The dashboard app's data for the blocks (stored profiles, consensus choices), reached through dashboard.api."""

from __future__ import annotations


def dashboard():
    """The module dashboard.api, imported at first use: the platform loads blocks (entry points) before Django's
    apps are ready, and a Django app's models can only be imported after."""
    from ..dashboard import api  # noqa: PLC0415 - see above

    return api
