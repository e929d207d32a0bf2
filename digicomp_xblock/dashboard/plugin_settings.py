"""Settings of the plugin apps, applied by Open edX's plugin system: the default of every DIGICOMP_* setting
(`conf.py` says what each means) unless the operator has set it."""

from .. import conf


def plugin_settings(settings):
    for setting in conf.ALL:
        if not hasattr(settings, setting.name):
            setattr(settings, setting.name, setting.default)
