"""Old import path of :mod:`glossary.stages.evidence`, kept for one release: the same module."""

import sys

from .stages import evidence as _module

sys.modules[__name__] = _module
