"""Old import path of :mod:`glossary.language.lexicon`, kept for one release: the same module."""

import sys

from .language import lexicon as _module

sys.modules[__name__] = _module
