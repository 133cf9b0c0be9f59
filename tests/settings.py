"""Test settings: the real settings with fast hashing and no HTTPS redirects."""
import os
import tempfile

os.environ.setdefault("PACESETTER_VAR_DIR", tempfile.mkdtemp(prefix="pacesetter-test-var-"))

from pacesetter.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
MEDIA_ROOT = tempfile.mkdtemp(prefix="pacesetter-test-media-")
LANGUAGE_CODE = "zh-hans"
STATIC_ROOT = tempfile.mkdtemp(prefix="pacesetter-test-static-")
WHITENOISE_AUTOREFRESH = True
