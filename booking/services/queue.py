"""Enqueue booking tasks (`booking.tasks.<name>`) after the transaction that stored their work
commits; see core.queue (a broker outage loses nothing: the sweeps pick the rows up)."""

from core import queue


def send_now(task_name: str, *args: int | str) -> bool:
    """Publish `booking.tasks.<task_name>(*args)` at once; False (logged) if the broker refused."""
    return queue.send_now(f"booking.tasks.{task_name}", *args)


def after_commit(task_name: str, *args: int | str) -> None:
    """Publish `booking.tasks.<task_name>(*args)` once the current transaction commits."""
    queue.after_commit(f"booking.tasks.{task_name}", *args)
