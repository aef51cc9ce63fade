"""Old import path of :mod:`glossary.formats.checks`, kept for one release: the same module."""

import sys

from .formats import checks as _module

sys.modules[__name__] = _module
