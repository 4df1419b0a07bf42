"""Which pages the admin's page chooser offers a user: live pages, and the pages the user may
edit, drafts included. So it lists no unpublished page of another partner (a new partner's
profile is made as a draft, named after a business not yet announced).

Other partners' live pages stay choosable: their titles are public on the site already, and a
partner's page may well link to a neighbour's office or experience.

The explorer and the admin's page search need nothing more: Wagtail already shows each user only
the pages it may edit and the path down to them.
"""

from django.db.models import Q, QuerySet
from wagtail.models import Page
from wagtail.permissions import policy_registry


def pages_shown_to(pages: QuerySet[Page], user) -> QuerySet[Page]:
    """`pages` narrowed to those live or editable by `user`, in one query (a subquery on the
    user's page permissions, which Wagtail reads once per request)."""
    if user.is_superuser:
        return pages
    editable = policy_registry.get_by_type(Page).instances_user_has_permission_for(user, "change")
    # Filtered on `live` and `id` only: both are search filter fields, so the chooser's search
    # can take the narrowed queryset too.
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")))
