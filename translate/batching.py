"""Old import path of :mod:`translate.engines.base`, kept for one release: the same module."""

import sys

from .engines import base as _module

sys.modules[__name__] = _module
