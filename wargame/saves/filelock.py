"""An exclusive lock on an open file that the operating system drops if its holder dies.

POSIX systems (Linux, macOS) use `fcntl.flock`; Windows has no `fcntl`, so
there `msvcrt.locking` locks the file's first byte. Only POSIX is tested
(README, "Supported systems"); on any system the package imports, and a
system with neither refuses to lock with a clear OSError.
"""

from __future__ import annotations

import errno
import os
import sys

if sys.platform == "win32":
    import msvcrt

    def lock(fd: int) -> None:
        """Lock `fd` without waiting; BlockingIOError if another process holds it."""
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as error:
            raise BlockingIOError(errno.EAGAIN, "the file is locked") from error

    def unlock(fd: int) -> None:
        """Drop the lock taken by `lock` (closing the file drops it too)."""
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    try:
        import fcntl
    except ImportError:  # not a POSIX system we know
        HAVE_FCNTL = False
    else:
        HAVE_FCNTL = True

    def lock(fd: int) -> None:
        """Lock `fd` without waiting; BlockingIOError if another process holds it."""
        if not HAVE_FCNTL:
            raise OSError(errno.ENOSYS, f"saves cannot be locked on this system ({sys.platform})")
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def unlock(fd: int) -> None:
        """Drop the lock taken by `lock` (closing the file drops it too)."""
        if HAVE_FCNTL:
            fcntl.flock(fd, fcntl.LOCK_UN)
