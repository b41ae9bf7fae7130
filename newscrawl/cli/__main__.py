"""``python -m newscrawl.cli``: the ``newscrawl`` command."""

import sys

from newscrawl.cli.main import main

sys.exit(main())
