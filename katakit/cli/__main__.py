"""``python -m katakit.cli``: the `kata` command."""

from katakit.cli import main

raise SystemExit(main())
