"""Old import path of :mod:`glossary.formats.tabular`, kept for one release: the same module."""

import sys

from .formats import tabular as _module

sys.modules[__name__] = _module
