"""rasid.store."""
