"""rasid.dedup."""
