"""Old import path of :mod:`translate.common.outputs`, kept for one release: the same module."""

import sys

from .common import outputs as _module

sys.modules[__name__] = _module
