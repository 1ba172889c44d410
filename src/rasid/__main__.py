"""``python -m rasid``."""

from rasid.cli.app import main

main()
