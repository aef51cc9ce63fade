"""Old import path of :mod:`translate.engines.models`, kept for one release: the same module."""

import sys

from .engines import models as _module

sys.modules[__name__] = _module
