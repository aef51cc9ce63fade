"""Old import path of :mod:`translate.common.errors`, kept for one release: the same module."""

import sys

from .common import errors as _module

sys.modules[__name__] = _module
