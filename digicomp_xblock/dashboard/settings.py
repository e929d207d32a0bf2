"""Settings of the dashboard app, applied by Open edX's plugin system (and by the demo settings)."""

from ..core.cohort import MIN_GROUP


def plugin_settings(settings):
    """Defaults an operator can override in their own settings."""
    # No cohort figure is shown for fewer learners than this.
    settings.DIGICOMP_MIN_GROUP = getattr(settings, "DIGICOMP_MIN_GROUP", MIN_GROUP)
