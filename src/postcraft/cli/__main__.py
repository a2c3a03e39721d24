"""``python -m postcraft.cli``: the ``postcraft`` command."""

import sys

from . import console

sys.exit(console())
