"""`seed_demo --reset`: remove what the demo created (pages, images, partner groups)."""

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from demo.booking import reset_booking_demo
from demo.builder import image_owners
from demo.data.pictures import PICTURES
from home.models import HomePage


@transaction.atomic
def reset_demo() -> None:
    """Delete the demo home pages (every language, with their subtrees), images and groups."""
    homes = Page.get_first_root_node().get_children().type(HomePage)
    reset_booking_demo(list(homes))  # offers protect their pages
    # One queryset delete: treebeard removes every home and its whole subtree together.
    Page.get_first_root_node().get_children().type(HomePage).delete()
    get_image_model().objects.filter(
        title__in=[alt.ja for _s, alt, _o in PICTURES.values()]
    ).delete()
    names = list(image_owners().values())
    Group.objects.filter(name__in=names).delete()
    for collection in Collection.objects.filter(name__in=names):
        collection.delete()
