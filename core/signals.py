"""Keep the page cache fresh and renditions ready: react to publishing and image saves."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .generation import purge_pages
from .image_privacy import strip_upload
from .models import CustomImage, NavigationSettings, SiteSettings
from .tasks import generate_renditions


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def purge_on_page_change(sender: Any, **kwargs: Any) -> None:
    transaction.on_commit(purge_pages)


@receiver(post_delete, dispatch_uid="home.purge_on_page_delete")
def purge_on_page_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A deleted page must vanish from the menus, cards and links that other pages show."""
    if isinstance(instance, Page):
        transaction.on_commit(purge_pages)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_save, sender=SiteSettings)
@receiver(post_save, sender=NavigationSettings)
@receiver(post_save, sender=CustomImage)
@receiver(post_delete, sender=CustomImage)
def purge_on_setting_change(sender: Any, **kwargs: Any) -> None:
    transaction.on_commit(purge_pages)


@receiver(post_save, sender=CustomImage)
def make_renditions_ahead(sender: Any, instance: CustomImage, **kwargs: Any) -> None:
    """Queue the renditions the templates use, so no visitor waits for one to be made."""
    transaction.on_commit(lambda: generate_renditions.delay(instance.pk))


@receiver(pre_save, sender=CustomImage)
def strip_photo_metadata(sender: Any, instance: CustomImage, **kwargs: Any) -> None:
    """A new upload is stored without its EXIF (GPS position, names, serial numbers)."""
    strip_upload(instance)
