from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from PIL import Image


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site")

    def ready(self) -> None:
        from . import signals, sites  # noqa: F401

        # Pillow refuses to open a picture of over twice the upload cap before decoding it, in
        # the web processes and the workers alike, so a decompression bomb fails fast anywhere.
        Image.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
