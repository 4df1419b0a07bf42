"""The Django project: settings, URLs, the Celery app and the WSGI entry point.

The design card calls this package ``site``; that name can never be imported because Python's own
``site`` module is loaded first at interpreter start-up, so it is ``config`` here.
"""

from .celery import app as celery_app

__all__ = ["celery_app"]
