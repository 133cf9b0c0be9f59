from django.utils.functional import SimpleLazyObject

from .queries import unread_count


def unread_notifications(request):
    """`unread_notifications`: the navbar badge's number. Lazy, so a page that never shows the
    badge (an htmx part, a page without the navbar) asks nothing; anonymous users ask nothing."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
