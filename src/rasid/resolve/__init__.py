"""rasid.resolve."""
