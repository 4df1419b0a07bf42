"""A copy of the test database taken once, put back before each browser test that needs it:
the demo is seeded once per test process (about 10 s) instead of once per test, and every test
still starts from the same freshly seeded site, whatever the one before it booked or changed.

PostgreSQL: the copy is a database made with the test database as its template, and putting it
back drops the test database and makes it again from the copy (about a second). SQLite: the
copy is a file written with SQLite's backup API, and putting it back writes it over the test
database the same way. Django's connections are closed first; the process's content-type cache
is cleared after, since the rows come back with the ids they had when the copy was taken."""

import sqlite3
import tempfile
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections


class DatabaseSnapshot:
    """The default database's test copy: `take` once, `restore` as often as needed."""

    def __init__(self) -> None:
        self.taken = False
        self._file: Path | None = None

    @property
    def _name(self) -> str:
        return connection.settings_dict["NAME"]

    @property
    def _copy_name(self) -> str:
        return f"{self._name}_snapshot"[:63]

    def take(self) -> None:
        connections.close_all()
        if connection.vendor == "postgresql":
            with _maintenance() as admin:
                _disconnect_others(admin, self._name)
                admin.execute(f'DROP DATABASE IF EXISTS "{self._copy_name}"')
                admin.execute(f'CREATE DATABASE "{self._copy_name}" TEMPLATE "{self._name}"')
        else:
            self._file = Path(tempfile.mkdtemp(prefix="demo-snapshot-")) / "demo.sqlite3"
            _sqlite_copy(self._name, self._file)
        self.taken = True

    def restore(self) -> None:
        connections.close_all()
        if connection.vendor == "postgresql":
            with _maintenance() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self._name}" WITH (FORCE)')
                admin.execute(f'CREATE DATABASE "{self._name}" TEMPLATE "{self._copy_name}"')
        else:
            _sqlite_copy(self._file, self._name)
        ContentType.objects.clear_cache()

    def drop(self) -> None:
        if not self.taken:
            return
        if connection.vendor == "postgresql":
            with _maintenance() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self._copy_name}" WITH (FORCE)')
        elif self._file is not None:
            self._file.unlink(missing_ok=True)
            self._file.parent.rmdir()
        self.taken = False


def _maintenance():
    """An autocommit connection to the server's `postgres` database, as the test user."""
    import psycopg

    settings = connection.settings_dict
    return psycopg.connect(
        dbname="postgres",
        host=settings.get("HOST") or None,
        port=settings.get("PORT") or None,
        user=settings.get("USER") or None,
        password=settings.get("PASSWORD") or None,
        autocommit=True,
    )


def _disconnect_others(admin, name: str) -> None:
    """End other sessions on the database (an idle one of the live server's threads), since a
    database with sessions cannot be a template."""
    admin.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = %s AND pid <> pg_backend_pid()",
        [name],
    )


def _sqlite_copy(source: str | Path, target: str | Path) -> None:
    """Every page of `source` written over `target` (SQLite's online backup)."""
    origin, copy = sqlite3.connect(source), sqlite3.connect(target)
    try:
        origin.backup(copy)
    finally:
        origin.close()
        copy.close()
