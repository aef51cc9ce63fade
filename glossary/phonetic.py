"""Old import path of :mod:`glossary.language.phonetic`, kept for one release: the same module."""

import sys

from .language import phonetic as _module

sys.modules[__name__] = _module
