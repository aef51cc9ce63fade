"""Old import path of :mod:`glossary.formats.cells`, kept for one release: the same module."""

import sys

from .formats import cells as _module

sys.modules[__name__] = _module
