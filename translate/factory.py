"""Old import path of :mod:`translate.engines.spec`, kept for one release: the same module."""

import sys

from .engines import spec as _module

sys.modules[__name__] = _module
