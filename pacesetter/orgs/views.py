"""Pages of the organisation base: tree, lists, details and the forms that change them.

Every object is loaded through the user's visible queryset (invisible == missing == 404);
changes are checked with the rules predicates (403) and made by the domain functions.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from . import domain
from . import rules as org_rules
from .enums import OrgStatus
from .filters import LeaderFilter, MemberFilter, OrganizationFilter
from .forms import (
    MemberForm,
    OrganizationDissolveForm,
    OrganizationForm,
    OrganizationMergeForm,
    OrganizationMoveForm,
    add_domain_error,
)
from .models import Organization
from .queries import (
    ancestor_paths,
    ancestors_by_path,
    annotate_direct_member_count,
    leaders_visible_to,
    members_visible_to,
    organizations_visible_to,
    search_organizations,
    subtree_q,
    visible_children,
    visible_roots,
)

CHILDREN_PER_PAGE = 100
SEARCH_PER_PAGE = 25
LIST_PER_PAGE = 50
DETAIL_MEMBERS = 20
COUNT_CAP = 100_000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CappedPaginator(Paginator):
    """Pagination that costs the same for a branch and for a province.

    The count stops at `cap` + 1 rows (past it the page says "more than …" and a filter
    narrows the list), and a page is read in two steps: the keys of its rows in sort order
    (a narrow query the database answers from its indexes), then those rows with their
    joins and annotations. Sorting whole rows of 3 million members to keep 50 was the cost.
    """

    def __init__(self, object_list, per_page, *, cap: int | None = None):
        super().__init__(object_list, per_page)
        self.cap = COUNT_CAP if cap is None else cap

    @cached_property
    def count(self) -> int:
        # Only the keys: the page's annotations (member counts, joins) must not run per row here.
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        keys = list(self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        rows = {row.pk: row for row in self.object_list.order_by().filter(pk__in=keys)} if keys else {}
        return self._get_page([rows[key] for key in keys if key in rows], number, self)


def _positive_int(value, default: int = 1) -> int:
    try:
        return max(int(value), 1)
    except (TypeError, ValueError):
        return default


def _with_ancestors(orgs, visible) -> None:
    """Give each organisation its visible ancestors (`ancestor_list`, top first): one query for all."""
    found = ancestors_by_path([org.path for org in orgs], visible)
    for org in orgs:
        org.ancestor_list = [found[p] for p in ancestor_paths(org.path) if p in found]


# --- Tree -----------------------------------------------------------------------------


@dataclass
class ChildPage:
    """One page of a node's children; `has_more` is known from one extra row, not a COUNT."""

    parent: Organization
    items: list
    number: int
    has_more: bool

    @property
    def next_number(self) -> int:
        return self.number + 1


def _children_page(parent, *, archived: bool, number: int = 1) -> ChildPage:
    """`parent` must come from the user's visible queryset (its subtree is then visible too)."""
    start = (number - 1) * CHILDREN_PER_PAGE
    qs = annotate_direct_member_count(visible_children(parent, include_archived=archived))
    rows = list(qs[start : start + CHILDREN_PER_PAGE + 1])
    return ChildPage(parent, rows[:CHILDREN_PER_PAGE], number, len(rows) > CHILDREN_PER_PAGE)


class OrganizationTree(LoginRequiredMixin, TemplateView):
    """The tree from the user's visible roots; `?q=` turns it into a flat search.

    Without JavaScript a node's toggle is a link to `?open=<code>`, which renders the tree
    with the path down to that node opened.
    """

    template_name = "orgs/organization/tree.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        params = self.request.GET
        archived = params.get("archived") == "1"
        visible = organizations_visible_to(user)
        q = params.get("q", "").strip()
        ctx.update(q=q, archived=archived, archived_query="archived=1" if archived else "")
        if q:
            results = search_organizations(visible, q)
            if not archived:
                results = results.filter(status=OrgStatus.ACTIVE)
            results = annotate_direct_member_count(results.order_by("path"))
            page = CappedPaginator(results, SEARCH_PER_PAGE).get_page(params.get("page"))
            _with_ancestors(page.object_list, visible)
            ctx.update(page=page, query_string=urlencode({"q": q, **({"archived": "1"} if archived else {})}))
            return ctx
        roots = list(annotate_direct_member_count(visible_roots(user)))
        chain = self._open_chain(visible, roots, params.get("open", "").strip())
        level = roots
        for node in chain:
            node = next((n for n in level if n.pk == node.pk), None)
            if node is None or not node.numchild:
                break
            node.children_page = _children_page(node, archived=archived)
            level = node.children_page.items
        ctx["roots"] = roots
        return ctx

    @staticmethod
    def _open_chain(visible, roots, code):
        """The nodes to open, top first: down to `?open=`, or the only root when there is one."""
        if not code:
            return roots[:1] if len(roots) == 1 else []
        target = get_object_or_404(visible, code=code)
        found = ancestors_by_path([target.path], visible)
        return [found[p] for p in ancestor_paths(target.path) if p in found] + [target]


class OrganizationTreeChildren(LoginRequiredMixin, View):
    """A node's children, one page: the htmx partial, or the tree opened there without htmx."""

    def get(self, request, code):
        visible = organizations_visible_to(request.user)
        parent = get_object_or_404(visible, code=code)
        archived = request.GET.get("archived") == "1"
        if not request.htmx:
            query = {"open": parent.code, **({"archived": "1"} if archived else {})}
            return HttpResponseRedirect(f"{reverse('orgs:tree')}?{urlencode(query)}")
        page = _children_page(parent, archived=archived, number=_positive_int(request.GET.get("page")))
        return render(
            request,
            "orgs/organization/tree.html#children",
            {"child_page": page, "archived": archived, "archived_query": "archived=1" if archived else ""},
        )


# --- Lists and exports ---------------------------------------------------------------


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
    # Imported here: the spreadsheet machinery is heavy and only export-related requests need it.
    from .importing import may_import

    return may_import(user, kind)


class ListExport(LoginRequiredMixin, View):
    """The same filtered rows as the list page, as .xlsx in the import columns.

    Only for users who may import them: an export carries whole phone numbers.
    """

    list_view = None
    kind = ""

    def get(self, request):
        if not _may_export(request.user, self.kind):
            raise PermissionDenied
        from .importing import export_xlsx

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


# --- Organisation detail and actions --------------------------------------------------


class OrganizationDetail(LoginRequiredMixin, TemplateView):
    template_name = "orgs/organization/detail.html"

    def get_context_data(self, code, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        visible = organizations_visible_to(user)
        org = get_object_or_404(visible, code=code)
        _with_ancestors([org], visible)
        members = members_visible_to(user)
        direct_members = members.filter(organization=org)
        merged_into = None
        if org.merged_into_id:
            merged_into = visible.filter(pk=org.merged_into_id).first()
        ctx.update(
            org=org,
            child_page=_children_page(org, archived=True),
            members=list(direct_members.order_by("code")[:DETAIL_MEMBERS]),
            direct_member_count=direct_members.count(),
            subtree_member_count=members.filter(subtree_q(org.path, "organization__path")).count(),
            merged_into=merged_into,
            can_edit=org_rules.can_edit_organization(user, org),
            member_list_url=f"{reverse('orgs:member-list')}?{urlencode({'org': org.code})}",
        )
        return ctx


class OrganizationAction(LoginRequiredMixin, View):
    """GET shows the form, POST hands it to a domain function; editing rights required (403)."""

    template_name = ""
    form_class = None
    success_message = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.visible = organizations_visible_to(request.user)
        self.org = get_object_or_404(self.visible, code=kwargs["code"])
        if not org_rules.can_edit_organization(request.user, self.org):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_kwargs(self) -> dict:
        return {"visible_orgs": self.visible}

    def get(self, request, code):
        return self.render_form(self.form_class(**self.form_kwargs()))

    def post(self, request, code):
        form = self.form_class(request.POST, **self.form_kwargs())
        if form.is_valid():
            try:
                result = self.perform(form)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, self.success_message % {"name": result.name})
                return redirect(self.success_url(result))
        return self.render_form(form)

    def render_form(self, form):
        _with_ancestors([self.org], self.visible)
        return render(self.request, self.template_name, {"org": self.org, "form": form, "action": self})

    def success_url(self, result) -> str:
        return result.get_absolute_url()


class OrganizationCreate(OrganizationAction):
    """A new organisation under this one."""

    template_name = "orgs/organization/form.html"
    form_class = OrganizationForm
    success_message = gettext_lazy("Organisation “%(name)s” was created.")

    def form_kwargs(self):
        initial = {"sector": self.org.sector, "township": self.org.township}
        return {"initial": initial}

    def perform(self, form):
        return domain.create_organization(parent=self.org, by=self.request.user, **form.cleaned_data)


class OrganizationEdit(OrganizationAction):
    template_name = "orgs/organization/form.html"
    form_class = OrganizationForm
    success_message = gettext_lazy("Organisation “%(name)s” was saved.")

    def form_kwargs(self):
        # A copy: the form writes its input into the instance, the page keeps showing the saved one.
        return {"instance": copy.copy(self.org)}

    def perform(self, form):
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        return domain.update_organization(self.org, by=self.request.user, **changes)


class OrganizationMove(OrganizationAction):
    template_name = "orgs/organization/move.html"
    form_class = OrganizationMoveForm
    success_message = gettext_lazy("Organisation “%(name)s” was moved.")

    def perform(self, form):
        return domain.move_organization(self.org, new_parent=form.cleaned_data["new_parent"], by=self.request.user)


class OrganizationMerge(OrganizationAction):
    template_name = "orgs/organization/merge.html"
    form_class = OrganizationMergeForm
    success_message = gettext_lazy("Organisation “%(name)s” was merged.")

    def perform(self, form):
        return domain.merge_organization(self.org, into=form.cleaned_data["into"], by=self.request.user)


class OrganizationDissolve(OrganizationAction):
    template_name = "orgs/organization/dissolve.html"
    form_class = OrganizationDissolveForm
    success_message = gettext_lazy("Organisation “%(name)s” was dissolved.")

    def perform(self, form):
        return domain.dissolve_organization(
            self.org, by=self.request.user, transfer_members_to=form.cleaned_data["transfer_members_to"]
        )


class MemberCreate(OrganizationAction):
    """A new member of this organisation."""

    template_name = "orgs/member/form.html"
    form_class = MemberForm
    success_message = gettext_lazy("Member “%(name)s” was added.")

    def form_kwargs(self):
        return {"visible_orgs": self.visible, "initial": {"organization": self.org.code}}

    def perform(self, form):
        return domain.create_member(by=self.request.user, **form.cleaned_data)

    def success_url(self, result):
        return reverse("orgs:member-detail", kwargs={"code": result.code})


# --- Members ---------------------------------------------------------------------------


class MemberDetail(LoginRequiredMixin, TemplateView):
    template_name = "orgs/member/detail.html"

    def get_context_data(self, code, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        member = get_object_or_404(members_visible_to(user).select_related("organization"), code=code)
        _with_ancestors([member.organization], organizations_visible_to(user))
        ctx.update(member=member, org=member.organization, can_edit=org_rules.can_edit_member(user, member))
        return ctx


class MemberEdit(LoginRequiredMixin, View):
    template_name = "orgs/member/form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        members = members_visible_to(request.user).select_related("organization")
        self.member = get_object_or_404(members, code=kwargs["code"])
        if not org_rules.can_edit_member(request.user, self.member):
            raise PermissionDenied
        self.visible = organizations_visible_to(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, code):
        return self.render_form(MemberForm(instance=copy.copy(self.member), visible_orgs=self.visible))

    def post(self, request, code):
        # A copy: the form writes its input into the instance, the page keeps showing the saved one.
        form = MemberForm(request.POST, instance=copy.copy(self.member), visible_orgs=self.visible)
        if form.is_valid():
            changes = {name: form.cleaned_data[name] for name in form.changed_data}
            try:
                member = domain.update_member(self.member, by=request.user, **changes)
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Member “%(name)s” was saved.") % {"name": member.name})
                return redirect("orgs:member-detail", code=member.code)
        return self.render_form(form)

    def render_form(self, form):
        org = self.member.organization
        _with_ancestors([org], self.visible)
        return render(self.request, self.template_name, {"org": org, "member": self.member, "form": form})
