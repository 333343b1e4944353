"""Matchmaker: two-sided supply-demand matchmaking for trade expos, served over gRPC."""

__version__ = "0.1.0"
