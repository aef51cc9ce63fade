"""Old import path of :mod:`translate.engines.library_logs`, kept for one release: the same module."""

import sys

from .engines import library_logs as _module

sys.modules[__name__] = _module
