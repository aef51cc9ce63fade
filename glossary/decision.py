"""Old import path of :mod:`glossary.stages.decision`, kept for one release: the same module."""

import sys

from .stages import decision as _module

sys.modules[__name__] = _module
