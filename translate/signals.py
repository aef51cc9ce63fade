"""Old import path of :mod:`translate.common.signals`, kept for one release: the same module."""

import sys

from .common import signals as _module

sys.modules[__name__] = _module
