"""Uploaded photos are stored without their EXIF: no GPS position or camera owner reaches the
site, the picture stands the right way up, and Wagtail's size and hash match the stored file."""

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from core.models import CustomImage

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
ORIENTATION = 0x0112
ARTIST = 0x013B


def phone_photo(fmt: str = "JPEG", orientation: int = 6) -> bytes:
    """A 60×40 photo as a phone takes it: sideways (orientation 6) with GPS and the owner."""
    image = Image.new("RGB", (60, 40), (200, 120, 40))
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[ARTIST] = "Hanako Yamada"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (33.0, 40.0, 12.0), 3: "E", 4: (135.0, 20.0, 5.0)})
    out = io.BytesIO()
    image.save(out, fmt, exif=exif.tobytes())
    return out.getvalue()


def stored(image: CustomImage) -> Image.Image:
    with image.open_file() as f:
        data = f.read()
    return Image.open(io.BytesIO(data)), data


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_an_upload_loses_its_exif_and_stands_upright(fmt):
    upload = SimpleUploadedFile(f"photo.{fmt.lower()}", phone_photo(fmt))
    image = CustomImage.objects.create(title="梅林", file=upload)
    picture, data = stored(image)
    assert not picture.getexif() and "exif" not in picture.info
    assert (picture.width, picture.height) == (40, 60) == (image.width, image.height)
    assert image.file_size == len(data)
    assert image.file_hash == hashlib.sha1(data).hexdigest()


def test_a_picture_without_metadata_is_stored_as_it_came():
    out = io.BytesIO()
    Image.new("RGB", (30, 20), "white").save(out, "PNG")
    image = CustomImage.objects.create(title="白", file=SimpleUploadedFile("w.png", out.getvalue()))
    assert stored(image)[1] == out.getvalue()


def test_an_upload_through_the_admin_is_cleaned(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "e@example.jp", "pw")
    client.force_login(user)
    upload = SimpleUploadedFile("gps.jpg", phone_photo(), content_type="image/jpeg")
    response = client.post(reverse("wagtailimages:add"), {"title": "港", "file": upload})
    assert response.status_code == 302, response.content.decode()[:500]
    picture, _ = stored(CustomImage.objects.get(title="港"))
    assert not picture.getexif()


def test_svg_and_oversized_uploads_are_refused(client, django_user_model, settings):
    user = django_user_model.objects.create_superuser("editor", "e@example.jp", "pw")
    client.force_login(user)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    upload = SimpleUploadedFile("x.svg", svg, content_type="image/svg+xml")
    response = client.post(reverse("wagtailimages:add"), {"title": "svg", "file": upload})
    assert response.status_code == 200 and not CustomImage.objects.filter(title="svg").exists()
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    big = SimpleUploadedFile("big.png", phone_photo("PNG") + b"\0" * 2000, content_type="image/png")
    response = client.post(reverse("wagtailimages:add"), {"title": "big", "file": big})
    assert response.status_code == 200 and not CustomImage.objects.filter(title="big").exists()


def test_a_multi_picture_jpeg_from_a_phone_loses_its_exif_too():
    first, second = Image.new("RGB", (60, 40), "red"), Image.new("RGB", (60, 40), "blue")
    exif = Image.Exif()
    exif[ARTIST] = "Hanako Yamada"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (33.0, 40.0, 12.0)})
    out = io.BytesIO()
    first.save(out, "MPO", save_all=True, append_images=[second], exif=exif.tobytes())
    assert Image.open(io.BytesIO(out.getvalue())).format == "MPO"
    image = CustomImage.objects.create(
        title="MPO", file=SimpleUploadedFile("m.jpg", out.getvalue())
    )
    picture, data = stored(image)
    assert picture.format == "JPEG" and not picture.getexif()
    assert image.file_hash == hashlib.sha1(data).hexdigest()
