import sys

from lkjip.cli import main

sys.exit(main())
