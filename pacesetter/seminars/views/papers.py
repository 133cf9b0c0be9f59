"""Papers: submitted by an organisation's admin for an author, read (with author and
organisation) by their organisation's admins and county admins, replaced or withdrawn while
the window is open; county admins add and remove reviewers."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from pacesetter.orgs.forms import add_domain_error
from pacesetter.orgs.queries import members_visible_to, organizations_visible_to

from .. import domain
from .. import rules as s_rules
from ..enums import SeminarState
from ..forms import PaperEditForm, PaperForm, ReviewerForm
from ..queries import seminars_visible_to, submissions_visible_to, users_named
from .common import SeminarsMixin


class PaperNew(SeminarsMixin, View):
    template_name = "seminars/paper/new.html"

    def load(self, request, pk):
        self.seminar = get_object_or_404(seminars_visible_to(request.user), pk=pk)

    def check(self, user) -> bool:
        return s_rules.can_submit_for(user, None)

    def make_form(self, data=None, files=None):
        user = self.request.user
        return PaperForm(data, files, organizations=organizations_visible_to(user),
                         members=members_visible_to(user))

    def get(self, request, pk):
        return render(request, self.template_name, {"form": self.make_form(), "seminar": self.seminar})

    def post(self, request, pk):
        form = self.make_form(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                paper = domain.submit_paper(self.seminar, by=request.user, organization=data["organization"],
                                            member=data["member"], author_name=data["author_name"],
                                            title=data["title"], abstract=data["abstract"],
                                            document=data["document"])
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Paper %(code)s was submitted.") % {"code": paper.code})
                return redirect(paper.get_absolute_url())
        return render(request, self.template_name, {"form": form, "seminar": self.seminar}, status=400)


class _PaperPage(SeminarsMixin):
    def load(self, request, pk):
        self.paper = get_object_or_404(
            submissions_visible_to(request.user).select_related("seminar", "organization", "member"), pk=pk)


class PaperDetail(_PaperPage, TemplateView):
    template_name = "seminars/paper/detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, paper = self.request.user, self.paper
        manager = s_rules.can_manage_seminars(user)
        reviews = paper.reviews.select_related("reviewer").prefetch_related("scores__criterion") if manager else []
        changeable = paper.seminar.state == SeminarState.OPEN and paper.status == "submitted"
        ctx.update(paper=paper, seminar=paper.seminar, manager=manager, reviews=reviews,
                   can_change=changeable and s_rules.can_change_submission(user, paper),
                   can_assign=manager and paper.seminar.state in (SeminarState.OPEN, SeminarState.REVIEWING),
                   reviewer_form=kwargs.get("reviewer_form") or ReviewerForm(),
                   edit_form=PaperEditForm(initial={"title": paper.title, "abstract": paper.abstract}))
        return ctx


class PaperEdit(_PaperPage, View):
    template_name = "seminars/paper/edit.html"

    def check(self, user) -> bool:
        return s_rules.can_change_submission(user, self.paper)

    def get(self, request, pk):
        form = PaperEditForm(initial={"title": self.paper.title, "abstract": self.paper.abstract})
        return render(request, self.template_name, {"form": form, "paper": self.paper})

    def post(self, request, pk):
        form = PaperEditForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                domain.replace_paper(self.paper, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The paper was changed."))
                return redirect(self.paper.get_absolute_url())
        return render(request, self.template_name, {"form": form, "paper": self.paper}, status=400)


class PaperWithdraw(_PaperPage, View):
    def check(self, user) -> bool:
        return s_rules.can_change_submission(user, self.paper)

    def post(self, request, pk):
        try:
            domain.withdraw_paper(self.paper, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The paper was withdrawn."))
        return redirect(self.paper.get_absolute_url())


class PaperFile(_PaperPage, View):
    """The file under the uploader's name, for those who may see the author anyway."""

    def get(self, request, pk):
        response = FileResponse(self.paper.file.open("rb"), content_type=self.paper.content_type,
                                as_attachment=True, filename=self.paper.original_name)
        response["Cache-Control"] = "private, no-store"
        return response


class PaperReviewerAdd(_PaperPage, View):
    def check(self, user) -> bool:
        return s_rules.can_manage_seminars(user)

    def post(self, request, pk):
        form = ReviewerForm(request.POST)
        if form.is_valid():
            users, _unknown = users_named([form.cleaned_data["username"].strip()])
            if not users:
                form.add_error("username", _("No active user has this user name."))
            else:
                try:
                    domain.assign_reviewer(self.paper, by=request.user, reviewer=users[0])
                except ValidationError as error:
                    add_domain_error(form, error)
                else:
                    messages.success(request, _("%(user)s reviews this paper.") % {"user": users[0]})
                    return redirect(self.paper.get_absolute_url())
        view = PaperDetail(request=request, kwargs={"pk": pk}, paper=self.paper)
        return render(request, view.template_name, view.get_context_data(reviewer_form=form), status=400)
