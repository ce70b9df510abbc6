"""What every test suite shares: stores built in this process hash passwords with the light test-only cost.

The suites sign in thousands of times; at the served cost (scrypt N=2^14, r=8, p=5) that alone would take minutes.
Servers started as subprocesses (`tests/support/servers.py`) hash with the served cost, as does a test that asks
for `SERVER_COST` explicitly.
"""

from app.mock_backend.passwords import use_light_cost_for_tests

use_light_cost_for_tests()
