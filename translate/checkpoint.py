"""Old import path of :mod:`translate.jobs.checkpoint`, kept for one release: the same module."""

import sys

from .jobs import checkpoint as _module

sys.modules[__name__] = _module
