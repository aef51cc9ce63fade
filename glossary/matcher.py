"""Old import path of :mod:`glossary.stages.matcher`, kept for one release: the same module."""

import sys

from .stages import matcher as _module

sys.modules[__name__] = _module
