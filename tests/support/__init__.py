"""What the test suites share: servers started as real processes, the demo members' credentials, clocks."""
