# tests/plugin/ holds example suites for the pytest plugin: test_plugin.py
# runs each in a pytest of its own, with the plugin.  A run of tests/ does
# not collect them (a run given one of their folders does).
collect_ignore = ["plugin"]
