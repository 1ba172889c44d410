"""rasid.events."""
