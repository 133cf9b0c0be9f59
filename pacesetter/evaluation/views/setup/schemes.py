"""Scheme pages: the list, one scheme, the form with its indicator and voter-group rows."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from pacesetter.orgs.views.common import CappedPaginator

from ... import domain
from ... import rules as ev_rules
from ...forms import SchemeFilter, option_points_text, row_errors, scheme_formsets
from .common import PER_PAGE, SchemeMixin, error_text, flash_error, rounds_visible_to, schemes_visible_to


class SchemeList(LoginRequiredMixin, TemplateView):
    template_name = "evaluation/setup/scheme/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        filter_ = SchemeFilter(self.request.GET)
        qs = filter_.apply(schemes_visible_to(user)).order_by("name", "id").annotate(
            indicator_count=Count("indicators", distinct=True), group_count=Count("groups", distinct=True)
        )
        ctx.update(
            filter=filter_,
            page=CappedPaginator(qs, PER_PAGE).get_page(self.request.GET.get("page")),
            query_string=filter_.querystring(),
            can_manage=ev_rules.can_manage_schemes(user),
        )
        return ctx


class SchemeDetail(SchemeMixin, TemplateView):
    template_name = "evaluation/setup/scheme/detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        scheme = self.scheme
        indicators = list(scheme.indicators.all())
        for indicator in indicators:
            indicator.options_text = option_points_text(indicator.scale, indicator.points)
        rounds = rounds_visible_to(self.request.user).filter(scheme=scheme).order_by("-opens_at", "-id")
        can_manage = ev_rules.can_manage_schemes(self.request.user)
        ctx.update(
            scheme=scheme,
            indicators=indicators,
            groups=list(scheme.groups.all()),
            rounds=list(rounds[:PER_PAGE]),
            more_rounds=rounds.count() > PER_PAGE,
            # The reason names the round that locked it, which may lie outside a reader's view.
            lock_reason=domain.scheme_lock_reason(scheme) if can_manage else None,
            can_manage=can_manage,
        )
        return ctx


class _SchemeFormView(View):
    """GET shows the scheme form with its rows; POST checks them and hands them to the domain."""

    template_name = "evaluation/setup/scheme/form.html"
    scheme = None

    def render_form(self, form, indicators, groups, *, domain_error: str = "", status: int = 200):
        errors = [str(e) for e in form.non_field_errors()]
        errors += [
            f"{form.fields[name].label}: {e}" for name, errs in form.errors.items() if name != "__all__" for e in errs
        ]
        errors += row_errors(indicators, _("Indicator")) + row_errors(groups, _("Voter group"))
        if domain_error:
            errors.append(domain_error)
        context = {
            "scheme": self.scheme, "form": form, "indicators": indicators, "groups": groups, "errors": errors,
            "lock_reason": domain.scheme_lock_reason(self.scheme) if self.scheme else None,
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_form(*scheme_formsets(scheme=self.scheme))

    def post(self, request, *args, **kwargs):
        form, indicators, groups = scheme_formsets(request.POST, scheme=self.scheme)
        if all([form.is_valid(), indicators.is_valid(), groups.is_valid()]):
            try:
                scheme = self.save(form.cleaned_data, indicators.rows(), groups.rows())
            except ValidationError as error:
                return self.render_form(form, indicators, groups, domain_error=error_text(error))
            messages.success(request, _("The scheme “%(name)s” was saved.") % {"name": scheme.name})
            return redirect("evaluation:scheme", pk=scheme.pk)
        return self.render_form(form, indicators, groups)


class SchemeCreate(LoginRequiredMixin, _SchemeFormView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not ev_rules.can_manage_schemes(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def save(self, data, indicators, groups):
        return domain.create_scheme(
            name=data["name"], sector=data["sector"], kind=data["kind"], indicators=indicators, groups=groups,
            by=self.request.user,
        )


class SchemeEdit(SchemeMixin, _SchemeFormView):
    manage = True

    def save(self, data, indicators, groups):
        return domain.update_scheme(
            self.scheme, name=data["name"], sector=data["sector"], kind=data["kind"], indicators=indicators,
            groups=groups, by=self.request.user,
        )


class SchemeActivate(SchemeMixin, View):
    """POST: a draft scheme becomes usable by rounds."""

    manage = True
    http_method_names = ["post"]

    def post(self, request, pk):
        try:
            domain.activate_scheme(self.scheme, by=request.user)
        except ValidationError as error:
            flash_error(request, error)
        else:
            message = _("The scheme “%(name)s” is active: rounds can use it.")
            messages.success(request, message % {"name": self.scheme.name})
        return redirect(reverse("evaluation:scheme", args=[self.scheme.pk]))
