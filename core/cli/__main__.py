"""``python -m core.cli``: the command line without the GUI launcher."""

import sys

from core.cli.main import main

sys.exit(main())
