"""rasid.export."""
