"""Base models and the append-only, hash-chained audit log."""
from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class StoredUpload(models.Model):
    """What is kept of a file that passed core.uploads.check_upload (an evidence photo or
    document). Subclasses declare `kind`, `file` and `thumbnail`, with their own upload paths,
    and the record the file belongs to."""

    original_name = models.CharField(_("file name"), max_length=200)
    extension = models.CharField(_("type"), max_length=10)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name

    @classmethod
    def store(cls, checked: Iterable, **owner) -> list:
        """Save each CheckedUpload's file (and thumbnail) and its row, belonging to `owner`."""
        stored = []
        for upload in checked:
            row = cls(kind=upload.kind, original_name=upload.original_name, extension=upload.extension,
                      content_type=upload.content_type, size=upload.size, sha256=upload.sha256,
                      width=upload.width, height=upload.height, **owner)
            row.file.save(f"evidence.{upload.extension}", upload.file, save=False)
            if upload.thumbnail is not None:
                row.thumbnail.save("thumb.jpg", upload.thumbnail, save=False)
            row.save()
            stored.append(row)
        return stored


class AuditEntry(models.Model):
    """One write made through a domain function. Rows are only ever added.

    `hash` = sha256(prev_hash + canonical JSON of the entry); `core.audit.verify_chain`
    recomputes the chain, so an edited or deleted row is found.
    """

    at = models.DateTimeField(_("time"), db_index=True)
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True)
    actor_name = models.CharField(_("actor"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise RuntimeError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("audit entries are append-only")


class AuditHead(models.Model):
    """The chain's head: one row, locked by every append so entries form a single line."""

    count = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("audit head")


class RateBucket(models.Model):
    """How often one key (an HMAC of a scope and an address) acted in a time window:
    the public forms' rate limit, kept in the database every app process shares."""

    key_hash = models.CharField(max_length=64)
    window = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("rate-limit bucket")
        verbose_name_plural = _("rate-limit buckets")
        constraints = [models.UniqueConstraint(fields=["key_hash", "window"], name="ratebucket_key_window_uniq")]
