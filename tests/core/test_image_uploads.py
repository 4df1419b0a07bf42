"""An image an editor uploads either is stored or gets a clear form error: a file that is not an
image, a JPEG cut off while copying, or a picture over the pixel cap is refused on the add page
and by the multiple uploader alike, and nothing is stored. Renditions run on their own queue."""

import io
import struct
import zlib

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.users.models import UserProfile

from core.models import CustomImage
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db

# What an editor reads in the admin's default language, Japanese.
UNREADABLE = "この画像ファイルは壊れているか途中で切れていて、読み込めません。"
TOO_MANY_PIXELS = "この画像はピクセル数が多すぎます（上限は {} ピクセルです）。"
NOT_AN_IMAGE = "アップロードしたファイルは画像でないか、または壊れています。"  # Django's own


def jpeg(size: tuple[int, int] = (300, 200)) -> bytes:
    """A noisy photo, so that its compressed data is long enough to cut."""
    out = io.BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(out, "JPEG", quality=90)
    return out.getvalue()


def png_header(width: int, height: int) -> bytes:
    """A PNG that says it is width × height pixels but holds only its first rows: what Pillow
    reads of it before decoding (the header) is all that may be read of a picture too large."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    rows = zlib.compress(b"\0" * (width + 1) * 2)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows)


def strip(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("L", (width, height)).save(out, "PNG")
    return out.getvalue()


UNREADABLE_UPLOADS = {
    "not an image": (b"not an image", NOT_AN_IMAGE),
    "cut-off JPEG": (jpeg()[:3000], UNREADABLE),
    "JPEG signature, then junk": (b"\xff\xd8\xff\xe0" + b"junk" * 100, UNREADABLE),
}


@pytest.fixture
def editor(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", "e@example.jp", "pw"))
    return client


def upload(client, view: str, name: str, content: bytes) -> str:
    """Post one file as the admin's page or uploader does; what the editor is shown (the page
    with the form's errors, or the uploader's error message), or "" once it is stored."""
    file = SimpleUploadedFile(name, content, content_type="image/jpeg")
    if view == "single":
        response = client.post(reverse("wagtailimages:add"), {"title": name, "file": file})
        if response.status_code == 302:
            return ""
        assert response.status_code == 200 and response.context["form"].errors["file"]
        return response.content.decode()
    response = client.post(reverse("wagtailimages:add_multiple"), {"files[]": file})
    assert response.status_code == 200
    data = response.json()
    return "" if data["success"] else data["error_message"]


@pytest.mark.parametrize("view", ["single", "multiple"])
@pytest.mark.parametrize("kind", UNREADABLE_UPLOADS)
def test_an_unreadable_jpg_gets_a_form_error_and_nothing_is_stored(editor, view, kind):
    content, message = UNREADABLE_UPLOADS[kind]
    error = upload(editor, view, "photo.jpg", content)
    assert message in error
    assert not CustomImage.objects.exists()


@pytest.mark.parametrize("view", ["single", "multiple"])
def test_an_image_over_the_pixel_cap_is_refused(editor, settings, view):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 10_000
    error = upload(editor, view, "strip.png", strip(1, 10_001))
    assert TOO_MANY_PIXELS.format("10,000") in error
    assert not CustomImage.objects.exists()


@pytest.mark.parametrize("view", ["single", "multiple"])
def test_an_11000_pixel_square_is_refused_from_its_header(editor, view):
    """Only the header is read: the picture's data is cut off after two rows, so any attempt
    to decode it would give the unreadable-file error instead."""
    error = upload(editor, view, "huge.png", png_header(11_000, 11_000))
    assert TOO_MANY_PIXELS.format("40,000,000") in error
    assert not CustomImage.objects.exists()


def test_replacing_a_file_with_a_cut_off_jpeg_keeps_the_old_one(editor):
    image = ImageFactory()
    stored = image.file.name
    file = SimpleUploadedFile("photo.jpg", jpeg()[:3000], content_type="image/jpeg")
    response = editor.post(
        reverse("wagtailimages:edit", args=[image.pk]), {"title": image.title, "file": file}
    )
    assert response.status_code == 200 and UNREADABLE in response.content.decode()
    image.refresh_from_db()
    assert image.file.name == stored


def test_the_upload_size_limit_still_applies(editor, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    error = upload(editor, "multiple", "photo.jpg", jpeg())
    assert "このファイルは大きすぎます" in error
    assert not CustomImage.objects.exists()


def test_an_editor_who_reads_english_gets_the_errors_in_english(
    editor, django_user_model, settings
):
    profile = UserProfile.get_for_user(django_user_model.objects.get(username="editor"))
    profile.preferred_language = "en"
    profile.save()
    assert "This image file is damaged or incomplete" in upload(
        editor, "multiple", "photo.jpg", jpeg()[:3000]
    )
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 10_000
    assert "This image has too many pixels (at most 10,000 are accepted)" in upload(
        editor, "single", "strip.png", strip(1, 10_001)
    )


@pytest.mark.parametrize("view", ["single", "multiple"])
def test_a_normal_photo_is_still_stored(editor, view):
    assert upload(editor, view, "photo.jpg", jpeg()) == ""
    image = CustomImage.objects.get()
    assert (image.width, image.height) == (300, 200)


def test_pillow_refuses_what_is_over_twice_the_cap_anywhere():
    assert Image.MAX_IMAGE_PIXELS == django_settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(png_header(11_000, 11_000)))


def test_renditions_go_to_their_own_queue():
    from config.celery import app

    route = app.amqp.router.route({}, "home.tasks.generate_renditions")
    assert route["queue"].name == "images"
    assert app.amqp.router.route({}, "booking.tasks.process_webhook_event")["queue"].name == (
        "webhooks"
    )
