"""Old import path of :mod:`glossary.stages.ambiguity`, kept for one release: the same module."""

import sys

from .stages import ambiguity as _module

sys.modules[__name__] = _module
