"""Market simulation: what a ranking policy does to meetings (``matchmaker simulate``)."""
