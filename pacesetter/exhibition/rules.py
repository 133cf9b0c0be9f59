"""Who may change what in the photo exhibition; seeing is queries.photos_visible_to.

- the admins of an organisation (organisation admins of a subtree holding it, county
  admins) upload its photos;
- county admins moderate (publish, reject with a reason, take down) and define the themes.
"""
import rules

from pacesetter.orgs.queries import editable_paths
from pacesetter.orgs.rules import is_county_admin


@rules.predicate
def can_upload(user) -> bool:
    """Holds an editing role somewhere; `can_upload_for` checks the organisation named."""
    if not getattr(user, "is_authenticated", False):
        return False
    paths = editable_paths(user)
    return paths is None or bool(paths)


@rules.predicate
def can_upload_for(user, org) -> bool:
    if org is None or not getattr(user, "is_authenticated", False):
        return False
    paths = editable_paths(user)
    return paths is None or any(org.path.startswith(p) for p in paths)


@rules.predicate
def can_moderate(user) -> bool:
    return getattr(user, "is_authenticated", False) and is_county_admin(user)


@rules.predicate
def can_manage_themes(user) -> bool:
    return getattr(user, "is_authenticated", False) and is_county_admin(user)


rules.add_perm("exhibition.view_photo", rules.always_allow)
rules.add_perm("exhibition.add_photo", can_upload)
rules.add_perm("exhibition.change_photo", can_moderate)
rules.add_perm("exhibition.view_theme", rules.always_allow)
rules.add_perm("exhibition.add_theme", can_manage_themes)
rules.add_perm("exhibition.change_theme", can_manage_themes)
