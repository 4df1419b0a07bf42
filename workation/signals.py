"""Purge cached pages when a vocabulary that pages display changes."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.generation import purge_pages

from .models import Amenity, ExperienceCategory, Language


@receiver(post_save, sender=Amenity)
@receiver(post_save, sender=ExperienceCategory)
@receiver(post_save, sender=Language)
@receiver(post_delete, sender=Amenity)
@receiver(post_delete, sender=ExperienceCategory)
@receiver(post_delete, sender=Language)
def purge_on_vocabulary_change(sender: Any, **kwargs: Any) -> None:
    transaction.on_commit(purge_pages)
