"""Writing saves without loss: atomic durable writes, one writer per save, temp cleanup.

The write protocol (`atomic_write`): write the new save to a temporary file in
the same folder (named with our own prefix), flush and fsync it, `os.replace`
it onto the save's name, then fsync the folder so the rename itself is on
disk. At every instant the save's name points at either the complete old
file or the complete new one. A failure at any step removes the temporary
file and leaves the old save byte for byte as it was.

One writer per save: a `SaveSession` holds an exclusive lock (`filelock`: `fcntl.flock`) on a
lock file beside the save (`.NAME.lock`). A clean close removes the lock file
while still holding the lock; whoever locks a file checks that it is still the
one under that name (same inode), and tries again otherwise, so removing it
never lets two writers in. The kernel drops the lock when the holder dies,
however it dies (the file then stays until the next writer of that save);
a second instance gets a clear refusal and may still load the save read-only. Leftover temporary files of a killed writer are removed
by the next writer of that save, or by `cleanup_temps` for saves nobody holds.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import socket
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Self

from wargame.game import Game
from wargame.problems import Problem, ProblemsError
from wargame.saves import filelock
from wargame.saves.format import SaveMeta, save_bytes
from wargame.saves.options import SAVES_ENV, default_saves_dir

TEMP_PREFIX = ".wargame-tmp."
"""Every temporary file we write starts with this; cleanup touches nothing else."""

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current time, UTC, to the second (what saves record)."""
    return datetime.now(UTC).replace(microsecond=0)


class SaveLocked(ProblemsError):
    """Another wargame holds this save: this one must not write it."""


class SaveInterrupted(KeyboardInterrupt):
    """Ctrl-C arrived while a save was being written; the previous save (if any) is intact.

    It is a KeyboardInterrupt, so whatever quits on Ctrl-C still quits; its
    text is the message to show.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- the write protocol -----------------------------------------------------------


def temp_name(save: Path) -> str:
    """A fresh temporary file name for a save (same folder, our prefix)."""
    return f"{TEMP_PREFIX}{save.name}.{secrets.token_hex(4)}"


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically and durably, or raise with nothing changed.

    On any failure, including KeyboardInterrupt, the temporary file is removed
    and `path` is untouched. An OSError from the final folder fsync means the
    new save is in place but may not survive a power cut; it is raised as
    `FolderSyncError`.
    """
    folder = path.parent
    temp = folder / temp_name(path)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    try:
        fsync_folder(folder)
    except OSError as error:
        raise FolderSyncError(error.errno, error.strerror) from error


class FolderSyncError(OSError):
    """The save was replaced but its folder could not be flushed to disk."""


def fsync_folder(folder: Path) -> None:
    """fsync a folder, so that a rename in it is on disk."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def describe(error: OSError) -> str:
    """A user's words for a failed write."""
    known = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exceeded",
        errno.EROFS: "the folder is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EFBIG: "the file is too large",
        errno.EIO: "an input/output error (is the disk failing or gone?)",
        errno.ENOENT: "the folder no longer exists",
        errno.ENAMETOOLONG: "the file name is too long",
        errno.ENOTDIR: "part of the path is a file, not a folder",
        errno.ELOOP: "the path loops through symbolic links",
    }
    if error.errno in known:
        return known[error.errno]
    return error.strerror or str(error)


# --- the lock -----------------------------------------------------------------------


def lock_path(save: Path) -> Path:
    """The lock file beside a save."""
    return save.with_name(f".{save.name}.lock")


class SaveLock:
    """An exclusive flock on a save's lock file (dropped by the kernel if we die)."""

    def __init__(self, save: Path, fd: int) -> None:
        self.save = save
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, save: Path) -> SaveLock:
        """Take the lock, or raise `SaveLocked` naming who holds it.

        Any other failure (the folder is missing or read-only) is an OSError,
        the one that says why the lock file could not be created.
        """
        path = lock_path(save)
        while True:
            fd = _open_lock_file(path)
            try:
                filelock.lock(fd)
            except BlockingIOError:
                holder = _read_holder(fd)
                os.close(fd)
                raise SaveLocked(
                    [
                        Problem(
                            str(save),
                            f"this save is open in another wargame{holder}: it will not be "
                            "written from here (close the other one, or fork this save)",
                        )
                    ]
                ) from None
            except BaseException:
                os.close(fd)
                raise
            if _still_named(fd, path):
                break
            os.close(fd)  # its holder removed it as we opened it: lock the new one
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()} {socket.gethostname()}\n".encode(), 0)
        return cls(save, fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Remove the lock file, then drop the lock (in that order: see the module doc)."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            with contextlib.suppress(OSError):
                if _still_named(fd, lock_path(self.save)):
                    os.unlink(lock_path(self.save))
            with contextlib.suppress(OSError):
                filelock.unlock(fd)
            os.close(fd)


def _open_lock_file(path: Path) -> int:
    """Open (creating) a lock file; an existing one read-only if it cannot be written."""
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as error:
        try:
            return os.open(path, os.O_RDONLY | os.O_CLOEXEC)  # an existing lock file
        except OSError:
            raise error from None  # why it could not be created, not that it is missing


def _still_named(fd: int, path: Path) -> bool:
    """Whether the open file `fd` is still the file at `path`."""
    try:
        mine, named = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (named.st_dev, named.st_ino)


def _read_holder(fd: int) -> str:
    with contextlib.suppress(OSError, ValueError):
        words = os.pread(fd, 200, 0).decode("utf-8", "replace").split()
        if len(words) == 2 and words[0].isdigit():
            return f" (process {words[0]} on {words[1]})"
    return ""


# --- temp cleanup ---------------------------------------------------------------------


def _temp_owner(name: str) -> str | None:
    """The save a temp file name belongs to, or None if the name is not one of ours."""
    if not name.startswith(TEMP_PREFIX):
        return None
    rest = name[len(TEMP_PREFIX) :]
    save, dot, suffix = rest.rpartition(".")
    if not dot or not save or len(suffix) != 8:
        return None
    return save


def cleanup_temps(folder: Path, save: Path | None = None) -> list[Path]:
    """Remove temporary files left by killed writers; returns those removed.

    With `save` (whose lock the caller holds), only that save's temps go.
    Otherwise every temp of ours whose save nobody holds goes; files without
    our prefix are never touched.
    """
    removed: list[Path] = []
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return removed
    for name in names:
        owner = _temp_owner(name)
        if owner is None or (save is not None and owner != save.name):
            continue
        temp = folder / name
        lock: SaveLock | None = None
        if save is None:
            try:
                lock = SaveLock.acquire(folder / owner)
            except (SaveLocked, OSError):
                continue  # a live writer's temp, or we cannot tell: leave it
        try:
            os.unlink(temp)
            removed.append(temp)
        except OSError:
            pass
        finally:
            if lock is not None:
                lock.release()
    return removed


# --- the session the UI uses ----------------------------------------------------------


class SaveSession:
    """Autosaving one game: holds the save's lock; `write(game)` after each accepted action.

    `write` never raises for an I/O failure: it returns the message to show,
    and the game goes on with the previous save intact.
    """

    def __init__(self, path: Path, lock: SaveLock | None, meta: SaveMeta, clock: Clock) -> None:
        self.path = path
        """The save file."""
        self.meta = meta
        """What every write records besides the game (seats, scenario, fork, overrides)."""
        self.last_error: str | None = None
        """The message of the last failed write, None once a write succeeds."""
        self.writes = 0
        """Successful writes so far."""
        self.warning: str | None = None
        """Set when the save could not be locked for a reason other than another writer."""
        self._lock = lock
        self._clock = clock
        self._closed = False

    @classmethod
    def open(cls, path: Path, meta: SaveMeta, *, clock: Clock = utc_now) -> SaveSession:
        """Take over an existing (or named) save: lock it and clear its leftover temps.

        Raises `SaveLocked` if another wargame holds it. If the lock cannot even
        be created (read-only folder), the session opens unlocked with
        `warning` set, and its writes will report the failure.
        """
        lock: SaveLock | None
        warning = None
        try:
            lock = SaveLock.acquire(path)
        except SaveLocked:
            raise
        except OSError as error:
            lock = None
            warning = f"cannot lock {path.name}: {describe(error)}; saving may fail"
        else:
            cleanup_temps(path.parent, path)
        session = cls(path, lock, meta, clock)
        session.warning = warning
        return session

    @classmethod
    def create(
        cls,
        folder: Path,
        meta: SaveMeta,
        scenario_id: str,
        *,
        clock: Clock = utc_now,
        name: str | None = None,
    ) -> SaveSession:
        """A session for a new save in `folder` (created if needed), under a fresh name.

        The name is `name` if given, else `<scenario>-<YYYYmmdd-HHMMSS>.toml`
        with `-2`, `-3`... when taken. Raises `ProblemsError` if the folder
        cannot be created or locked in. Nothing is written until `write`.
        """
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ProblemsError(
                [Problem(str(folder), f"cannot create the saves folder: {describe(error)}")]
            ) from None
        cleanup_temps(folder)
        stem = (
            name.removesuffix(".toml")
            if name
            else (f"{scenario_id}-{clock().astimezone(UTC).strftime('%Y%m%d-%H%M%S')}")
        )
        for attempt in range(1, 1000):
            path = folder / (f"{stem}.toml" if attempt == 1 else f"{stem}-{attempt}.toml")
            try:
                if path.exists():
                    continue
                lock = SaveLock.acquire(path)
            except SaveLocked:
                continue
            except OSError as error:
                raise ProblemsError(
                    [Problem(str(folder), f"cannot write saves here: {describe(error)}")]
                ) from None
            if path.exists():  # created between the check and the lock
                lock.release()
                continue
            return cls(path, lock, meta, clock)
        raise ProblemsError([Problem(str(folder), f"no free save name for {stem!r}")])

    @property
    def locked(self) -> bool:
        """Whether this session holds the save's lock."""
        return self._lock is not None and self._lock.held

    def write(self, game: Game, *, played: bool = True) -> str | None:
        """Save the game as it stands; None on success, else the message to show.

        `played` (the default: a game in progress) records the time as when the
        game was last played; a fork is written with `played=False`.
        Raises `SaveInterrupted` (a KeyboardInterrupt) on Ctrl-C during the
        write, after cleaning up; the previous save (if any) is intact either way.
        """
        if self._closed:
            return self._failed(f"not saved: {self.path.name} was closed")
        now = self._clock()
        if played:
            self.meta = replace(self.meta, played=now)
        data = save_bytes(game, self.meta, updated=now)
        try:
            atomic_write(self.path, data)
        except FolderSyncError as error:
            self.writes += 1
            return self._failed(
                f"saved {self.path.name}, but the folder could not be flushed to disk "
                f"({describe(error)}): the save may not survive a power cut"
            )
        except OSError as error:
            return self._failed(
                f"could not save {self.path.name}: {describe(error)}; "
                f"{self._previous()} and the game goes on"
            )
        except KeyboardInterrupt:
            message = f"saving {self.path.name} was interrupted; {self._previous()}"
            self.last_error = message
            raise SaveInterrupted(message) from None
        self.writes += 1
        self.last_error = None
        return None

    def _previous(self) -> str:
        """What a failed write left: the previous save, or nothing yet."""
        try:
            exists = self.path.is_file()
        except OSError:
            exists = False
        return "the previous save is intact" if exists else "nothing has been saved yet"

    def _failed(self, message: str) -> str:
        self.last_error = message
        return message

    def close(self) -> None:
        """Release the lock; later writes are refused."""
        self._closed = True
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


__all__ = [
    "SAVES_ENV",
    "TEMP_PREFIX",
    "FolderSyncError",
    "SaveInterrupted",
    "SaveLock",
    "SaveLocked",
    "SaveSession",
    "atomic_write",
    "cleanup_temps",
    "default_saves_dir",
    "describe",
    "fsync_folder",
    "lock_path",
    "utc_now",
]
