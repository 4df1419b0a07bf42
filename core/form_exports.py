"""Wagtail's list of a form page's submissions with a CSV export that keeps formula-like answers
as text (core.spreadsheets) and gives the time of each submission in Japan time
(core.admin_display). Imported once the app registry is ready: Wagtail's views load models at
import time, so page models name it in `get_submissions_list_view_class`."""

from wagtail.contrib.forms.views import SubmissionsListView

from .admin_display import JAPAN_TIME_PREPROCESS, JapanTimeExportMixin
from .spreadsheets import CSV_TEXT_PREPROCESS


class SafeSubmissionsListView(JapanTimeExportMixin, SubmissionsListView):
    """Wagtail's list of a form page's submissions, whose CSV export keeps formula-like answers
    as text and writes times in Japan time."""

    custom_value_preprocess = {**JAPAN_TIME_PREPROCESS, **CSV_TEXT_PREPROCESS}
