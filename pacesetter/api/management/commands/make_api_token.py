"""`pacesetter make_api_token USERNAME`: make a personal API token, or revoke one with --revoke PREFIX.

The raw token is printed once, on stdout alone (so `TOKEN=$(pacesetter make_api_token …)`
works); only its keyed hash is stored.
"""
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from pacesetter.api.domain import create_personal_token, revoke_personal_token
from pacesetter.api.models import PersonalToken


class Command(BaseCommand):
    help = "Create a personal API token for USERNAME (printed once), or revoke one of theirs by its prefix."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="api", help="A label to tell the user's tokens apart (default: api).")
        parser.add_argument(
            "--days", type=int, default=90, help="Days until the token expires (default 90; 0 = never expires)."
        )
        parser.add_argument("--revoke", metavar="PREFIX", help="Revoke the user's token starting with PREFIX instead.")

    def handle(self, *args, username, name, days, revoke, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user named {username!r}")
        if revoke:
            self._revoke(user, revoke)
            return
        if days < 0:
            raise CommandError("--days must be 0 (never expires) or more")
        try:
            token, raw = create_personal_token(user, name=name, days=days or None, by=None)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        expires = token.expires_at.date().isoformat() if token.expires_at else "never"
        self.stderr.write(
            f"Token {token.prefix}… for {username} (expires: {expires}). It is shown once; store it now."
        )
        self.stdout.write(raw)

    def _revoke(self, user, prefix: str) -> None:
        # Matched in Python: SQLite's LIKE ignores case, and tokens are case-sensitive.
        active = PersonalToken.objects.filter(user=user, revoked=False).order_by("pk")
        tokens = [t for t in active if t.prefix.startswith(prefix)]
        if not tokens:
            raise CommandError(f"{user.get_username()} has no active token starting with {prefix!r}")
        if len(tokens) > 1:
            raise CommandError(f"more than one token of {user.get_username()} starts with {prefix!r}; give more of it")
        revoke_personal_token(tokens[0], by=None)
        self.stdout.write(self.style.SUCCESS(f"revoked {tokens[0]}"))
