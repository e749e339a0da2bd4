"""Benchmarks, scoring and training of the learned parts (training needs the [train] extra)."""
