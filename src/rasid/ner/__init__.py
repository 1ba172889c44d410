"""rasid.ner."""
