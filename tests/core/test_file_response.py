"""core.uploads.file_response: how every app serves a stored upload."""
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile
from django.http import Http404

from pacesetter.core.uploads import file_response
from pacesetter.exhibition.models import Photo


def _stored(name):
    return FieldFile(None, Photo._meta.get_field("file"), name)


def test_a_document_is_a_private_nosniff_download():
    name = default_storage.save("tests/file-response.pdf", ContentFile(b"%PDF-1.4 test"))
    response = file_response(_stored(name), content_type="application/pdf", attachment=True, filename="述职报告.pdf")
    assert (response["Content-Type"], response["X-Content-Type-Options"], response["Cache-Control"],
            response["Content-Disposition"].startswith("attachment;"), b"".join(response.streaming_content)) == (
        "application/pdf", "nosniff", "private, no-store", True, b"%PDF-1.4 test")


@pytest.mark.parametrize("name", ["", "tests/never-stored.jpg"])
def test_no_file_or_a_file_missing_from_storage_is_a_404(name):
    with pytest.raises(Http404):
        file_response(_stored(name), content_type="image/jpeg")
