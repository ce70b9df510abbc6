"""The performance benchmark: Starboard next to a bare Flet counter page, in headless Chromium.

`python -m benchmarks.run` (`make bench`) prints the table and writes docs/performance.md. See benchmarks/run.py.
"""
