"""Old import path of :mod:`glossary.stages.invariants`, kept for one release: the same module."""

import sys

from .stages import invariants as _module

sys.modules[__name__] = _module
