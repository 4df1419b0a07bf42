"""The fake's clock: wall time plus an offset that tests move forward, so that a checkout session
can pass its expires_at without anyone waiting half an hour."""

import time


class Clock:
    """Unix time as the fake sees it: the real time shifted forward by `offset` seconds."""

    def __init__(self) -> None:
        self.offset = 0.0

    def now(self) -> int:
        """The fake's current unix time in whole seconds."""
        return int(time.time() + self.offset)

    def advance(self, seconds: float) -> int:
        """Move the clock forward (never back) and return the new time."""
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        self.offset += seconds
        return self.now()

    def reset(self) -> None:
        """Back to real time."""
        self.offset = 0.0
