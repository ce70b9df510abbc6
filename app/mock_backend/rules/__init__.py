"""Pure rules of the demo loyalty program.

Nothing in this package knows about FastAPI, HTTP or storage; every function takes the current time as an
argument, so each rule can be unit-tested with plain values.
"""
