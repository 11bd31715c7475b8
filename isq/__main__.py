import sys

from .delivery.cli import main

sys.exit(main())
