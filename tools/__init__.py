"""Tools for developing mtrepair (tests and benchmarks); not installed with the package.

Run them from the repository root: ``python -m tools.random_model --help``.
"""
