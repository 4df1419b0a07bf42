"""Enqueue Celery tasks after the transaction that stored their work commits.

The database row (event, e-mail, refund) is the record of work to do; the queue message only
wakes a worker. So a broker that is down when we publish loses nothing: the error is logged and
the beat sweeps pick the row up later. Tasks take primary keys only.
"""

import logging

from celery import current_app
from django.db import transaction

logger = logging.getLogger(__name__)


def send_now(task_name: str, *args: int | str) -> bool:
    """Publish the task of this full name (`app.tasks.name`) at once; False (logged) if the
    broker refused. The task is looked up in Celery's registry by name, so the services that
    enqueue work never import the tasks that call them."""
    task = current_app.tasks[task_name]
    try:
        task.apply_async(args=args, retry=False)
    except Exception:  # a broker outage must not undo the stored work
        logger.warning("could not enqueue %s%s; the sweep will retry", task_name, args, exc_info=1)
        return False
    return True


def after_commit(task_name: str, *args: int | str) -> None:
    """Publish the task once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: send_now(task_name, *args))
