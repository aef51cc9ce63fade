"""Old import path of :mod:`translate.engines.conversion`, kept for one release: the same module."""

import sys

from .engines import conversion as _module

sys.modules[__name__] = _module
