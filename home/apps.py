from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and site"

    def ready(self) -> None:
        from . import signals, sites  # noqa: F401
