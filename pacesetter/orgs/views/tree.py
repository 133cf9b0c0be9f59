"""The organisation tree: visible roots, children loaded with htmx, search by name or code."""
from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views import View
from django.views.generic import TemplateView

from ..enums import OrgStatus
from ..queries import (
    ancestor_paths,
    ancestors_by_path,
    annotate_direct_member_count,
    organizations_visible_to,
    search_organizations,
    visible_roots,
)
from .common import CappedPaginator, children_page, positive_int, with_ancestors

SEARCH_PER_PAGE = 25


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
            with_ancestors(page.object_list, visible)
            ctx.update(page=page, query_string=urlencode({"q": q, **({"archived": "1"} if archived else {})}))
            return ctx
        roots = list(annotate_direct_member_count(visible_roots(user)))
        chain = self._open_chain(visible, roots, params.get("open", "").strip())
        level = roots
        for node in chain:
            node = next((n for n in level if n.pk == node.pk), None)
            if node is None or not node.numchild:
                break
            node.children_page = children_page(node, archived=archived)
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
        page = children_page(parent, archived=archived, number=positive_int(request.GET.get("page")))
        return render(
            request,
            "orgs/organization/tree.html#children",
            {"child_page": page, "archived": archived, "archived_query": "archived=1" if archived else ""},
        )
