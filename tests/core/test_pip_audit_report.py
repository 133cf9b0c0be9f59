"""scripts/pip_audit_report.py: pip-audit's report, and its fallback through PyPI's project JSON (no network here)."""
import importlib.util
import json
import sys
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import Version

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "pip_audit_report.py"
spec = importlib.util.spec_from_file_location("pip_audit_report", SCRIPT)
report = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = report  # dataclasses look their module up there
spec.loader.exec_module(report)

PY311 = Version("3.11.7")


def project(latest, releases, vulnerabilities=()):
    """A project JSON as PyPI serves it: releases map version → files with requires_python."""
    return {"info": {"version": latest}, "vulnerabilities": list(vulnerabilities),
            "releases": {v: [{"requires_python": rp, "yanked": False}] for v, rp in releases.items()}}


def vuln(id_, fixed_in=(), aliases=(), withdrawn=None):
    return {"id": id_, "aliases": list(aliases), "fixed_in": list(fixed_in), "withdrawn": withdrawn}


INDEX = {
    "current": project("2.0", {"1.0": None, "2.0": ">=3.10"}),
    "broken": project("3.1", {"3.1": None}, [vuln("PYSEC-2026-1", aliases=["CVE-2026-1"])]),
    "lts": project("6.1", {"5.2.9": ">=3.10", "5.2.10": ">=3.10", "6.1": ">=3.12"}),
    "pinned": project("8.0", {"7.4": ">=3.10", "8.0": ">=3.10"}),
    "old": project("1.5", {"1.4": None, "1.5": None}),
}


def fetch(name):
    if name == "offline":
        raise OSError("connection refused")
    return INDEX.get(name)


def audit(*deps, held=None, ignore=()):
    return report.audit_offline([{"name": n, "version": v} for n, v in deps], fetch=fetch, python=PY311,
                                held=held or {}, ignore=set(ignore))


def test_a_package_at_its_latest_release_is_clean_or_shows_its_vulnerabilities():
    result = audit(("current", "2.0"), ("broken", "3.1"))
    assert (result.at_latest, result.findings, result.behind, result.stale) == (
        2, ["broken 3.1: PYSEC-2026-1 (fixed in none yet)"], [], []
    )


def test_an_ignored_id_or_alias_and_a_withdrawn_record_are_not_findings():
    assert audit(("broken", "3.1"), ignore=["CVE-2026-1"]).findings == []
    INDEX["withdrawn"] = project("1.0", {"1.0": None}, [vuln("GHSA-x", withdrawn="2026-01-01T00:00:00Z")])
    assert audit(("withdrawn", "1.0")).findings == []


def test_behind_latest_needs_a_reason_else_it_is_stale():
    result = audit(("lts", "5.2.10"), ("pinned", "7.4"), ("old", "1.4"),
                   held={"pinned": [("pacesetter", SpecifierSet("==7.*"))]})
    assert (result.at_latest, result.behind, result.stale) == (0, [
        "lts 5.2.10 (latest 6.1): newest release for Python 3.11",
        "pinned 7.4 (latest 8.0): held by pacesetter (==7.*)",
    ], ["old 1.4 (latest 1.5)"])


def test_an_older_release_of_a_line_that_has_a_newer_one_for_this_python_is_stale():
    assert audit(("lts", "5.2.9")).stale == ["lts 5.2.9 (latest 6.1)"]


def test_a_package_that_cannot_be_looked_up_is_not_audited():
    result = audit(("current", "2.0"), ("offline", "1.0"), ("missing", "1.0"))
    assert (result.at_latest, sorted(result.unreachable)) == (
        1, ["missing: not on the index", "offline: connection refused"]
    )


@pytest.mark.parametrize(("offline_ok", "code", "says"), [("1", 0, "SKIPPED"), ("0", 1, "none of 2 packages")])
def test_no_index_at_all_fails_unless_accepted(monkeypatch, capsys, offline_ok, code, says):
    monkeypatch.setenv("PIP_AUDIT_OFFLINE_OK", offline_ok)

    def down(_name):
        raise OSError("no route")

    assert report.report_offline([{"name": "a", "version": "1"}, {"name": "b", "version": "2"}], fetch=down) == code
    printed = capsys.readouterr()
    assert says in printed.out + printed.err


def test_the_fallback_runs_only_when_pip_audit_skipped_every_package(tmp_path, monkeypatch, capsys):
    seen = []
    monkeypatch.setattr(report, "report_offline", lambda deps: seen.append(deps) or 0)
    path = tmp_path / "report.json"
    path.write_text(json.dumps({"dependencies": [
        {"name": "pacesetter", "skip_reason": "distribution marked as editable"},
        {"name": "pytest", "skip_reason": "Dependency not found on PyPI and could not be audited: pytest (9)"},
    ]}))
    assert report.main(str(path), 0) == 0
    assert [d["name"] for d in seen[0]] == ["pytest"] and Version(seen[0][0]["version"]) >= Version("9")

    path.write_text(json.dumps({"dependencies": [
        {"name": "pacesetter", "skip_reason": "distribution marked as editable"},
        {"name": "pytest", "version": "9.2.0", "vulns": []},
        {"name": "django", "version": "5.2.1", "vulns": [{"id": "PYSEC-2025-1", "fix_versions": ["5.2.2"]}]},
    ]}))
    assert report.main(str(path), 1) == 1
    assert "django 5.2.1: PYSEC-2025-1 (fixed in 5.2.2)" in capsys.readouterr().err
    assert len(seen) == 1


def test_an_index_answering_nonsense_is_unreachable_not_a_crash(monkeypatch):
    """Not JSON three times: an OSError naming the URL, which the audit reports as "not audited"."""
    class Answer:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def read(self, *args):
            return b"<html>mirror error</html>"

    monkeypatch.setattr(report.urllib.request, "urlopen", lambda url, timeout: Answer())
    monkeypatch.setattr(report.time, "sleep", lambda seconds: None)
    with pytest.raises(OSError, match="/django/json"):
        report.fetch_project("django")
