"""Forms in templates: accessible field widgets, and submitted values as text for e-mails."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def form_value(data: dict[str, Any], key: str) -> str:
    """A submitted form value as text (lists joined with commas), for e-mails."""
    value = (data or {}).get(key, "")
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    if value is True:
        return "✓"
    if value is False or value is None:
        return ""
    return str(value)


@register.simple_tag
def form_widget(field: Any) -> str:
    """A form field's widget with aria-describedby pointing at its help text and errors."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    if field.errors:
        described.append(f"{field.auto_id}_error")
    attrs: dict[str, Any] = {}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    if field.field.required:
        attrs["required"] = True
    return field.as_widget(attrs=attrs)
