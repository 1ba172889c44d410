"""rasid.io."""
