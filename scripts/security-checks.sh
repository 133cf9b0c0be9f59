#!/usr/bin/env bash
# Security checks: bandit over the code, pip-audit over the installed packages, and Django's
# `check --deploy` under production settings. Exits non-zero on any finding.
#
#   scripts/security-checks.sh            # from the project folder, after `make setup`
#
# pip-audit asks PyPI's JSON API (one request per installed package and version) which
# versions have known vulnerabilities. When that service cannot be reached, every package is
# "skipped" and pip-audit alone would still say "No known vulnerabilities found": here that
# is a failure, unless PIP_AUDIT_OFFLINE_OK=1, which turns it into a loud SKIPPED line (for
# machines without access to PyPI's API). Accepted findings: PIP_AUDIT_IGNORE="ID ID …", each
# with its reason written where it is set.
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
"$BIN/python" - "$report" "$audit_rc" <<'PY' || status=1
import json, os, sys

path, rc = sys.argv[1], int(sys.argv[2])
try:
    deps = json.load(open(path))["dependencies"]
except (OSError, ValueError, KeyError):
    print(f"pip-audit failed (exit {rc}) before writing its report", file=sys.stderr)
    sys.exit(1)
vulnerable = [d for d in deps if d.get("vulns")]
skipped = [d for d in deps if "skip_reason" in d]
for d in vulnerable:
    for v in d["vulns"]:
        fixes = ", ".join(v.get("fix_versions") or []) or "none yet"
        print(f"pip-audit: {d['name']} {d['version']}: {v['id']} (fixed in {fixes})", file=sys.stderr)
if vulnerable:
    sys.exit(1)
if skipped and len(skipped) == len(deps):
    message = f"pip-audit: the vulnerability service could not be reached; none of {len(deps)} packages audited"
    if os.environ.get("PIP_AUDIT_OFFLINE_OK") == "1":
        print(f"SKIPPED: {message} (PIP_AUDIT_OFFLINE_OK=1)")
        sys.exit(0)
    print(f"{message} (set PIP_AUDIT_OFFLINE_OK=1 to accept that on a machine without PyPI's API)", file=sys.stderr)
    sys.exit(1)
for d in skipped:
    print(f"pip-audit: not audited: {d['skip_reason']}", file=sys.stderr)
if skipped:
    sys.exit(1)
print(f"pip-audit: {len(deps)} packages, no known vulnerabilities")
PY

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
