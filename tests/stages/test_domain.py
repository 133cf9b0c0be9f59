"""Setting up stages and tasks, copying them, marking tasks done and sending them back."""
import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from pacesetter.campaigns.enums import CampaignStatus
from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.core.models import AuditEntry
from pacesetter.evaluation.enums import RoundKind, RoundState
from pacesetter.evaluation.models import Round, RoundSubject, Scheme
from pacesetter.stages import checks, domain
from pacesetter.stages.enums import StageKind
from pacesetter.stages.models import Stage, StageTask

from .world import D, build, make_campaign, make_stages, publish


def refusal(call) -> dict:
    with translation.override("en"), pytest.raises(DomainError) as raised:
        call()
    return {field: [str(m) for e in errors for m in e.messages] for field, errors in raised.value.error_dict.items()}


@pytest.fixture
def campaign(db):
    return make_campaign()


def test_stage_before_the_campaign_names_starts_on(tree, campaign):
    got = refusal(lambda: domain.create_stage(campaign, by=tree.users.county_admin, kind=StageKind.MOBILISE,
                                              starts_on=D(2026, 2, 1), ends_on=D(2026, 3, 31)))
    assert got == {"starts_on": ["The stage cannot start before the campaign (2026-03-01)."]}


def test_stage_after_the_campaign_names_ends_on(tree, campaign):
    got = refusal(lambda: domain.create_stage(campaign, by=tree.users.county_admin, kind=StageKind.SUMMARISE,
                                              starts_on=D(2026, 11, 1), ends_on=D(2027, 1, 15)))
    assert got == {"ends_on": ["The stage cannot end after the campaign (2026-12-31)."]}


def test_stage_ending_before_it_starts_names_ends_on(tree, campaign):
    got = refusal(lambda: domain.create_stage(campaign, by=tree.users.county_admin, kind=StageKind.MOBILISE,
                                              starts_on=D(2026, 3, 10), ends_on=D(2026, 3, 9)))
    assert got == {"ends_on": ["The stage cannot end before it starts."]}


def test_stage_overlapping_the_one_before_names_starts_on(tree, campaign):
    admin = tree.users.county_admin
    domain.create_stage(campaign, by=admin, kind=StageKind.MOBILISE, starts_on=D(2026, 3, 1), ends_on=D(2026, 3, 31))
    got = refusal(lambda: domain.create_stage(campaign, by=admin, kind=StageKind.IMPLEMENT,
                                              starts_on=D(2026, 3, 31), ends_on=D(2026, 10, 31)))
    assert got == {"starts_on": ["The stage must start after “mobilise and deploy (动员部署)” ends (2026-03-31)."]}


def test_stage_out_of_order_names_ends_on(tree, campaign):
    admin = tree.users.county_admin
    domain.create_stage(campaign, by=admin, kind=StageKind.SUMMARISE, starts_on=D(2026, 5, 1), ends_on=D(2026, 6, 30))
    got = refusal(lambda: domain.create_stage(campaign, by=admin, kind=StageKind.IMPLEMENT,
                                              starts_on=D(2026, 4, 1), ends_on=D(2026, 8, 31)))
    assert got == {"ends_on": ["The stage must end before “summarise and commend (总结表彰)” starts (2026-05-01)."]}


def test_stage_twice_is_refused(tree, campaign):
    admin = tree.users.county_admin
    domain.create_stage(campaign, by=admin, kind=StageKind.MOBILISE, starts_on=D(2026, 3, 1), ends_on=D(2026, 3, 31))
    got = refusal(lambda: domain.create_stage(campaign, by=admin, kind=StageKind.MOBILISE,
                                              starts_on=D(2026, 3, 1), ends_on=D(2026, 3, 31)))
    assert got == {"kind": ["The campaign has this stage already."]}


def test_stage_setup_is_for_county_admins(tree, campaign):
    with pytest.raises(PermissionDeniedError):
        domain.create_stage(campaign, by=tree.users.org_admin, kind=StageKind.MOBILISE, starts_on=D(2026, 3, 1),
                            ends_on=D(2026, 3, 31))


def test_stage_change_writes_an_audit_entry(tree, campaign):
    stages = make_stages(campaign, tree.users.county_admin)
    domain.change_stage(stages[StageKind.MOBILISE], by=tree.users.county_admin, starts_on=D(2026, 3, 2),
                        ends_on=D(2026, 3, 30))
    entry = AuditEntry.objects.filter(action="stages.change_stage").get()
    assert (entry.before["starts_on"], entry.after["starts_on"]) == ("2026-03-01", "2026-03-02")


def test_stage_cannot_shrink_past_its_tasks(tree):
    w = build(tree)
    got = refusal(lambda: domain.change_stage(w.stages[StageKind.MOBILISE], by=tree.users.county_admin,
                                              starts_on=D(2026, 3, 1), ends_on=D(2026, 3, 19)))
    assert got == {"ends_on": ["The task “召开动员大会” is due on 2026-03-20, outside these dates: move it first."]}


def test_task_due_outside_its_stage_names_due_on(tree, campaign):
    stages = make_stages(campaign, tree.users.county_admin)
    got = refusal(lambda: domain.create_task(stages[StageKind.MOBILISE], by=tree.users.county_admin, title="动员",
                                             due_on=D(2026, 4, 2)))
    assert got == {"due_on": ["The deadline must lie inside the stage (2026-03-01 to 2026-03-31)."]}


def test_task_of_unknown_check_names_check_kind(tree, campaign):
    stages = make_stages(campaign, tree.users.county_admin)
    got = refusal(lambda: domain.create_task(stages[StageKind.MOBILISE], by=tree.users.county_admin, title="动员",
                                             due_on=D(2026, 3, 2), check_kind="nonsense"))
    assert got == {"check_kind": ["Choose how the task is done from the list."]}


def test_copy_moves_every_date_by_the_campaigns_distance(tree):
    w = build(tree)
    later = make_campaign(name="2027年创先争优活动", year=2027, status=CampaignStatus.PLANNED,
                          starts_on=D(2027, 3, 1), ends_on=D(2027, 12, 31))
    domain.copy_stages(later, source=w.campaign, by=tree.users.county_admin)
    assert list(StageTask.objects.filter(stage__campaign=later).values_list("title", "check_kind", "due_on")) == [
        ("召开动员大会", "manual", D(2027, 3, 20)), ("公开承诺", "commitment_published", D(2027, 4, 30)),
        ("年度述职", "manual", D(2027, 6, 30)),
    ]


def test_copy_refuses_when_a_stage_does_not_fit(tree):
    w = build(tree)
    short = make_campaign(name="专项活动", starts_on=D(2027, 3, 1), ends_on=D(2027, 6, 30))
    got = refusal(lambda: domain.copy_stages(short, source=w.campaign, by=tree.users.county_admin))
    assert (list(got), Stage.objects.filter(campaign=short).count()) == (["source"], 0)


def test_mark_done_by_the_branch_admin(tree):
    w = build(tree)
    photo = SimpleUploadedFile("记录.txt", "会议记录".encode(), content_type="text/plain")
    done = domain.mark_done(w.a, tree.b1, by=tree.users.branch_admin, note="已召开", done_on=D(2026, 3, 18), file=photo)
    assert (done.state, done.done_on, done.note, done.evidence.count()) == ("done", D(2026, 3, 18), "已召开", 1)


def test_mark_done_outside_the_admins_subtree_is_forbidden(tree):
    w = build(tree)
    with pytest.raises(PermissionDeniedError):
        domain.mark_done(w.a, tree.b2, by=tree.users.org_admin)


def test_mark_done_of_an_automatic_task_is_refused(tree):
    w = build(tree)
    got = refusal(lambda: domain.mark_done(w.b, tree.b1, by=tree.users.branch_admin))
    assert got == {"task": ["This task is done automatically, from the data it names."]}


def test_mark_done_in_the_future_is_refused(tree):
    w = build(tree)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    got = refusal(lambda: domain.mark_done(w.a, tree.b1, by=tree.users.branch_admin, done_on=tomorrow))
    assert got == {"done_on": ["A task cannot be done on a day still to come."]}


def test_send_back_is_for_the_superior_not_the_branch_itself(tree):
    w = build(tree)
    domain.mark_done(w.a, tree.b1, by=tree.users.branch_admin)
    with pytest.raises(PermissionDeniedError):
        domain.send_back(w.a, tree.b1, by=tree.users.branch_admin, reason="重做")


def test_sent_back_task_can_be_marked_again(tree):
    w = build(tree)
    domain.mark_done(w.a, tree.b1, by=tree.users.branch_admin, done_on=D(2026, 3, 10))
    domain.send_back(w.a, tree.b1, by=tree.users.org_admin, reason="缺少照片")
    again = domain.mark_done(w.a, tree.b1, by=tree.users.branch_admin, done_on=D(2026, 3, 25), note="补充照片")
    assert (again.state, again.done_on, again.returned_reason) == ("done", D(2026, 3, 25), "缺少照片")


def _round(campaign, org, state):
    scheme = Scheme.objects.create(name="测评", sector="village")
    opens = timezone.make_aware(datetime.datetime(2026, 9, 1, 9))
    round_ = Round.objects.create(name="测评", kind=RoundKind.DEMOCRATIC, scheme=scheme, state=state, campaign=campaign,
                                  opens_at=opens, closes_at=opens + datetime.timedelta(days=7))
    RoundSubject.objects.create(round=round_, organization=org)
    return round_


def test_evaluation_checks_read_held_and_released_rounds(tree, campaign):
    _round(campaign, tree.b1, RoundState.RELEASED)
    _round(campaign, tree.b2, RoundState.CLOSED)
    _round(campaign, tree.t1, RoundState.OPEN)
    ids = [tree.t1.pk, tree.b1.pk, tree.b2.pk]
    held = checks.get("evaluation_held").fn(campaign, None, ids)
    released = checks.get("evaluation_released").fn(campaign, None, ids)
    assert (held, released) == ({tree.b1.pk: D(2026, 9, 8), tree.b2.pk: D(2026, 9, 8)}, {tree.b1.pk: D(2026, 9, 8)})


def test_commitment_check_ignores_other_campaigns(tree, campaign):
    other = make_campaign(name="专项", starts_on=D(2026, 3, 1), ends_on=D(2026, 6, 30))
    publish(campaign, tree.b1, D(2026, 4, 2))
    publish(other, tree.b2, D(2026, 4, 3))
    assert checks.get("commitment_published").fn(campaign, None, [tree.b1.pk, tree.b2.pk]) == {tree.b1.pk: D(2026, 4, 2)}


def test_registered_check_is_offered_as_a_kind():
    checks.register("test_check", lambda campaign, task, org_ids: {}, label="test")
    try:
        assert checks.choices()[-1] == ("test_check", "test")
    finally:
        checks._REGISTRY.pop("test_check")
