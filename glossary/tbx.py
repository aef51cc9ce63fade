"""Old import path of :mod:`glossary.formats.tbx`, kept for one release: the same module."""

import sys

from .formats import tbx as _module

sys.modules[__name__] = _module
