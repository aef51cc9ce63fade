"""Old import path of :mod:`glossary.formats.files`, kept for one release: the same module."""

import sys

from .formats import files as _module

sys.modules[__name__] = _module
