"""`python -m tests.e2e.check_browser`: exit 0 when Chromium is installed, else say loudly how to install it."""

from __future__ import annotations

import sys

from tests.e2e.browsing import find_chromium, missing_browser_message


def main() -> int:
    executable = find_chromium()
    if executable is None:
        print(missing_browser_message(), file=sys.stderr)
        return 1
    print(f"Chromium for the browser journeys: {executable}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
