"""Forms of the exhibition pages. They read input; the domain functions check it, and each
refusal is shown on the field its code names (`show_domain_error`)."""
from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from pacesetter.commitments.forms import MultipleFileField
from pacesetter.core.uploads import PHOTO, accepted_extensions
from pacesetter.orgs.enums import Sector
from pacesetter.orgs.forms import BootstrapFormMixin, OrgCodeField

from .domain import MAX_PHOTOS
from .enums import PhotoStatus
from .models import Theme

ANY = [("", _("any"))]
DATE_WIDGET = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


def show_domain_error(form: forms.Form, error: ValidationError) -> None:
    """A refusal under the field its code starts with (`caption_required` → caption), else above."""
    code = getattr(error, "code", None) or ""
    field = "files" if code.startswith("file_") else next(
        (name for name in form.fields if code.startswith(f"{name}_")), None
    )
    form.add_error(field, ValidationError(error.messages))


class ThemeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, theme: Theme) -> str:
        return theme.name


class GalleryFilterForm(BootstrapFormMixin, forms.Form):
    """The public gallery's filters; townships are those with published photos."""

    theme = ThemeChoiceField(label=_("Theme"), queryset=Theme.objects.all(), required=False, empty_label=_("any"))
    township = forms.ChoiceField(label=_("Township"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False, choices=ANY + list(Sector.choices))

    def __init__(self, *args, townships: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].choices = ANY + [(t, t) for t in townships]

    def apply(self, photos):
        if not self.is_valid():
            return photos.none()
        data = self.cleaned_data
        if data["theme"]:
            photos = photos.filter(theme=data["theme"])
        if data["township"]:
            photos = photos.filter(organization__township=data["township"])
        if data["sector"]:
            photos = photos.filter(organization__sector=data["sector"])
        return photos

    @property
    def is_active(self) -> bool:
        return any(self.data.get(name) for name in self.fields)


class ManageFilterForm(BootstrapFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Moderation"), required=False, choices=ANY + list(PhotoStatus.choices))
    theme = ThemeChoiceField(label=_("Theme"), queryset=Theme.objects.all(), required=False, empty_label=_("any"))

    def apply(self, photos):
        if not self.is_valid():
            return photos.none()
        if self.cleaned_data["status"]:
            photos = photos.filter(status=self.cleaned_data["status"])
        if self.cleaned_data["theme"]:
            photos = photos.filter(theme=self.cleaned_data["theme"])
        return photos

    @property
    def is_active(self) -> bool:
        return any(self.data.get(name) for name in self.fields)


class UploadForm(BootstrapFormMixin, forms.Form):
    organization = OrgCodeField(label=_("Organisation (code)"))
    theme = ThemeChoiceField(label=_("Theme"), queryset=Theme.objects.filter(is_active=True))
    caption = forms.CharField(label=_("Caption"), max_length=200)
    place = forms.CharField(label=_("Place"), max_length=100, required=False)
    taken_on = forms.DateField(label=_("Date taken"), **DATE_WIDGET)
    files = MultipleFileField(label=_("Photos"))

    def __init__(self, *args, editable_orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = editable_orgs
        accept = [f".{e}" for e in accepted_extensions((PHOTO,))]
        self.fields["files"].widget.attrs["accept"] = ",".join(accept + ["image/jpeg", "image/png", "image/webp"])
        self.fields["files"].help_text = _(
            "Up to %(n)d photos, each at most %(size)s (%(types)s). Location and camera data are removed."
        ) % {"n": MAX_PHOTOS, "size": filesizeformat(settings.EVIDENCE_MAX_BYTES), "types": ", ".join(accept)}


class RejectForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class ThemeForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=50)
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=32767, initial=0)
    is_active = forms.BooleanField(label=_("Open for uploads"), required=False, initial=True)
