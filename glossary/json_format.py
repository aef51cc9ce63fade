"""Old import path of :mod:`glossary.formats.json_format`, kept for one release: the same module."""

import sys

from .formats import json_format as _module

sys.modules[__name__] = _module
