"""Uploaded photos lose their metadata: EXIF (a phone's GPS position, its owner's name, the
camera's serial number) and XMP are removed from the stored original, after turning the picture
the way its EXIF orientation says. Colour profiles are kept. Renditions are made from the clean
original, so nothing of it reaches a visitor."""

import hashlib
import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

FORMATS = {"JPEG": {"quality": 92, "optimize": True}, "PNG": {"optimize": True}, "WEBP": {}}


@dataclass(frozen=True)
class CleanImage:
    content: bytes
    width: int
    height: int


def has_metadata(image: Image.Image) -> bool:
    return bool(image.getexif()) or any(
        key in image.info for key in ("exif", "xmp", "XML:com.adobe.xmp", "comment")
    )


def without_metadata(data: bytes) -> CleanImage | None:
    """The picture re-saved without metadata, or None when there is nothing to remove (or the
    format is one this does not rewrite, such as an animated GIF)."""
    with Image.open(io.BytesIO(data)) as image:
        # A phone's multi-picture JPEG (MPO: HDR and depth shots) is kept as its main picture.
        fmt = "JPEG" if image.format == "MPO" else image.format or ""
        options = FORMATS.get(fmt)
        animated = getattr(image, "is_animated", False) and image.format != "MPO"
        if options is None or not has_metadata(image) or animated:
            return None
        upright = ImageOps.exif_transpose(image)
        profile = image.info.get("icc_profile")
        out = io.BytesIO()
        upright.save(out, fmt, **options, **({"icc_profile": profile} if profile else {}))
        return CleanImage(out.getvalue(), upright.width, upright.height)


def strip_upload(instance) -> bool:
    """Replace a newly uploaded (not yet stored) image file by its clean copy, with the size,
    hash and dimensions Wagtail keeps beside it. True if the file was rewritten."""
    upload = instance.file
    if not upload or getattr(upload, "_committed", True):
        return False
    upload.seek(0)
    clean = without_metadata(upload.read())
    upload.seek(0)
    if clean is None:
        return False
    instance.file = ContentFile(clean.content, name=upload.name)
    instance.width, instance.height = clean.width, clean.height
    instance.file_size = len(clean.content)
    instance.file_hash = hashlib.sha1(clean.content).hexdigest()
    return True
