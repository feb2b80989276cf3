"""The benchmarks' fresh database: wiped, then migrated.

A benchmark measures a database it built itself, so it starts from nothing: the SQLite
file (and its WAL and shared-memory files) deleted, or PostgreSQL's public schema dropped.
Only a database whose name says "bench" is wiped, so a mistyped URL never empties a real one.
"""

from __future__ import annotations

import sys
from pathlib import Path


def wipe(*, migrate: bool = True) -> None:
    """Empty the benchmark database, then (by default) migrate it."""
    from django.core.management import call_command
    from django.db import connection

    name = str(connection.settings_dict["NAME"])
    if "bench" not in name:
        sys.exit(f"Refusing to wipe {name!r}: its name does not contain 'bench'.")
    print(f"wiping {name}", file=sys.stderr, flush=True)
    if connection.vendor == "sqlite":
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(name + suffix).unlink(missing_ok=True)
    else:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    if migrate:
        call_command("migrate", verbosity=0)
