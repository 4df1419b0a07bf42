"""Becoming a partner, in one place.

A business reads what listing costs and how approval works on the public "list your business"
page (a content page that shows `REVIEW_WORKING_DAYS` and the steps of `apply_steps.html`), then
applies on the public site (`views.apply`, `forms.PartnerApplicationForm`) and is sent an
acknowledgement; editors are told and review it in the admin (`admin`); approval
(`applications.approve`) makes the partner organisation, its draft profile page and its own
group with rights below that page only (both asked of the content layer through booking.content),
and its first user, who is invited by e-mail with the next steps and sets a password from the link
(`views.invitation`). On the admin home, a new partner's members see the checklist of what is
left to do before its first offer is on sale (`checklist`, `dashboard`). Members then invite
colleagues from the admin. The application itself is `booking.models.PartnerApplication`.
"""

# How many working days the editors take to review an application: the public page, the
# thank-you page and the acknowledgement e-mail all promise this one number.
REVIEW_WORKING_DAYS = 5
