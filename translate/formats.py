"""Old import path of :mod:`translate.common.formats`, kept for one release: the same module."""

import sys

from .common import formats as _module

sys.modules[__name__] = _module
