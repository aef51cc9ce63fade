"""Old import path of :mod:`glossary.language.arabic`, kept for one release: the same module."""

import sys

from .language import arabic as _module

sys.modules[__name__] = _module
