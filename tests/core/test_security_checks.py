"""`check --deploy` under production settings, in a subprocess (the settings read the environment once)."""
import os
import secrets
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def deploy_check(tmp_path, **overrides) -> subprocess.CompletedProcess:
    env = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DEBUG", "SECURE_", "ALLOWED_HOSTS", "SECRET_KEY"))
    }
    env.update(dict(
        DEBUG="0", SECURE_HTTPS="1", BEHIND_PROXY="1", SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="pacesetter.example.org", CSRF_TRUSTED_ORIGINS="https://pacesetter.example.org",
        PACESETTER_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="pacesetter.settings",
    ), **overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT, env=env, capture_output=True, text=True, timeout=300,
    )


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    done = deploy_check(tmp_path)
    assert (done.returncode, done.stderr.strip()) == (0, "")


def test_check_deploy_fails_without_https(tmp_path):
    """The check above can fail: plain HTTP in production is a finding."""
    done = deploy_check(tmp_path, SECURE_HTTPS="0")
    assert (done.returncode, "security.W004" in done.stderr, "security.W008" in done.stderr) == (1, True, True)
