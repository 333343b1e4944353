"""Ranking: facet scoring, two-sided combination, diversity re-ranking, explanations."""
