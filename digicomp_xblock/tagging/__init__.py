"""Competence tags on course content, stored in Open edX's content tagging (openedx_tagging)."""
