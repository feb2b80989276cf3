"""The task queue (visits/tasks/): queued on commit only, tasks about a row that is gone,
failures retried then logged, and real `manage.py db_worker` processes claiming tasks on
the real database (PostgreSQL's test database; for SQLite, whose test database lives in
this process's memory, a file copy of it whose results are copied back)."""

import datetime as dt
import logging
import os
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from unittest import mock
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import OperationalError, connection, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from tests.factories import CityFactory
from visits.models import City
from visits.tasks import enqueue_on_commit, object_task, queue

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


# --- tasks the tests queue (module level, so that a worker process can import them) ------


@task()
def record(path: str, label: str) -> str:
    """Append ``label`` and the process that ran it to the file ``path``."""
    with open(path, "a") as file:
        file.write(f"{label} {os.getpid()}\n")
    time.sleep(0.02)  # long enough for two workers to want the same tasks
    return label


@object_task("visits.City", rerun="manage.py fix_cities")
def rename_city(city, name: str) -> int:
    city.name_en = name
    city.save(update_fields=["name_en"])
    return city.pk


@object_task("visits.City")
def delete_then_fail(city) -> None:
    """A row deleted while its task runs: the work fails because the row went."""
    city.delete()
    raise FileNotFoundError("its files went with it")


#: How many times `flaky` failed so far, and how many times it should.
FLAKY = {"failures": 0, "fail": 0}


@object_task("visits.City", rerun="manage.py fix_cities", backoff=0)
def flaky(city) -> str:
    if FLAKY["failures"] < FLAKY["fail"]:
        FLAKY["failures"] += 1
        raise OSError("storage unreachable")
    return city.name_en


def runs(path) -> list[str]:
    """The labels `record` wrote to ``path``, in order."""
    if not os.path.exists(path):
        return []
    with open(path) as file:
        return [line.split()[0] for line in file]


# --- on commit, and only then -------------------------------------------------------------


class Boom(Exception):
    pass


@pytest.mark.on_commit
def test_tests_marked_on_commit_queue_on_commit():
    assert not queue.IMMEDIATE


@pytest.mark.on_commit
def test_a_task_queued_in_a_transaction_that_rolls_back_never_runs(transactional_db, tmp_path):
    log = tmp_path / "runs"
    with pytest.raises(Boom), transaction.atomic():
        CityFactory()
        enqueue_on_commit(record, str(log), "rolled-back")
        raise Boom
    assert runs(log) == []


@pytest.mark.on_commit
def test_a_task_queued_in_a_transaction_runs_when_it_commits_once_per_arguments(
    transactional_db, tmp_path
):
    log = tmp_path / "runs"
    with transaction.atomic():
        enqueue_on_commit(record, str(log), "first")
        enqueue_on_commit(record, str(log), "first")  # asked twice: queued once
        enqueue_on_commit(record, str(log), "second")
        assert runs(log) == []  # nothing while the transaction is open
    assert runs(log) == ["first", "second"]


def test_outside_a_transaction_a_task_is_queued_at_once(transactional_db, tmp_path):
    log = tmp_path / "runs"
    enqueue_on_commit(record, str(log), "now")
    assert runs(log) == ["now"]


@pytest.mark.on_commit
def test_the_database_queue_holds_committed_tasks_only(transactional_db, settings, tmp_path):
    settings.TASKS = DATABASE_QUEUE
    with pytest.raises(Boom), transaction.atomic():
        enqueue_on_commit(record, str(tmp_path / "runs"), "rolled-back")
        raise Boom
    with transaction.atomic():
        enqueue_on_commit(record, str(tmp_path / "runs"), "kept")
        assert not DBTaskResult.objects.exists()  # not before the commit
    queued = DBTaskResult.objects.get()
    assert (queued.status, queued.args_kwargs["args"][1]) == ("READY", "kept")
    assert queued.task_path == "tests.test_tasks.record"


def test_arguments_json_cannot_carry_are_refused_where_the_task_is_asked_for(db):
    with pytest.raises(TypeError):
        enqueue_on_commit(rename_city, CityFactory())  # a row, not its id


@pytest.mark.on_commit
def test_a_queue_that_cannot_be_reached_keeps_the_save_and_logs_what_was_lost(
    transactional_db, settings, tmp_path, caplog
):
    """The save commits; the task that could not be queued is logged with its row and the
    command that does its work; the other tasks of the transaction are still queued."""
    settings.TASKS = DATABASE_QUEUE
    real_enqueue = DatabaseBackend.enqueue

    def enqueue(backend, task, args, kwargs):
        if task.name == "rename_city":
            raise OperationalError("no such table: django_tasks_database_dbtaskresult")
        return real_enqueue(backend, task, args, kwargs)

    with mock.patch.object(DatabaseBackend, "enqueue", enqueue), transaction.atomic():
        city = CityFactory(name_en="Paris")
        enqueue_on_commit(rename_city, city.pk, "Lyon")
        enqueue_on_commit(record, str(tmp_path / "runs"), "other")
    assert City.objects.filter(pk=city.pk, name_en="Paris").exists()
    assert [r.task_path for r in DBTaskResult.objects.all()] == ["tests.test_tasks.record"]
    [line] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert line.getMessage() == (
        f"Could not queue rename_city for visits.City #{city.pk}: it will not run. "
        "`manage.py fix_cities` does its work."
    )


# --- tasks about a row --------------------------------------------------------------------


def test_a_task_whose_row_was_deleted_meanwhile_ends_quietly_with_a_log_line(db, caplog):
    city = CityFactory()
    pk = city.pk
    city.delete()
    with caplog.at_level(logging.INFO):
        result = rename_city.enqueue(pk, "Lyon")
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value is None
    ours = [(r.levelname, r.getMessage()) for r in caplog.records if r.name.startswith("visits")]
    assert ours == [
        ("INFO", f"rename_city: visits.City #{pk} was deleted before the task ran; nothing to do.")
    ]
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_task_whose_row_is_deleted_while_it_runs_ends_quietly(db, caplog):
    city = CityFactory()
    with caplog.at_level(logging.INFO):
        result = delete_then_fail.enqueue(city.pk)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert f"visits.City #{city.pk} was deleted while the task ran" in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_task_that_fails_is_tried_again_with_its_row_named(db, caplog):
    city = CityFactory(name_en="Chongqing")
    FLAKY.update(failures=0, fail=2)
    result = flaky.enqueue(city.pk)
    assert (result.status, result.return_value) == (TaskResultStatus.SUCCESSFUL, "Chongqing")
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        f"flaky failed for visits.City #{city.pk} (Chongqing): OSError: storage unreachable; "
        f"trying again in 0 s (attempt {n} of 3)."
        for n in (2, 3)
    ]


def test_a_task_that_keeps_failing_is_logged_with_its_row_and_the_rerun_command(db, caplog):
    city = CityFactory(name_en="Beijing")
    FLAKY.update(failures=0, fail=99)
    result = flaky.enqueue(city.pk)
    assert result.status == TaskResultStatus.FAILED
    assert FLAKY["failures"] == 3  # the first attempt and two more
    [ours] = [r for r in caplog.records if r.name == "visits.tasks.objects" and r.levelno >= 40]
    assert ours.getMessage() == (
        f"flaky failed for visits.City #{city.pk} (Beijing) after 3 attempts. "
        "`manage.py fix_cities` does its work again."
    )
    assert "OSError: storage unreachable" in caplog.text  # with the traceback


# --- tasks whose worker died -----------------------------------------------------------------


def test_a_task_left_running_by_a_dead_worker_is_queued_again(db, settings, tmp_path):
    settings.TASKS = DATABASE_QUEUE
    stalled = record.enqueue(str(tmp_path / "runs"), "stalled").id
    busy = record.enqueue(str(tmp_path / "runs"), "busy").id
    DBTaskResult.objects.filter(pk=stalled).update(
        status="RUNNING", started_at=timezone.now() - dt.timedelta(hours=2)
    )
    DBTaskResult.objects.filter(pk=busy).update(
        status="RUNNING", started_at=timezone.now() - dt.timedelta(minutes=5)
    )
    call_command("requeue_stalled_tasks", "--minutes", "60", verbosity=0)
    assert DBTaskResult.objects.get(pk=stalled).status == "READY"
    assert DBTaskResult.objects.get(pk=busy).status == "RUNNING"


# --- real workers on the real database ------------------------------------------------------


@contextmanager
def database_for_workers(tmp_path):
    """A DATABASE_URL other processes can use, holding what this test committed; what they
    write there is this test's database afterwards."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
        yield f"postgres://{quote(db['USER'])}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        return
    assert connection.vendor == "sqlite"
    if not connection.is_in_memory_db():
        yield f"sqlite:///{db['NAME']}"
        return
    copy = tmp_path / "queue.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(copy) as target:
        connection.connection.backup(target)
    target.close()
    yield f"sqlite:///{copy}"
    source = sqlite3.connect(copy)
    source.backup(connection.connection)
    source.close()


def start_worker(
    database_url: str, output, settings_module: str = "tests.worker_settings", **environ: str
) -> subprocess.Popen:
    """A `manage.py db_worker` process on ``database_url`` that stops once the queue is
    empty, with ``settings_module`` and ``environ`` in its environment."""
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--batch",  # stop once the queue is empty
            "--no-reload",
            "--no-startup-delay",
            "--interval=0",
        ],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings_module,
            "DATABASE_URL": database_url,
            **environ,
        },
        stdout=output,
        stderr=subprocess.STDOUT,
    )


@pytest.mark.on_commit
def test_real_workers_claim_and_run_each_committed_task_once(transactional_db, settings, tmp_path):
    """Two `manage.py db_worker` processes at once on the database: every committed task
    runs exactly once, by one of them; a rolled-back one never; a task whose row was
    deleted before a worker got to it ends quietly, with its log line in the worker's."""
    settings.TASKS = DATABASE_QUEUE
    log, labels = tmp_path / "runs", [f"task-{n}" for n in range(16)]
    with transaction.atomic():
        for label in labels:
            enqueue_on_commit(record, str(log), label)
    with pytest.raises(Boom), transaction.atomic():
        enqueue_on_commit(record, str(log), "rolled-back")
        raise Boom
    gone = CityFactory()
    enqueue_on_commit(rename_city, gone.pk, "Lyon")
    gone_pk = gone.pk
    gone.delete()

    output = tmp_path / "workers.log"
    with database_for_workers(tmp_path) as url, open(output, "wb") as out:
        workers = [start_worker(url, out) for _ in range(2)]
        for worker in workers:
            assert worker.wait(timeout=120) == 0, output.read_text()

    printed = output.read_text()
    assert sorted(runs(log)) == sorted(labels), printed  # each once, none rolled back
    results = DBTaskResult.objects.all()
    assert {r.status for r in results} == {"SUCCESSFUL"}, printed
    assert all(len(r.worker_ids) == 1 for r in results)
    assert sorted(r.return_value for r in results if r.task_path.endswith("record")) == sorted(
        labels
    )
    assert (
        f"rename_city: visits.City #{gone_pk} was deleted before the task ran; nothing to do."
        in printed
    )


# --- configuration ---------------------------------------------------------------------------


@pytest.mark.parametrize("queue", ["immediate", "database"])
def test_manage_py_check_is_clean(settings, queue):
    if queue == "database":
        settings.TASKS = DATABASE_QUEUE
    call_command("check", fail_level="WARNING", verbosity=0)


def test_base_settings_queue_in_the_database():
    from config.settings import base

    assert base.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert {"django_tasks", "django_tasks_db"} <= set(base.INSTALLED_APPS)
