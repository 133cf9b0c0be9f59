"""A draft round's parts: its subjects (organisations and named persons) and its voter groups.

Each page shows its forms on GET; a POST names its `action`, succeeds with a redirect to the
round's page, or shows the form again with what was wrong (the domain's refusal included).
"""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from pacesetter.orgs.forms import add_domain_error
from pacesetter.orgs.queries import members_visible_to, organizations_visible_to

from ... import domain
from ...forms import (
    AddOrganizationsForm,
    AddOrganizationsUnderForm,
    AddPersonsForm,
    RemoveGroupForm,
    RemoveSubjectForm,
    RoundGroupForm,
)
from ...models import RoundGroup
from ...queries import subjects_visible_to
from .common import RoundMixin, flash_error


def _added(request, subjects: list) -> None:
    n = len(subjects)
    message = ngettext("%(n)d subject given is now in the round.", "%(n)d subjects given are now in the round.", n)
    messages.success(request, message % {"n": n})


class RoundSubjects(RoundMixin, View):
    manage = True
    template_name = "evaluation/setup/round/subjects.html"
    #: action → (form class, context name)
    FORMS = {
        "organizations": (AddOrganizationsForm, "organizations_form"),
        "under": (AddOrganizationsUnderForm, "under_form"),
        "persons": (AddPersonsForm, "persons_form"),
    }

    def form_kwargs(self) -> dict:
        user = self.request.user
        return {"visible_orgs": organizations_visible_to(user), "visible_members": members_visible_to(user)}

    def render_page(self, bound=None, action: str = "", status: int = 200):
        subjects = subjects_visible_to(self.request.user).filter(round=self.round)
        context = {"round": self.round, "subject_count": subjects.count()}
        for name, (form_class, key) in self.FORMS.items():
            context[key] = bound if name == action else form_class(prefix=name, **self.form_kwargs())
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        return self.render_page()

    def post(self, request, pk):
        action = request.POST.get("action", "")
        if action == "remove":
            return self.remove()
        if action not in self.FORMS:
            messages.error(request, _("Choose what to add."))
            return self.render_page()
        form = self.FORMS[action][0](request.POST, prefix=action, **self.form_kwargs())
        if form.is_valid():
            try:
                subjects = self.add(action, form.cleaned_data)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                _added(request, subjects)
                return redirect("evaluation:round", pk=self.round.pk)
        return self.render_page(form, action)

    def add(self, action: str, data: dict) -> list:
        by = self.request.user
        if action == "organizations":
            return domain.add_subjects(self.round, organizations=data["codes"], by=by)
        if action == "under":
            return domain.add_subjects(self.round, organizations=data["organizations"], by=by)
        return domain.add_person_subjects(self.round, members=data["codes"], role_title=data["role_title"], by=by)

    def remove(self):
        subjects = (
            subjects_visible_to(self.request.user).filter(round=self.round).select_related("organization", "member")
        )
        form = RemoveSubjectForm(self.request.POST, subjects=subjects)
        if not form.is_valid():
            messages.error(self.request, _("That subject is not part of this round."))
        else:
            subject = form.cleaned_data["subject"]
            try:
                domain.remove_subject(subject, by=self.request.user)
            except ValidationError as error:
                flash_error(self.request, error)
            else:
                message = _("“%(subject)s” was taken out of the round.")
                messages.success(self.request, message % {"subject": subject.label})
        return redirect("evaluation:round", pk=self.round.pk)


class RoundGroups(RoundMixin, View):
    manage = True
    template_name = "evaluation/setup/round/groups.html"

    def render_page(self, form=None):
        groups = list(RoundGroup.objects.filter(round=self.round).select_related("voter_group").order_by("id"))
        taking_part = {g.voter_group_id: g for g in groups}
        scheme_groups = list(self.round.scheme.groups.all())
        for voter_group in scheme_groups:
            voter_group.round_group = taking_part.get(voter_group.pk)
        context = {
            "round": self.round, "scheme_groups": scheme_groups,
            "form": form or RoundGroupForm(round_=self.round),
        }
        return render(self.request, self.template_name, context)

    def get(self, request, pk):
        return self.render_page()

    def post(self, request, pk):
        if request.POST.get("action") == "remove":
            return self.remove()
        form = RoundGroupForm(request.POST, round_=self.round)
        if form.is_valid():
            try:
                domain.add_group(
                    self.round, voter_group=form.cleaned_data["voter_group"], expected=form.cleaned_data["expected"],
                    by=request.user,
                )
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request, _("%(group)s: %(n)d ballots expected per subject.")
                    % {"group": form.cleaned_data["voter_group"], "n": form.cleaned_data["expected"]},
                )
                return redirect("evaluation:round", pk=self.round.pk)
        return self.render_page(form)

    def remove(self):
        form = RemoveGroupForm(self.request.POST, round_=self.round)
        if not form.is_valid():
            messages.error(self.request, _("That voter group does not take part in this round."))
        else:
            group = form.cleaned_data["group"]
            try:
                domain.remove_group(group, by=self.request.user)
            except ValidationError as error:
                flash_error(self.request, error)
            else:
                message = _("%(group)s no longer votes in this round.")
                messages.success(self.request, message % {"group": group.voter_group})
        return redirect("evaluation:round", pk=self.round.pk)
