"""rasid.cli."""
