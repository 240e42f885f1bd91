"""`python -m wargame` runs the same command line as `wargame`."""

from wargame.cli import main

raise SystemExit(main())
