"""Old import path of :mod:`translate.jobs.document`, kept for one release: the same module."""

import sys

from .jobs import document as _module

sys.modules[__name__] = _module
