"""Old import path of :mod:`glossary.language.normalize`, kept for one release: the same module."""

import sys

from .language import normalize as _module

sys.modules[__name__] = _module
