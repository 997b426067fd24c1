"""``python -m generator``: the command line (generator/cli.py)."""

import sys

from .cli import main

sys.exit(main())
