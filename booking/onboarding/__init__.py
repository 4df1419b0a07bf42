"""Becoming a partner, in one place.

A business applies on the public site (`views.apply`, `forms.PartnerApplicationForm`); editors are
told and review it in the admin (`admin`); approval (`applications.approve`) makes the partner
organisation, its draft profile page and its own group with rights below that page only (both
asked of the content layer through booking.content), and its first user, who is invited by
e-mail and sets a password from the link (`views.invitation`). Members then invite colleagues
from the admin. The application itself is `booking.models.PartnerApplication`.
"""
