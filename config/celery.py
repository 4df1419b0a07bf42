"""The Celery app. Tasks take primary keys only and are enqueued with transaction.on_commit."""

import os

from celery import Celery
from celery.signals import task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
@task_postrun.connect
def _database_connections_as_between_requests(**kwargs) -> None:
    """Treat each task like a request: drop a connection past CONN_MAX_AGE or found broken
    (CELERY_DB_REUSE_MAX keeps Celery itself from reconnecting for every task)."""
    task = kwargs.get("task")
    if task is not None and getattr(task.request, "is_eager", False):
        return  # an eager task runs inside the caller's request or transaction
    from django.db import close_old_connections

    close_old_connections()
