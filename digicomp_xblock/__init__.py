"""digicomp-xblock: the framework for digital competences of professional social workers, inside Open edX."""

__version__ = "0.1.0"
