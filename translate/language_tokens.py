"""Old import path of :mod:`translate.engines.language_tokens`, kept for one release: the same module."""

import sys

from .engines import language_tokens as _module

sys.modules[__name__] = _module
