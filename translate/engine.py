"""Old import path of :mod:`translate.engines.transformers`, kept for one release: the same module."""

import sys

from .engines import transformers as _module

sys.modules[__name__] = _module
