"""Offline evaluation: labelled sets built independently of the ranker, metrics, the runner, training."""
