"""Benchmarks of Chronicle's extractors against the libraries a user would otherwise reach for."""
