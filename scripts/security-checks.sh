#!/usr/bin/env bash
# Security checks: bandit over the code, pip-audit over the installed packages, and Django's
# `check --deploy` under production settings. Exits non-zero on any finding.
#
#   scripts/security-checks.sh            # from the project folder, after `make setup`
#
# pip-audit asks PyPI's JSON API (one request per installed package and version) which
# versions have known vulnerabilities. When that service cannot be reached, every package is
# "skipped" and pip-audit alone would still say "No known vulnerabilities found": then
# scripts/pip_audit_report.py audits through PyPI's project JSON instead (its docstring says
# how far that reaches), and if that cannot be reached either, it fails, unless
# PIP_AUDIT_OFFLINE_OK=1 turns it into a loud SKIPPED line. Accepted findings:
# PIP_AUDIT_IGNORE="ID ID …", each with its reason written where it is set.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN="${BIN:-.venv/bin}"
status=0

echo "== bandit =="
if ! "$BIN/bandit" -r pacesetter -c pyproject.toml -q; then
    echo "bandit: findings above (fix them, or mark a false positive '# nosec BXXX # why')" >&2
    status=1
fi

echo "== pip-audit =="
ignore=()
for id in ${PIP_AUDIT_IGNORE:-}; do ignore+=(--ignore-vuln "$id"); done
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
# --skip-editable: Pacesetter itself (installed with -e) is not on PyPI.
"$BIN/pip-audit" --skip-editable --local --progress-spinner off -f json -o "$report" "${ignore[@]}" >/dev/null 2>&1
audit_rc=$?
"$BIN/python" scripts/pip_audit_report.py "$report" "$audit_rc" || status=1

echo "== check --deploy (production settings) =="
# What a production environment sets (README "Deploying on PostgreSQL"), with a throwaway key
# and variable folder: the checks read the settings, not the database.
var_dir="$(mktemp -d)"
if ! env DEBUG=0 SECURE_HTTPS=1 BEHIND_PROXY=1 \
        SECRET_KEY="$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(50))')" \
        ALLOWED_HOSTS=pacesetter.example.org CSRF_TRUSTED_ORIGINS=https://pacesetter.example.org \
        PACESETTER_VAR_DIR="$var_dir" DJANGO_SETTINGS_MODULE=pacesetter.settings \
        "$BIN/pacesetter" check --deploy --fail-level WARNING; then
    status=1
fi
rm -rf "$var_dir"

if [ "$status" -eq 0 ]; then echo "== security checks: clean =="; else echo "== security checks: FAILED ==" >&2; fi
exit "$status"
