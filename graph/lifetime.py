"""Child processes that do not outlive their parent."""

from __future__ import annotations

import ctypes
import os
import signal

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int | None = None) -> None:
    """Ask Linux to SIGKILL this process when its parent dies; exit at once if it already has.

    The signal follows the parent *thread* that started this process, so start children from
    a thread that lives as long as they should (the main thread, or a pool's own threads).
    """
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the parent's own cleanup is all there is
        return
    if parent is not None and os.getppid() != parent:
        os._exit(0)
