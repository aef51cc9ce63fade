"""Old import path of :mod:`glossary.formats.problems`, kept for one release: the same module."""

import sys

from .formats import problems as _module

sys.modules[__name__] = _module
