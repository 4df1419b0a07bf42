"""Idempotency keys of public forms: each form carries a random key in a hidden field, and what
it stores is stored under that key once, so a double click, a reload or a retry after a timeout
never makes a second request."""

import re
import uuid

from django import forms

KEY = re.compile(r"[0-9a-f]{32}")


class SubmissionKeyField(forms.CharField):
    """A hidden field holding a new key for every form shown; a missing or malformed key (an
    old page, a bot) is not an error: the submission is stored without one."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs) -> None:
        super().__init__(required=False, max_length=64, initial=new_key, **kwargs)

    def clean(self, value) -> str | None:
        value = (super().clean(value) or "").strip().lower()
        return value if KEY.fullmatch(value) else None


def new_key() -> str:
    return uuid.uuid4().hex
