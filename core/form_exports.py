"""Wagtail's list of a form page's submissions with a CSV export that keeps formula-like answers
as text (core.spreadsheets). Imported once the app registry is ready: Wagtail's views load models
at import time, so page models name it in `get_submissions_list_view_class`."""

from wagtail.contrib.forms.views import SubmissionsListView

from .spreadsheets import CSV_TEXT_PREPROCESS


class SafeSubmissionsListView(SubmissionsListView):
    """Wagtail's list of a form page's submissions, whose CSV export keeps formula-like answers
    as text."""

    custom_value_preprocess = {**SubmissionsListView.custom_value_preprocess, **CSV_TEXT_PREPROCESS}
