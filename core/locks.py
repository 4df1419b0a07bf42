"""Waiting for database locks no longer than a limit, on PostgreSQL and SQLite alike.

Whoever locks rows to decide (holds taking capacity, a late payment re-checked) waits at most
`timeout_ms` for a lock held by someone else; past that, the database raises an error that
`is_lock_contention` recognises, so the caller can answer "busy, try again" instead of a 500.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import OperationalError, connection

# PostgreSQL's lock_not_available (lock_timeout ran out) and deadlock_detected.
CONTENTION_SQLSTATES = ("55P03", "40P01")


def set_local_lock_timeout(timeout_ms: int) -> None:
    """On PostgreSQL, wait at most `timeout_ms` for any row lock until the transaction ends;
    call it inside the transaction (SET LOCAL)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = %s", [f"{int(timeout_ms)}ms"])


@contextmanager
def sqlite_write_lock_wait(timeout_ms: int) -> Iterator[None]:
    """On SQLite, wait at most `timeout_ms` for the database's write lock, then restore the
    connection's own timeout; elsewhere, nothing."""
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA busy_timeout = {int(timeout_ms)}")
    try:
        yield
    finally:
        default_ms = int(connection.settings_dict.get("OPTIONS", {}).get("timeout", 5) * 1000)
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {default_ms}")


def is_lock_contention(exc: OperationalError) -> bool:
    """Whether a database error means a lock could not be had in time (or a deadlock)."""
    cause = exc.__cause__
    sqlstate = getattr(cause, "sqlstate", None) or getattr(
        getattr(cause, "diag", None), "sqlstate", None
    )
    if sqlstate in CONTENTION_SQLSTATES:
        return True
    return "database is locked" in str(exc) or "lock timeout" in str(exc)
