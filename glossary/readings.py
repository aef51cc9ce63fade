"""Old import path of :mod:`glossary.language.readings`, kept for one release: the same module."""

import sys

from .language import readings as _module

sys.modules[__name__] = _module
