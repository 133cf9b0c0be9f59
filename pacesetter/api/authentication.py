from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .models import PersonalToken, hash_token

#: Recording every use would make each GET a write; once in five minutes is enough to see
#: whether a token is still in use.
LAST_USED_RESOLUTION_SECONDS = 300


class PersonalTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer <token>` with a personal token made by `pacesetter make_api_token`.

    Tokens are looked up by their keyed hash (a unique index), so the raw value is never
    compared or stored. Unknown, revoked and expired tokens get the same 401.
    """

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        try:
            raw = header[1].decode("ascii")
        except UnicodeError as exc:
            raise exceptions.AuthenticationFailed(_("Invalid token header.")) from exc
        token = PersonalToken.objects.select_related("user").filter(key_hash=hash_token(raw)).first()
        if token is None or not token.is_usable or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid or expired token."))
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > LAST_USED_RESOLUTION_SECONDS:
            PersonalToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword
