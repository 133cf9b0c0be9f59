"""The inbox: a user's own notifications, marking them read (htmx swaps the row and the
navbar badge), and opening one (marked read, then its link)."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import TemplateView

from . import domain
from .forms import InboxFilter
from .queries import notifications_visible_to, unread_first

PER_PAGE = 25


def _safe(request, url: str) -> str | None:
    """`url` when it stays on this site, else None."""
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
        return url
    return None


def _back(request):
    return redirect(_safe(request, request.POST.get("next", "")) or reverse("notifications:notification-list"))


class NotificationList(LoginRequiredMixin, TemplateView):
    template_name = "notifications/notification/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        filter_ = InboxFilter(self.request.GET)
        qs = unread_first(filter_.apply(notifications_visible_to(self.request.user)))
        ctx.update(
            filter=filter_,
            page=Paginator(qs, PER_PAGE).get_page(self.request.GET.get("page")),
            query_string=filter_.querystring(),
        )
        return ctx


class NotificationRead(LoginRequiredMixin, View):
    """POST: mark one read. htmx gets the row and the badge back; a plain form goes back to
    the list, or with `open` to the notification's link."""

    http_method_names = ["post"]

    def post(self, request, pk):
        notification = get_object_or_404(notifications_visible_to(request.user), pk=pk)
        domain.mark_read(notification, by=request.user)
        if request.htmx:
            context = {"notification": notification, "next": request.htmx.current_url_abs_path or ""}
            return render(request, "notifications/notification/_read.html", context)
        if request.POST.get("open") and (link := _safe(request, notification.url)):
            return redirect(link)
        return _back(request)


class NotificationReadAll(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        count = domain.mark_all_read(request.user, by=request.user)
        if count:
            message = ngettext("%(n)d notification marked as read.", "%(n)d notifications marked as read.", count)
            messages.success(request, message % {"n": count})
        return _back(request)
