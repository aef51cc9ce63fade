"""Old import path of :mod:`glossary.language.morphology`, kept for one release: the same module."""

import sys

from .language import morphology as _module

sys.modules[__name__] = _module
