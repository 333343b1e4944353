"""Matching: the catalogs of both sides (catalog), their upkeep (matcher) and ranking (recommender).

Everything here is derived from the database and the embedding cache and can be rebuilt.
"""
