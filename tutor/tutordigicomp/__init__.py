"""Tutor plugin of digicomp-xblock ("digicomp"); the hooks are declared in `plugin.py`."""

__version__ = "0.1.0"
