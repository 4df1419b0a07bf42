from django.apps import AppConfig


class WorkationConfig(AppConfig):
    name = "workation"
    verbose_name = "Workation content"

    def ready(self) -> None:
        from . import signals  # noqa: F401
