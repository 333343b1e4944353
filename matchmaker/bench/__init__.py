"""``matchmaker bench``: the benchmarks behind BENCHMARKS.md, each section in its own module."""
