"""Member, leader and organisation lists with their filters, and their .xlsx exports."""
from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from pacesetter.core.xlsx import XLSX_TYPE

from ..filters import LeaderFilter, MemberFilter, OrganizationFilter
from ..queries import (
    annotate_direct_member_count,
    leaders_visible_to,
    members_visible_to,
    organizations_visible_to,
)
from .common import CappedPaginator

LIST_PER_PAGE = 50


class FilteredList(LoginRequiredMixin, TemplateView):
    """A paginated, filtered list of one kind of row inside the user's view.

    Subclasses give `base_queryset()`, the scoped queryset; `decorate()` adds what only
    the page needs (joins, counts), so exports get the bare filtered rows.
    """

    filter_class = None
    ordering = ("code",)
    export_url_name = ""
    export_kind = ""

    def decorate(self, qs):
        return qs

    def filtered(self):
        visible = organizations_visible_to(self.request.user)
        self.filter = self.filter_class(self.request.GET, visible_orgs=visible)
        return self.filter.apply(self.base_queryset()).order_by(*self.ordering)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        qs = self.decorate(self.filtered())
        page = CappedPaginator(qs, LIST_PER_PAGE).get_page(self.request.GET.get("page"))
        query_string = self.filter.querystring()
        ctx.update(
            filter=self.filter,
            page=page,
            query_string=query_string,
            can_export=_may_export(self.request.user, self.export_kind),
            export_url=f"{reverse(self.export_url_name)}?{query_string}",
        )
        return ctx


class MemberList(FilteredList):
    template_name = "orgs/member/list.html"
    filter_class = MemberFilter
    export_url_name = "orgs:member-export"
    export_kind = "members"

    def base_queryset(self):
        return members_visible_to(self.request.user)

    def decorate(self, qs):
        return qs.select_related("organization")


class LeaderList(FilteredList):
    template_name = "orgs/leader/list.html"
    filter_class = LeaderFilter
    export_url_name = "orgs:leader-export"
    export_kind = "leaders"

    def base_queryset(self):
        return leaders_visible_to(self.request.user)

    def decorate(self, qs):
        return qs.select_related("organization")


class OrganizationList(FilteredList):
    template_name = "orgs/organization/list.html"
    filter_class = OrganizationFilter
    ordering = ("path",)
    export_url_name = "orgs:organization-export"
    export_kind = "organizations"

    def base_queryset(self):
        return organizations_visible_to(self.request.user)

    def decorate(self, qs):
        return annotate_direct_member_count(qs)


def _may_export(user, kind: str) -> bool:
    # Imported when first needed: the spreadsheet machinery (openpyxl) is heavy for other pages.
    from ..importing import may_import

    return may_import(user, kind)


class ListExport(LoginRequiredMixin, View):
    """The same filtered rows as the list page, as .xlsx in the import columns.

    Only for users who may import them: an export carries whole phone numbers.
    """

    list_view = None
    kind = ""

    def post(self, request):
        """A big export: the background worker writes the file; the job's page offers it.
        The filters are the list's, in the query string the form posts to."""
        if not _may_export(request.user, self.kind):
            raise PermissionDenied
        from pacesetter.jobs.domain import start_job

        job = start_job("orgs.export", by=request.user, params={"kind": self.kind, "query": request.GET.urlencode()})
        return HttpResponseRedirect(job.get_absolute_url())

    def get(self, request):
        if not _may_export(request.user, self.kind):
            raise PermissionDenied
        from ..importing import export_xlsx

        view = self.list_view()
        view.setup(request)
        filename = f"{self.kind}-{timezone.localdate():%Y%m%d}.xlsx"
        return HttpResponse(
            export_xlsx(self.kind, view.filtered(), by=request.user),
            content_type=XLSX_TYPE,
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )


class MemberExport(ListExport):
    list_view = MemberList
    kind = "members"


class LeaderExport(ListExport):
    list_view = LeaderList
    kind = "leaders"


class OrganizationExport(ListExport):
    list_view = OrganizationList
    kind = "organizations"
