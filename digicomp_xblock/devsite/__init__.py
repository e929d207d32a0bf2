"""The demo: the XBlock SDK workbench with digicomp's scenarios only, in English and Dutch, on SQLite."""
