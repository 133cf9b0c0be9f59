"""The replica router: dashboards' reads go to "replica" inside replica_reads(), nothing else does."""
import pytest
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.template import engines
from django.template.response import TemplateResponse
from django.test import RequestFactory
from django.views.generic import View

from pacesetter.core import dbrouter
from pacesetter.core.dbrouter import ReplicaRouter, dashboard_reads, replica_reads
from pacesetter.orgs.models import Organization



@pytest.fixture
def with_replica(monkeypatch):
    """As if DATABASE_REPLICA_URL were set (the router only asks whether "replica" exists)."""
    monkeypatch.setattr(dbrouter, "has_replica", lambda: True)


def test_reads_go_to_the_replica_only_inside_replica_reads(with_replica):
    router = ReplicaRouter()
    outside = router.db_for_read(Organization)
    with replica_reads():
        inside = router.db_for_read(Organization)
    assert (outside, inside, router.db_for_read(Organization)) == (None, "replica", None)


def test_writes_go_to_the_primary_even_inside_replica_reads(with_replica):
    with replica_reads():
        assert ReplicaRouter().db_for_write(Organization) == "default"


def test_migrations_run_on_the_primary_only():
    router = ReplicaRouter()
    assert (router.allow_migrate("default", "orgs"), router.allow_migrate("replica", "orgs")) == (True, False)


def test_relations_between_the_databases_are_allowed():
    assert ReplicaRouter().allow_relation(object(), object()) is True


def test_without_a_replica_configured_replica_reads_is_a_no_op():
    with replica_reads():
        assert (ReplicaRouter().db_for_read(Organization), dbrouter.reading_from_replica()) == (None, False)


def test_the_decorator_sets_the_context_during_a_get_and_resets_it(with_replica):
    seen = []

    @dashboard_reads
    def view(request):
        seen.append(dbrouter.reading_from_replica())
        return HttpResponse("ok")

    view(RequestFactory().get("/"))
    view(RequestFactory().post("/"))
    assert (seen, dbrouter.reading_from_replica()) == ([True, False], False)


def test_the_decorator_resets_the_context_when_the_view_raises(with_replica):

    @dashboard_reads
    def view(request):
        raise ValueError("boom")

    try:
        view(RequestFactory().get("/"))
    except ValueError:
        pass
    assert dbrouter.reading_from_replica() is False


def test_the_decorator_wraps_a_class_based_views_get(with_replica):
    seen = []

    @dashboard_reads
    class Board(View):
        def get(self, request):
            seen.append(dbrouter.reading_from_replica())
            return HttpResponse("ok")

        def post(self, request):
            seen.append(dbrouter.reading_from_replica())
            return HttpResponse("ok")

    Board.as_view()(RequestFactory().get("/"))
    Board.as_view()(RequestFactory().post("/"))
    assert seen == [True, False]


def test_a_template_response_is_rendered_while_reads_go_to_the_replica(with_replica):
    """Querysets in a TemplateView's context are evaluated when it renders: still inside the block."""
    rendered_inside = []

    class Probe:
        def __str__(self):
            rendered_inside.append(dbrouter.reading_from_replica())
            return "probe"

    template = engines["django"].from_string("{{ probe }}")

    @dashboard_reads
    def view(request):
        return TemplateResponse(request, template, {"probe": Probe()})

    response = view(RequestFactory().get("/"))
    assert (response.content, rendered_inside) == (b"probe", [True])


def test_the_project_routes_nothing_to_a_replica_in_tests(settings):
    with replica_reads():
        assert ("replica" in settings.DATABASES, dbrouter.has_replica(), get_user_model().objects.db) == (
            False, False, "default"
        )
