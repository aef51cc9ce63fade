"""Old import path of :mod:`glossary.stages.candidates`, kept for one release: the same module."""

import sys

from .stages import candidates as _module

sys.modules[__name__] = _module
