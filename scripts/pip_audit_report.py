"""Read pip-audit's JSON report; when pip-audit could not reach its service, audit through PyPI's project JSON.

    python scripts/pip_audit_report.py REPORT PIP_AUDIT_EXIT_CODE     (scripts/security-checks.sh runs it)

pip-audit's PyPI service asks `/pypi/<name>/<version>/json` for each installed package. Some
package mirrors (this project's build machines reach only one) answer that with 404 while they
serve the project JSON, `/pypi/<name>/json`, whose `vulnerabilities` are PyPI's live list for the
project's latest release. pip-audit then skips every package. The fallback reads the project JSON:

* a package installed at its latest release is audited exactly (the same data pip-audit reads);
* a package behind its latest release must say why: the newer releases do not install on this
  Python, or an installed package's requirement holds it back (Django's LTS line, say). Its
  check covers the vulnerabilities still open in the latest release; those fixed only in releases
  it cannot have are not visible this way, and the report says so. A package behind with no such
  reason is a failure: it should be upgraded.

Failures: any known vulnerability (not listed in PIP_AUDIT_IGNORE), a package that could not be
looked up, an unexplained old version. If not one package can be looked up, the machine has no
access to PyPI's API at all: a failure unless PIP_AUDIT_OFFLINE_OK=1 (then a loud SKIPPED line).
"""
from __future__ import annotations

import concurrent.futures
import json
import os
import platform
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

PYPI_JSON = os.environ.get("PIP_AUDIT_PYPI_JSON", "https://pypi.org/pypi")


@dataclass
class Audit:
    packages: int = 0
    at_latest: int = 0
    findings: list[str] = field(default_factory=list)
    behind: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    unreachable: list[str] = field(default_factory=list)


def fetch_project(name: str) -> dict | None:
    """PyPI's project JSON, or None when the package is not on the index. Raises OSError when unreachable
    (or when it answers something that is not JSON) three times in a row."""
    url = f"{PYPI_JSON}/{name}/json"
    failure = ""
    for attempt in range(3):
        if attempt:
            time.sleep(attempt)
        try:
            with urllib.request.urlopen(url, timeout=30) as answer:  # nosec B310 # a fixed https URL
                return json.load(answer)
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return None
            failure = f"HTTP {error.code}"
        except (OSError, ValueError) as error:
            failure = str(error)
    raise OSError(f"{url}: {failure}")


def installed_requirements() -> dict[str, list[tuple[str, SpecifierSet]]]:
    """What each installed distribution requires of the others (markers evaluated, our own extras included)."""
    held: dict[str, list[tuple[str, SpecifierSet]]] = {}
    for dist in metadata.distributions():
        owner = dist.metadata["Name"]
        extras = ["", "test"] if canonicalize_name(owner) == "pacesetter" else [""]
        for line in dist.requires or ():
            try:
                requirement = Requirement(line)
            except InvalidRequirement:
                continue
            if requirement.marker and not any(requirement.marker.evaluate({"extra": extra}) for extra in extras):
                continue
            if requirement.specifier:
                held.setdefault(canonicalize_name(requirement.name), []).append((owner, requirement.specifier))
    return held


def _version(text: str) -> Version | None:
    try:
        return Version(text)
    except InvalidVersion:
        return None


def newest_for_python(project: dict, python: Version) -> Version | None:
    """The newest final release with a file that is not yanked and installs on this Python."""
    candidates = []
    for text, files in project.get("releases", {}).items():
        version = _version(text)
        if version is None or version.is_prerelease or not files:
            continue
        for file in files:
            if file.get("yanked"):
                continue
            try:
                if not file.get("requires_python") or python in SpecifierSet(file["requires_python"]):
                    candidates.append(version)
                    break
            except InvalidSpecifier:
                continue
    return max(candidates, default=None)


def why_behind(name: str, installed: Version, latest: Version, project: dict, python: Version,
               held: dict[str, list[tuple[str, SpecifierSet]]]) -> str | None:
    newest = newest_for_python(project, python)
    if newest is not None and newest <= installed:
        return f"newest release for Python {python.major}.{python.minor}"
    for owner, specifier in held.get(canonicalize_name(name), []):
        if not specifier.contains(latest, prereleases=True):
            return f"held by {owner} ({specifier})"
    return None


def audit_offline(deps: Iterable[dict], *, fetch: Callable[[str], dict | None], python: Version,
                  held: dict[str, list[tuple[str, SpecifierSet]]], ignore: set[str]) -> Audit:
    deps = list(deps)
    audit = Audit(packages=len(deps))
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        futures = {pool.submit(fetch, d["name"]): d for d in deps}
        looked_up = {}
        for future in concurrent.futures.as_completed(futures):
            dep = futures[future]
            try:
                looked_up[dep["name"]] = future.result()
            except OSError as error:
                audit.unreachable.append(f"{dep['name']}: {error}")
    for dep in sorted(deps, key=lambda d: d["name"].lower()):
        if dep["name"] not in looked_up:
            continue
        name, project = dep["name"], looked_up[dep["name"]]
        if project is None:
            audit.unreachable.append(f"{name}: not on the index")
            continue
        installed, latest = _version(dep["version"]), _version(project["info"]["version"])
        open_here = [
            v for v in project.get("vulnerabilities") or []
            if not v.get("withdrawn") and not ({v["id"], *v.get("aliases", [])} & ignore)
        ]
        for v in open_here:
            fixes = ", ".join(v.get("fixed_in") or []) or "none yet"
            audit.findings.append(f"{name} {dep['version']}: {v['id']} (fixed in {fixes})")
        if installed is not None and latest is not None and installed >= latest:
            audit.at_latest += 1
            continue
        reason = (why_behind(name, installed, latest, project, python, held)
                  if installed is not None and latest is not None else None)
        line = f"{name} {dep['version']} (latest {project['info']['version']})"
        if reason:
            audit.behind.append(f"{line}: {reason}")
        else:
            audit.stale.append(line)
    return audit


def report_offline(deps: list[dict], *, fetch=fetch_project) -> int:
    python = Version(platform.python_version())
    ignore = set(os.environ.get("PIP_AUDIT_IGNORE", "").split())
    audit = audit_offline(deps, fetch=fetch, python=python, held=installed_requirements(), ignore=ignore)
    if len(audit.unreachable) == audit.packages:
        message = (f"pip-audit: neither pip-audit's service nor PyPI's project JSON ({PYPI_JSON}) could be "
                   f"reached; none of {audit.packages} packages audited")
        if os.environ.get("PIP_AUDIT_OFFLINE_OK") == "1":
            print(f"SKIPPED: {message} (PIP_AUDIT_OFFLINE_OK=1)")
            return 0
        print(f"{message} (set PIP_AUDIT_OFFLINE_OK=1 to accept that on a machine without PyPI's API)",
              file=sys.stderr)
        return 1
    print(f"pip-audit: its per-version service could not be reached; audited through PyPI's project JSON "
          f"({PYPI_JSON}/<name>/json)")
    print(f"pip-audit: {audit.at_latest} of {audit.packages} packages at their latest release, audited exactly")
    for line in audit.behind:
        print(f"pip-audit: behind, {line}; checked for the vulnerabilities still open in the latest release "
              "(fixes only in newer releases cannot be seen this way)")
    for line in audit.findings:
        print(f"pip-audit: {line}", file=sys.stderr)
    for line in audit.stale:
        print(f"pip-audit: {line}: older than need be — upgrade it", file=sys.stderr)
    for line in audit.unreachable:
        print(f"pip-audit: not audited: {line}", file=sys.stderr)
    if audit.findings or audit.stale or audit.unreachable:
        return 1
    print(f"pip-audit: {audit.packages} packages, no known vulnerabilities")
    return 0


def main(path: str, rc: int) -> int:
    try:
        deps = json.load(open(path))["dependencies"]
    except (OSError, ValueError, KeyError):
        print(f"pip-audit failed (exit {rc}) before writing its report", file=sys.stderr)
        return 1
    # --skip-editable: Pacesetter itself, installed with -e, is reported as skipped; it is not on PyPI.
    deps = [d for d in deps if "editable" not in d.get("skip_reason", "")]
    vulnerable = [d for d in deps if d.get("vulns")]
    skipped = [d for d in deps if "skip_reason" in d]
    for d in vulnerable:
        for v in d["vulns"]:
            fixes = ", ".join(v.get("fix_versions") or []) or "none yet"
            print(f"pip-audit: {d['name']} {d['version']}: {v['id']} (fixed in {fixes})", file=sys.stderr)
    if vulnerable:
        return 1
    if skipped and len(skipped) == len(deps):
        # The skipped entries carry no version field: read it from the installed distribution.
        return report_offline([{"name": d["name"], "version": metadata.version(d["name"])} for d in deps])
    for d in skipped:
        print(f"pip-audit: not audited: {d['skip_reason']}", file=sys.stderr)
    if skipped:
        return 1
    print(f"pip-audit: {len(deps)} packages, no known vulnerabilities")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
