"""Booking URLs, mounted under the language prefix (/ja/…, /en/…) before Wagtail's pages."""

from django.urls import path

from booking.onboarding import views as onboarding_views
from booking.views import accounts as account_views
from booking.views import checkout as checkout_views
from booking.views import date_changes as date_change_views
from booking.views import documents as document_views
from booking.views import offers as offer_views
from booking.views import personal_data as personal_data_views
from booking.views import trip_cancellation as trip_cancellation_views
from booking.views import trip_checkout as trip_checkout_views
from booking.views import trip_plan as trip_plan_views

app_name = "booking"

urlpatterns: list = []

# Accounts: My bookings, and the manage page opened by a signed link (or by reference for its
# signed-in owner), with its cancellation step and the change of dates.
urlpatterns += [
    path("booking/mine/", account_views.my_bookings, name="my_bookings"),
    path("booking/mine/data.json", personal_data_views.export, name="my_data"),
    path("booking/mine/delete-account/", personal_data_views.delete_account, name="delete_account"),
    path("booking/manage/new-link/", account_views.new_link, name="new_link"),
    path("booking/manage/<str:token>/", account_views.manage, name="manage"),
    path("booking/manage/<str:token>/cancel/", account_views.cancel, name="cancel"),
    path(
        "booking/manage/<str:token>/documents/<int:pk>/",
        document_views.document,
        name="document",
    ),
    path(
        "booking/manage/<str:token>/documents/trip.zip",
        document_views.booking_trip_pack,
        name="booking_trip_pack",
    ),
    path(
        "booking/manage/<str:token>/documents/addressee/",
        document_views.addressee,
        name="document_addressee",
    ),
    path("booking/manage/<str:token>/dates/", date_change_views.choose, name="change_dates"),
    path(
        "booking/manage/<str:token>/dates/<int:change>/",
        date_change_views.confirm,
        name="change_dates_confirm",
    ),
    path(
        "booking/manage/<str:token>/dates/<int:change>/paid/",
        date_change_views.paid,
        name="change_dates_paid",
    ),
]

# The offer's booking page and the checkout steps that follow a hold.
urlpatterns += [
    path("booking/offers/<int:pk>/", offer_views.offer_detail, name="offer"),
    path("booking/offers/<int:pk>/hold/", offer_views.hold, name="hold"),
    path("booking/offers/<int:pk>/availability/", offer_views.availability, name="availability"),
    path("booking/<str:reference>/details/", checkout_views.details, name="details"),
    path("booking/<str:reference>/confirm/", checkout_views.confirm, name="confirm"),
    path("booking/<str:reference>/paid/", checkout_views.paid, name="paid"),
    path("booking/<str:reference>/status.json", checkout_views.status_json, name="status_json"),
    path("booking/<str:reference>/", checkout_views.status, name="status"),
]

# Trips: the plan (cart) of items from several partners, then one checkout and one payment.
urlpatterns += [
    path("trip/", trip_plan_views.plan_page, name="trip_plan"),
    path("booking/offers/<int:pk>/add-to-trip/", trip_plan_views.add_to_trip, name="add_to_trip"),
    path("trip/items/<int:item_id>/remove/", trip_plan_views.remove_item, name="trip_plan_remove"),
    path(
        "trip/weekday-desks/<int:pk>/",
        trip_plan_views.add_weekday_desks,
        name="trip_weekday_desks",
    ),
    path("trip/checkout/", trip_checkout_views.checkout, name="trip_checkout"),
    path("trip/<str:reference>/details/", trip_checkout_views.details, name="trip_details"),
    path("trip/<str:reference>/confirm/", trip_checkout_views.confirm, name="trip_confirm"),
    path("trip/<str:reference>/paid/", trip_checkout_views.paid, name="trip_paid"),
    path(
        "trip/<str:reference>/start-over/", trip_checkout_views.start_over, name="trip_start_over"
    ),
    path("trip/<str:reference>/documents.zip", document_views.trip_pack, name="trip_pack"),
    path("trip/<str:reference>/cancel/", trip_cancellation_views.cancel, name="trip_cancel"),
    path("trip/<str:reference>/", trip_checkout_views.status, name="trip_status"),
]

# Becoming a partner: the public application, and the set-password link of an invitation.
urlpatterns += [
    path("partners/apply/", onboarding_views.apply, name="apply"),
    path("partners/apply/thanks/", onboarding_views.apply_done, name="apply_done"),
    path(
        "partners/invitation/<uidb64>/<token>/",
        onboarding_views.invitation,
        name="invitation",
    ),
]
