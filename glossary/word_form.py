"""Old import path of :mod:`glossary.language.word_form`, kept for one release: the same module."""

import sys

from .language import word_form as _module

sys.modules[__name__] = _module
