"""Old import path of :mod:`translate.engines.ctranslate2`, kept for one release: the same module."""

import sys

from .engines import ctranslate2 as _module

sys.modules[__name__] = _module
