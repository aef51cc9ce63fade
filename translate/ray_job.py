"""Old import path of :mod:`translate.jobs.ray_driver`, kept for one release: the same module."""

import sys

from .jobs import ray_driver as _module

sys.modules[__name__] = _module
