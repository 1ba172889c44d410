"""rasid.dist."""
