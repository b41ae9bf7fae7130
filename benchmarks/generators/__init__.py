"""Labelled data generators used by the benchmarks (not part of the package)."""
