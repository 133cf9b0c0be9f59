from pacesetter.orgs.queries import user_roles


def roles(request):
    """The user's roles, for templates that hide buttons (templates never guard)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"user_roles": set()}
    return {"user_roles": user_roles(user)}
