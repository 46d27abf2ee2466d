"""Whether a call releases the GIL, told without timing.

A helper thread counts, yielding the GIL after each step (``time.sleep(0)``); the switch
interval is raised so that the interpreter never takes the GIL from the calling thread by
force. The counter can then advance during the call only if the call itself lets the GIL
go, as kezek's long runs do; a call that held it throughout would see the count unchanged.

The call is repeated until the counter moves (for at most 60 seconds): on a loaded machine
the helper thread may not be scheduled during one short call, and that is the scheduler's
doing, not the call's. A call that holds the GIL never lets the counter move, however often
it is repeated, so the answer stays sound.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import Any, Callable


def steps_during(call: Callable[[], Any]) -> int:
    stop = threading.Event()
    count = [0]

    def spin() -> None:
        while not stop.is_set():
            count[0] += 1
            time.sleep(0)

    old = sys.getswitchinterval()
    sys.setswitchinterval(30.0)
    thread = threading.Thread(target=spin, daemon=True)
    try:
        thread.start()
        while count[0] == 0:
            time.sleep(0.001)
        deadline = time.monotonic() + 60.0
        while True:
            before = count[0]
            call()
            after = count[0]
            if after > before or time.monotonic() > deadline:
                break
    finally:
        stop.set()
        sys.setswitchinterval(old)
        thread.join()
    return after - before
