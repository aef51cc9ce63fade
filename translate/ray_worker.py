"""Old import path of :mod:`translate.jobs.ray_worker`, kept for one release: the same module."""

import sys

from .jobs import ray_worker as _module

sys.modules[__name__] = _module
