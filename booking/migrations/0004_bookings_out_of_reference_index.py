"""Bookings and partner applications leave Wagtail's reference index: nothing in the content
points at them, and indexing them cost every hold its own writes. Their rows are removed."""

from django.db import migrations

LEFT = ("booking", "bookingline", "guestregisterentry", "partnerapplication")


def drop_rows(apps, schema_editor) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    reference_index = apps.get_model("wagtailcore", "ReferenceIndex")
    types = content_type.objects.filter(app_label="booking", model__in=LEFT)
    reference_index.objects.using(schema_editor.connection.alias).filter(
        base_content_type__in=types
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0003_back_office"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(drop_rows, migrations.RunPython.noop)]
