"""What others made of the demo's published pledges: evidence photos on progress updates,
feedback from the public, and the townships' judgements (评诺)."""
from __future__ import annotations

import datetime
import random

from django.core.files.base import ContentFile
from django.utils import timezone

from pacesetter.core.uploads import check_upload
from pacesetter.orgs.enums import OrgLevel, Sector
from pacesetter.orgs.models import Organization

from ..enums import FeedbackStatus, Judgement, Outcome, VersionKind
from ..models import Evidence, Feedback, ItemVersion, SuperiorReview
from . import photos, texts
from .history import DAY, Clock, Org, Pledge, Version

#: Progress updates given evidence photos, besides branch1's and member1's: first township, elsewhere.
PHOTO_UPDATES_FIRST_TOWNSHIP, PHOTO_UPDATES_ELSEWHERE = 12, 6
#: Published pledges given public feedback, besides branch1's: first township, elsewhere.
FEEDBACK_FIRST_TOWNSHIP, FEEDBACK_ELSEWHERE = 12, 40


def evidence_photos(rng: random.Random, updates: list[tuple[Version, Pledge]], township: str) -> list[Evidence]:
    """Evidence photos on every update of branch1's and member1's pledges and on a sample of
    others, checked and stored as an upload is (re-encoded, thumbnailed, in MEDIA_ROOT).
    The updates' items are in the database already."""
    showcase = [(v, p) for v, p in updates if p.showcase]
    near = [(v, p) for v, p in updates if not p.showcase and p.org.path.startswith(township)]
    far = [(v, p) for v, p in updates if not p.org.path.startswith(township)]
    chosen = (showcase + rng.sample(near, min(len(near), PHOTO_UPDATES_FIRST_TOWNSHIP))
              + rng.sample(far, min(len(far), PHOTO_UPDATES_ELSEWHERE)))
    ids = {
        (item, number): pk for item, number, pk in ItemVersion.objects.filter(
            item_id__in=[v.item.pk for v, _p in chosen], kind=VersionKind.PROGRESS,
        ).values_list("item_id", "number", "pk")
    }
    rows = []
    for version, pledge in chosen:
        day = timezone.localdate(version.at)
        for n in range(1, rng.choice((1, 1, 2)) + 1):
            data = photos.photo(rng, label=f"{pledge.org.code}  Pacesetter demo", day=day)
            upload = check_upload(ContentFile(data, name=f"{day:%Y%m%d}_现场照片{n}.jpg"))
            evidence = Evidence(
                version_id=ids[version.item.pk, version.number], kind=upload.kind, original_name=upload.original_name,
                extension=upload.extension, content_type=upload.content_type, size=upload.size, sha256=upload.sha256,
                width=upload.width, height=upload.height,
            )
            evidence.file.save(f"evidence.{upload.extension}", upload.file, save=False)
            evidence.thumbnail.save("thumb.jpg", upload.thumbnail, save=False)
            rows.append(evidence)
    return rows


def _one_feedback(rng: random.Random, clock: Clock, pledge: Pledge, status: str) -> Feedback:
    published = timezone.localdate(pledge.published_at)
    if status == FeedbackStatus.PENDING:
        day = clock.day(max(published, clock.last - 20 * DAY), clock.last)
    else:
        day = clock.day(published + 3 * DAY, clock.last - 4 * DAY)
    if status == FeedbackStatus.REJECTED:
        (text, reason), kind, name = rng.choice(texts.REJECTED), "feedback", ""
    else:
        (kind, text, name), reason = rng.choice(texts.FEEDBACK), ""
    feedback = Feedback(
        commitment_id=pledge.pk, item_id=rng.choice(pledge.items).pk if rng.random() < 0.5 else None, kind=kind,
        text=text, name=name, status=status,
        contact=f"1{rng.choice('3589')}{rng.randint(0, 999_999_999):09d}" if rng.random() < 0.3 else "",
    )
    feedback.created_at = clock.at(day)
    if status != FeedbackStatus.PENDING:
        feedback.moderated_by = pledge.owner
        feedback.moderated_at = clock.at(clock.after(day, 1, 3), feedback.created_at)
        feedback.moderation_reason = reason
        if status == FeedbackStatus.SHOWN and (pledge.showcase or rng.random() < 0.7):
            feedback.reply = rng.choice(texts.REPLIES[kind])
    return feedback


def feedback(rng: random.Random, clock: Clock, published: list[Pledge], township: str) -> list[Feedback]:
    """On branch1's pledge one of each (awaiting moderation, shown with a reply, rejected);
    on a sample of other organisations' pledges one to three, mostly shown or waiting.
    `created_at` holds the day it came; saving stamps the time of saving over it."""
    showcase = [p for p in published if p.showcase and p.member is None]
    near = [p for p in published if not p.showcase and p.org.path.startswith(township)]
    far = [p for p in published if not p.org.path.startswith(township)]
    rows = []
    for pledge in showcase:
        rows += [_one_feedback(rng, clock, pledge, s) for s in (
            FeedbackStatus.PENDING, FeedbackStatus.SHOWN, FeedbackStatus.SHOWN, FeedbackStatus.REJECTED)]
    statuses, weights = (FeedbackStatus.SHOWN, FeedbackStatus.PENDING, FeedbackStatus.REJECTED), (45, 35, 20)
    for pledge in rng.sample(near, min(len(near), FEEDBACK_FIRST_TOWNSHIP)) + rng.sample(
            far, min(len(far), FEEDBACK_ELSEWHERE)):
        rows += [_one_feedback(rng, clock, pledge, s) for s in rng.choices(statuses, weights, k=rng.randint(1, 3))]
    return rows


def _judgement(rng: random.Random, pledge: Pledge, as_of: datetime.date) -> str:
    due = [i for i in pledge.items if i.deadline < as_of]
    share = sum(i.outcome == Outcome.DELIVERED for i in due) / len(due) if due else pledge.quality
    share += rng.gauss(0, 0.08)
    return (Judgement.EXCELLENT if share >= 0.85 else Judgement.GOOD if share >= 0.65
            else Judgement.FAIR if share >= 0.45 else Judgement.POOR)


def reviews(rng: random.Random, clock: Clock, published: list[Pledge], orgs: list[Org], users: dict,
             township: str) -> list[SuperiorReview]:
    """评诺 by township1 of about half its organisations (branch1's among them), and by the
    next township of all of its own."""
    root = orgs[0]
    townships = [o for o in orgs if o.depth == root.depth + 1 and o.level == OrgLevel.COMMITTEE
                 and o.sector in (Sector.VILLAGE, Sector.COMMUNITY)]
    first = next((o for o in townships if o.path == township), None)
    second = next((o for o in townships if o is not first), None)
    judged = []
    for pledge in published:
        parent = pledge.org.path[: -Organization.steplen]
        if first is not None and parent == first.path and (pledge.showcase or rng.random() < 0.5):
            judged.append((pledge, first, users.get("township1")))
        elif second is not None and parent == second.path:
            judged.append((pledge, second, None))
    rows = []
    for pledge, by_org, by in judged:
        judgement = _judgement(rng, pledge, clock.as_of)
        rows.append(SuperiorReview(
            commitment_id=pledge.pk, judgement=judgement, comment=texts.REVIEW_COMMENTS[judgement], by=by,
            by_organization_id=by_org.pk, at=clock.at(clock.day(clock.last - 20 * DAY, clock.last)),
        ))
    return rows
