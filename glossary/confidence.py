"""Old import path of :mod:`glossary.stages.confidence`, kept for one release: the same module."""

import sys

from .stages import confidence as _module

sys.modules[__name__] = _module
