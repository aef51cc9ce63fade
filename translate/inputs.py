"""Old import path of :mod:`translate.jobs.inputs`, kept for one release: the same module."""

import sys

from .jobs import inputs as _module

sys.modules[__name__] = _module
