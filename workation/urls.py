"""Visitor URLs of the tourism content, under the language prefix before Wagtail's pages."""

from django.urls import path

from workation.search import views as search_views

app_name = "workation"

# Search: offers by kind, area, dates, people, price, amenities and host language.
urlpatterns = [path("search/", search_views.search, name="search")]
