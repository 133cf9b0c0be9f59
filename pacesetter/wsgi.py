import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pacesetter.settings")
application = get_wsgi_application()

# The final POST of a ballot is answered before Django's request handling (see the module).
from pacesetter.evaluation.fastpath import BallotFastPath  # noqa: E402

application = BallotFastPath(application)
