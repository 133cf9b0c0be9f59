"""Writes to the organisation base. Each function is one transaction with its audit entry.

`by` is the acting user; `None` means the system itself (seeding, an operator's command
run without --user), which the audit log records as such.
"""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from treebeard.exceptions import InvalidMoveToDescendant

from pacesetter.core import audit
from pacesetter.core.errors import DomainError, PermissionDeniedError
from pacesetter.linkage.enums import AffiliateKind

from . import rules as org_rules
from .enums import OrgStatus, Role
from .models import Leader, Member, Organization, RoleAssignment
from .queries import subtree_q

ORG_FIELDS = ("code", "name", "level", "sector", "township", "secretary", "established")
MEMBER_FIELDS = (
    "code", "name", "gender", "birth_date", "join_date", "status", "education",
    "organization", "position", "is_rural", "phone",
)
LEADER_FIELDS = ("code", "name", "title", "phone", "organization")
TREE_FIELDS = ("path", "depth", "numchild")


def _require(allowed: bool, by) -> None:
    if by is not None and not allowed:
        raise PermissionDeniedError(_("You may not change this organisation."), code="forbidden")


def _require_active(org: Organization) -> None:
    if not org.is_active:
        raise DomainError(
            _("%(name)s is archived (dissolved or merged); nothing can be added to it.") % {"name": org.name},
            code="archived",
        )


def _check_unknown(fields: dict, allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


# --- Organisations ------------------------------------------------------------


def create_organization(*, parent: Organization | None, by, **fields) -> Organization:
    _check_unknown(fields, ORG_FIELDS)
    _require(org_rules.can_edit_organization(by, parent), by)
    with transaction.atomic():
        if parent is not None:
            parent = Organization.objects.select_for_update().get(pk=parent.pk)
            _require_active(parent)
        org = Organization(**fields)
        # Validate before treebeard assigns a path; the tree fields are treebeard's business.
        org.full_clean(exclude=TREE_FIELDS)
        if parent is None:
            org = Organization.objects.add_root(instance=org)
        else:
            org = Organization.objects.add_child(parent, instance=org)
        audit.record("org.create", by=by, obj=org, after=audit.snapshot(org, ORG_FIELDS + ("path",)))
    return org


def update_organization(org: Organization, *, by, **changes) -> Organization:
    _check_unknown(changes, ORG_FIELDS)
    _require(org_rules.can_edit_organization(by, org), by)
    with transaction.atomic():
        org = Organization.objects.select_for_update().get(pk=org.pk)
        before = audit.snapshot(org, changes.keys())
        for name, value in changes.items():
            setattr(org, name, value)
        org.full_clean(exclude=TREE_FIELDS)
        after = audit.snapshot(org, changes.keys())
        if before == after:
            return org
        org.save(update_fields=[*changes.keys(), "updated_at"])
        audit.record("org.update", by=by, obj=org, before=before, after=after)
    return org


def move_organization(org: Organization, *, new_parent: Organization, by) -> Organization:
    """Move a whole subtree under another parent; members and records stay with their organisations."""
    _require(org_rules.can_edit_organization(by, org) and org_rules.can_edit_organization(by, new_parent), by)
    with transaction.atomic():
        org = Organization.objects.select_for_update().get(pk=org.pk)
        new_parent = Organization.objects.select_for_update().get(pk=new_parent.pk)
        _require_active(new_parent)
        if org.pk == new_parent.pk or new_parent.path.startswith(org.path):
            raise DomainError(
                _("%(org)s cannot be moved under itself or one of its own sub-organisations.") % {"org": org.name},
                code="cycle",
            )
        old_parent = Organization.objects.get_parent(org)
        if old_parent is not None and old_parent.pk == new_parent.pk:
            return org
        before = {"parent": old_parent.code if old_parent else None, "path": org.path}
        try:
            Organization.objects.move(org, new_parent, "last-child")
        except InvalidMoveToDescendant as exc:  # pragma: no cover - checked above
            raise DomainError(str(exc), code="cycle") from exc
        org.refresh_from_db()
        audit.record("org.move", by=by, obj=org, before=before, after={"parent": new_parent.code, "path": org.path})
    return org


def merge_organization(source: Organization, *, into: Organization, by) -> Organization:
    """Merge `source` into `into`: its members and sub-organisations move over, it is archived."""
    _require(org_rules.can_edit_organization(by, source) and org_rules.can_edit_organization(by, into), by)
    with transaction.atomic():
        source = Organization.objects.select_for_update().get(pk=source.pk)
        into = Organization.objects.select_for_update().get(pk=into.pk)
        _require_active(source)
        _require_active(into)
        if source.pk == into.pk or into.path.startswith(source.path):
            raise DomainError(
                _("%(org)s cannot be merged into itself or one of its own sub-organisations.") % {"org": source.name},
                code="cycle",
            )
        member_ids = list(source.members.values_list("pk", flat=True))
        moved_members = Member.objects.filter(pk__in=member_ids).update(organization=into, updated_at=timezone.now())
        children = list(Organization.objects.get_children(source))
        for child in children:
            child.refresh_from_db()
            Organization.objects.move(child, Organization.objects.get(pk=into.pk), "last-child")
        source.refresh_from_db()
        source.status = OrgStatus.MERGED
        source.merged_into = into
        source.archived_on = timezone.localdate()
        source.save(update_fields=["status", "merged_into", "archived_on", "updated_at"])
        audit.record(
            "org.merge",
            by=by,
            obj=source,
            before={"status": OrgStatus.ACTIVE},
            after={
                "status": OrgStatus.MERGED,
                "merged_into": into.code,
                "members_moved": moved_members,
                "children_moved": [c.code for c in children],
            },
        )
    return source


def dissolve_organization(org: Organization, *, by, transfer_members_to: Organization | None = None) -> Organization:
    """Archive an organisation. Its members stay with it unless a receiving organisation is named."""
    _require(org_rules.can_edit_organization(by, org), by)
    if transfer_members_to is not None:
        _require(org_rules.can_edit_organization(by, transfer_members_to), by)
    with transaction.atomic():
        org = Organization.objects.select_for_update().get(pk=org.pk)
        _require_active(org)
        active_children = Organization.objects.filter(
            subtree_q(org.path), depth=org.depth + 1, status=OrgStatus.ACTIVE
        ).count()
        if active_children:
            raise DomainError(
                _("%(org)s still has %(n)d active sub-organisations: move or dissolve them first.")
                % {"org": org.name, "n": active_children},
                code="has_children",
            )
        moved = 0
        if transfer_members_to is not None:
            _require_active(transfer_members_to)
            moved = org.members.update(organization=transfer_members_to, updated_at=timezone.now())
        org.status = OrgStatus.DISSOLVED
        org.archived_on = timezone.localdate()
        org.save(update_fields=["status", "archived_on", "updated_at"])
        audit.record(
            "org.dissolve",
            by=by,
            obj=org,
            before={"status": OrgStatus.ACTIVE},
            after={
                "status": OrgStatus.DISSOLVED,
                "members_moved_to": transfer_members_to.code if transfer_members_to else None,
                "members_moved": moved,
            },
        )
    return org


# --- Members --------------------------------------------------------------------


def create_member(*, by, **fields) -> Member:
    _check_unknown(fields, MEMBER_FIELDS)
    org = fields["organization"]
    _require(org_rules.can_edit_organization(by, org), by)
    _require_active(org)
    with transaction.atomic():
        member = Member(**fields)
        member.full_clean()
        member.save(force_insert=True)
        audit.record("member.create", by=by, obj=member, after=audit.snapshot(member, MEMBER_FIELDS))
    return member


def update_member(member: Member, *, by, **changes) -> Member:
    _check_unknown(changes, MEMBER_FIELDS)
    _require(org_rules.can_edit_member(by, member), by)
    if "organization" in changes:
        _require(org_rules.can_edit_organization(by, changes["organization"]), by)
        _require_active(changes["organization"])
    with transaction.atomic():
        member = Member.objects.select_for_update().select_related("organization").get(pk=member.pk)
        before = audit.snapshot(member, changes.keys())
        for name, value in changes.items():
            setattr(member, name, value)
        member.full_clean()
        after = audit.snapshot(member, changes.keys())
        if before == after:
            return member
        member.save(update_fields=[*changes.keys(), "updated_at"])
        audit.record("member.update", by=by, obj=member, before=before, after=after)
    return member


def transfer_member(member: Member, *, to: Organization, by) -> Member:
    return update_member(member, by=by, organization=to)


# --- Leaders --------------------------------------------------------------------


def create_leader(*, by, **fields) -> Leader:
    _check_unknown(fields, LEADER_FIELDS)
    _require(org_rules.is_county_admin(by) and org_rules.can_edit_organization(by, fields["organization"]), by)
    with transaction.atomic():
        leader = Leader(**fields)
        leader.full_clean()
        leader.save(force_insert=True)
        audit.record("leader.create", by=by, obj=leader, after=audit.snapshot(leader, LEADER_FIELDS))
    return leader


def update_leader(leader: Leader, *, by, **changes) -> Leader:
    _check_unknown(changes, LEADER_FIELDS)
    _require(org_rules.can_edit_leader(by, leader), by)
    with transaction.atomic():
        leader = Leader.objects.select_for_update().get(pk=leader.pk)
        before = audit.snapshot(leader, changes.keys())
        for name, value in changes.items():
            setattr(leader, name, value)
        leader.full_clean()
        after = audit.snapshot(leader, changes.keys())
        if before == after:
            return leader
        leader.save(update_fields=[*changes.keys(), "updated_at"])
        audit.record("leader.update", by=by, obj=leader, before=before, after=after)
    return leader


# --- Roles ----------------------------------------------------------------------


def assign_role(
    user, *, role: Role | str, organization: Organization, by, affiliate_kind: str = ""
) -> RoleAssignment:
    """Grant a role at an organisation. An affiliate admin may be narrowed to one kind of
    affiliate unit (a trade union's admin); blank covers every kind. Granting a role the
    user already holds there changes nothing; holding it for another kind is refused, so a
    narrowing is never widened or moved silently (withdraw the role first)."""
    _require(org_rules.is_county_admin(by) and org_rules.can_edit_organization(by, organization), by)
    if role not in Role.values:
        raise DomainError(_("Unknown role: %(role)s") % {"role": role}, code="role")
    if affiliate_kind and role != Role.AFFILIATE_ADMIN:
        raise DomainError(_("Only an affiliate admin can be limited to one kind of affiliate unit."),
                          code="affiliate_kind")
    if affiliate_kind not in ("", *AffiliateKind.values):
        raise DomainError(_("Unknown affiliate kind: %(kind)s") % {"kind": affiliate_kind}, code="affiliate_kind")
    with transaction.atomic():
        assignment, created = RoleAssignment.objects.get_or_create(
            user=user, role=role, organization=organization, defaults={"affiliate_kind": affiliate_kind}
        )
        if created:
            audit.record(
                "role.assign",
                by=by,
                obj=assignment,
                after={"user": user.get_username(), "role": str(role), "organization": organization.code,
                       "affiliate_kind": affiliate_kind},
            )
        elif assignment.affiliate_kind != affiliate_kind:
            raise DomainError(
                _("%(user)s already holds this role at %(org)s for another kind of affiliate unit; "
                  "withdraw it first.") % {"user": user.get_username(), "org": organization.code},
                code="affiliate_kind",
            )
    user.__dict__.pop("_pacesetter_roles", None)
    return assignment


def revoke_role(assignment: RoleAssignment, *, by) -> None:
    _require(org_rules.is_county_admin(by) and org_rules.can_edit_organization(by, assignment.organization), by)
    with transaction.atomic():
        audit.record(
            "role.revoke",
            by=by,
            obj=assignment,
            before={
                "user": assignment.user.get_username(),
                "role": assignment.role,
                "organization": assignment.organization.code,
            },
        )
        assignment.delete()
