"""The Organisation screen: a partner's members keep their business's details up to date (its
name and address in Japanese and in English, contact, invoice registration number); editors see
and change every organisation's. Organisations are made by approving an application, so nobody
adds or deletes one here; another organisation is a 404."""

from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.models import EditView, IndexView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from booking.models import PartnerOrganisation
from booking.permissions import OrganisationPermissionPolicy
from booking.services import partner_scope

register_permission_policy(PartnerOrganisation, OrganisationPermissionPolicy(), exact_class=True)


class OwnOrganisationsOnly:
    """Every view that finds an organisation by id finds only the user's own."""

    def get_queryset(self):
        return partner_scope.manageable_organisations(self.request.user)

    def get_base_object_queryset(self):
        return partner_scope.manageable_organisations(self.request.user)


class OrganisationIndexView(OwnOrganisationsOnly, IndexView):
    pass


class OrganisationEditView(OwnOrganisationsOnly, EditView):
    pass


class OrganisationHistoryView(OwnOrganisationsOnly, HistoryView):
    pass


class OrganisationUsageView(OwnOrganisationsOnly, UsageView):
    pass


class OrganisationViewSet(ModelViewSet):
    model = PartnerOrganisation
    icon = "site"
    menu_label = gettext_lazy("Organisation")
    menu_order = 250
    add_to_admin_menu = True
    add_to_reference_index = False
    index_view_class = OrganisationIndexView
    edit_view_class = OrganisationEditView
    history_view_class = OrganisationHistoryView
    usage_view_class = OrganisationUsageView
    copy_view_enabled = False
    list_display = ["name", "name_en", "contact_name", "phone"]
    search_fields = ["name", "name_en"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
                    FieldRowPanel([FieldPanel("address"), FieldPanel("address_en")]),
                ],
                heading=gettext_lazy("Name and address"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("contact_name"),
                    FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                    FieldPanel("invoice_registration_number"),
                ],
                heading=gettext_lazy("Contact and invoices"),
            ),
        ]
    )


@hooks.register("register_admin_viewset")
def register_organisation_viewset():
    return OrganisationViewSet("organisations")
