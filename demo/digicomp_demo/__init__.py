"""The demo of digicomp-xblock: the XBlock SDK workbench with our scenarios, in English and Dutch, on SQLite.

A distribution of its own (`demo/setup.py`), never part of the product: `make demo` installs it beside the
package. It brings the workbench's platform adapter, a user service that knows the course staff, the scenario
files, a titled container block for the demo course, demo accounts with a synthetic cohort, and page templates.
"""
