"""``python -m postcraft.cli``: the ``postcraft`` command."""

import sys

from . import main

sys.exit(main())
