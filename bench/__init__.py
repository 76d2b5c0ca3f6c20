"""Benchmark harnesses for Vangnet (not part of the app)."""
