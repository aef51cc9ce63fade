"""Old import path of :mod:`glossary.stages.verify`, kept for one release: the same module."""

import sys

from .stages import verify as _module

sys.modules[__name__] = _module
