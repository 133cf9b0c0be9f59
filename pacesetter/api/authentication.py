from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .models import PersonalToken, hash_token


class PersonalTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer <token>` with a personal token made by `pacesetter make_api_token`."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        try:
            raw = header[1].decode()
        except UnicodeError as exc:
            raise exceptions.AuthenticationFailed(_("Invalid token header.")) from exc
        token = (
            PersonalToken.objects.select_related("user")
            .filter(key_hash=hash_token(raw), revoked=False)
            .first()
        )
        now = timezone.now()
        if token is None or (token.expires_at and token.expires_at < now) or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid or expired token."))
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 300:
            PersonalToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword
