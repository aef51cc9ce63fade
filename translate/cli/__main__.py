"""``python -m translate.cli``: the ``mtrepair`` command."""

import sys

from . import main

sys.exit(main())
