"""Celery tasks of the core app: renditions made ahead of time."""

from celery import shared_task

from .models.images import CustomImage, all_rendition_specs


# Named as before the move from `home`, so that messages queued by the previous release (or by
# its processes during a rolling deploy) still find the task.
@shared_task(name="home.tasks.generate_renditions", max_retries=3, default_retry_delay=30)
def generate_renditions(image_id: int) -> int:
    """Create every rendition the templates use for one image; returns how many exist."""
    image = CustomImage.objects.filter(pk=image_id).first()
    if image is None:
        return 0
    return len(image.get_renditions(*all_rendition_specs()))
