"""Learning analytics: the xAPI statement of a submitted self-assessment, for event-routing-backends (Aspects).

A plugin app of the LMS of its own, so that it sits with the shells: it reads the tracking event, not the blocks.
"""
