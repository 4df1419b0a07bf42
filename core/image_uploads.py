"""Image uploads that Wagtail would let through to a 500 or to a long decode are refused as form
errors instead: a picture over the pixel cap (WAGTAILIMAGES_MAX_IMAGE_PIXELS) is refused from its
header, before a pixel is decoded, and a file that cannot be decoded to the end (a JPEG cut off
while copying) gets a message rather than Pillow's exception. Every upload view (the add page,
the multiple uploader, the chooser, replacing a file) uses this form:
WAGTAILIMAGES_IMAGE_FORM_BASE."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from PIL import Image
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

# What Pillow raises when a picture it has started to decode turns out broken.
DECODE_ERRORS = (OSError, SyntaxError, ValueError)


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, with the pixel cap checked first and decoding errors caught."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.error_messages["too_many_pixels"] = _(
            "This image has too many pixels (at most %(max_pixels)s are accepted). "
            "Make it smaller and upload it again."
        )
        self.error_messages["unreadable_image"] = _(
            "This image file is damaged or incomplete and cannot be read. "
            "Save or export it again and upload the new file."
        )

    def to_python(self, data: Any) -> Any:
        self.check_header_pixels(data)
        try:
            return super().to_python(data)
        except DECODE_ERRORS as exc:
            raise ValidationError(
                self.error_messages["unreadable_image"], code="unreadable_image"
            ) from exc

    def check_header_pixels(self, data: Any) -> None:
        """Refuse a picture over the cap from the size in its header. What Pillow cannot
        identify is left to Wagtail's own checks, which refuse it as not an image."""
        if self.max_image_pixels is None or not hasattr(data, "seek"):
            return
        try:
            with Image.open(data) as image:
                too_many = image.width * image.height > self.max_image_pixels
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            too_many = True  # over Pillow's limit (core.apps): its size was not even read
        except DECODE_ERRORS:
            too_many = False
        finally:
            data.seek(0)
        if too_many:
            raise ValidationError(
                self.error_messages["too_many_pixels"],
                code="too_many_pixels",
                params={"max_pixels": number_format(self.max_image_pixels, force_grouping=True)},
            )


class ImageForm(BaseImageForm):
    """Wagtail's image form with the checked file field."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Made here, not declared on the class, so that the field reads the settings (upload
        # size, pixel cap) when the form is made, as Wagtail's own field does.
        field = self.fields.get("file")
        if field is not None:
            self.fields["file"] = CheckedImageField(
                label=field.label, required=field.required, widget=field.widget
            )
