"""The CI workflows are safe by default.

These tests read `.github/workflows/*.yml` as data and run the workflow
auditors on them: zizmor always (it is a test dependency), actionlint when it
is on PATH.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sysconfig
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

REPO_ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS_DIR = REPO_ROOT / ".github" / "workflows"
CHECK_WORKFLOW = WORKFLOWS_DIR / "check.yml"
DEPLOY_WORKFLOW = WORKFLOWS_DIR / "deploy.yml"
ALERT_WORKFLOW = WORKFLOWS_DIR / "alert.yml"
PRE_COMMIT_HOOKS = REPO_ROOT / ".pre-commit-hooks.yaml"

FULL_SHA = re.compile(r"^[0-9a-f]{40}$")
PINNED_USES_LINE = re.compile(
    r"^\s*(?:-\s+)?uses:\s*\S+@[0-9a-f]{40}\s+#\s*v\d+(?:\.\d+){0,2}\s*$"
)


def _load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _workflow_files() -> list[Path]:
    return sorted([*WORKFLOWS_DIR.glob("*.yml"), *WORKFLOWS_DIR.glob("*.yaml")])


def _triggers(workflow: dict) -> Any:
    # A YAML 1.1 loader reads the key `on` as the boolean True; ruamel's safe
    # loader (YAML 1.2) keeps it as the string "on". Accept both.
    if "on" in workflow:
        return workflow["on"]
    return workflow.get(True)


def _trigger_names(workflow: dict) -> set[str]:
    triggers = _triggers(workflow)
    if isinstance(triggers, str):
        return {triggers}
    if isinstance(triggers, list):
        return set(triggers)
    return set(triggers or {})


def _uses_refs(workflow: dict) -> list[str]:
    refs = []
    for job in (workflow.get("jobs") or {}).values():
        if "uses" in job:  # a reusable workflow
            refs.append(job["uses"])
        for step in job.get("steps") or []:
            if "uses" in step:
                refs.append(step["uses"])
    return refs


def _find_tool(name: str) -> str | None:
    """The tool from this interpreter's scripts folder, else from PATH.

    A pip-installed console binary (zizmor ships one in its wheel) lands in
    the virtualenv's scripts folder, which is not on PATH unless the venv
    is activated.
    """
    return shutil.which(name, path=sysconfig.get_path("scripts")) or shutil.which(name)


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        cmd, cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )


def _require_zizmor() -> str:
    zizmor = _find_tool("zizmor")
    if zizmor is None:
        pytest.fail("zizmor is not installed: it is a test dependency (pip install zizmor)")
    return zizmor


def _minutes(field: str) -> set[int]:
    minutes: set[int] = set()
    for part in field.split(","):
        if part.startswith("*/"):
            minutes.update(range(0, 60, int(part[2:])))
        elif part == "*":
            minutes.update(range(60))
        else:
            minutes.add(int(part))
    return minutes


def test_both_workflows_exist():
    assert CHECK_WORKFLOW.is_file()
    assert DEPLOY_WORKFLOW.is_file()


def test_zizmor_reports_no_finding_on_the_workflows():
    zizmor = _require_zizmor()
    result = _run(
        [zizmor, "--offline", "--no-progress", "--color=never", ".github/workflows/"],
        cwd=REPO_ROOT,
    )
    assert result.returncode == 0, (
        f"zizmor exited {result.returncode}\n--- stdout ---\n{result.stdout}"
        f"\n--- stderr ---\n{result.stderr}"
    )


def test_zizmor_flags_an_unsafe_workflow(tmp_path):
    # Guards the test above against passing vacuously (wrong folder, broken binary).
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "unsafe.yml").write_text(
        "on: pull_request_target\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "        with:\n"
        "          ref: ${{ github.event.pull_request.head.sha }}\n"
        "      - run: echo \"${{ github.event.pull_request.title }}\"\n",
        encoding="utf-8",
    )
    zizmor = _require_zizmor()
    result = _run(
        [zizmor, "--offline", "--no-progress", "--color=never", ".github/workflows/"],
        cwd=tmp_path,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "dangerous-triggers" in output, output
    assert "template-injection" in output, output


def test_no_workflow_triggers_on_pull_request_target():
    for path in _workflow_files():
        assert "pull_request_target" not in _trigger_names(_load(path)), path.name


def test_every_action_is_pinned_to_a_full_commit_sha():
    for path in _workflow_files():
        for ref in _uses_refs(_load(path)):
            if ref.startswith("./"):  # an action from this repository
                continue
            _action, _, version = ref.partition("@")
            assert FULL_SHA.match(version), f"{path.name}: {ref} is not pinned to a commit SHA"


def test_every_pinned_action_names_its_version_in_a_comment():
    for path in _workflow_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.match(r"^\s*(?:-\s+)?uses:", line) and "uses: ./" not in line:
                assert PINNED_USES_LINE.match(line), f"{path.name}: {line.strip()}"


def test_every_job_has_a_timeout():
    for path in _workflow_files():
        for name, job in _load(path)["jobs"].items():
            assert isinstance(job.get("timeout-minutes"), int), f"{path.name}: job {name}"


def test_check_workflow_runs_on_pull_requests():
    assert _trigger_names(_load(CHECK_WORKFLOW)) == {"pull_request"}


def test_check_workflow_token_is_read_only():
    workflow = _load(CHECK_WORKFLOW)
    assert workflow["permissions"] == {"contents": "read"}
    for name, job in workflow["jobs"].items():
        for scope, access in (job.get("permissions") or {}).items():
            assert access in ("read", "none"), f"job {name} asks {scope}: {access}"


def test_check_workflow_uses_no_secrets():
    assert "secrets." not in CHECK_WORKFLOW.read_text(encoding="utf-8")


def test_checkouts_do_not_persist_credentials():
    for path in _workflow_files():
        for job in _load(path)["jobs"].values():
            for step in job.get("steps") or []:
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert (step.get("with") or {}).get("persist-credentials") is False, path.name


def test_check_workflow_cancels_superseded_runs_of_the_same_pull_request():
    concurrency = _load(CHECK_WORKFLOW)["concurrency"]
    assert "github.event.pull_request.number" in concurrency["group"]
    assert concurrency["cancel-in-progress"] is True


def test_check_workflow_uploads_the_built_site_as_a_preview():
    steps = _load(CHECK_WORKFLOW)["jobs"]["check"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "balise check incidents" in runs
    assert "balise build --strict --site-dir site" in runs
    uploads = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert len(uploads) == 1
    assert uploads[0]["with"]["path"] == "site"
    assert uploads[0]["with"]["name"] == "status-site-preview"


def test_deploy_workflow_rebuilds_every_ten_minutes():
    schedule = _triggers(_load(DEPLOY_WORKFLOW))["schedule"]
    crons = [entry["cron"].split() for entry in schedule]
    assert any(
        _minutes(fields[0]) == set(range(0, 60, 10)) and fields[1:] == ["*"] * 4
        for fields in crons
    ), crons


def test_deploy_workflow_runs_on_push_to_main_and_by_hand():
    triggers = _triggers(_load(DEPLOY_WORKFLOW))
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers


def test_deploy_workflow_never_runs_two_deploys_at_once():
    concurrency = _load(DEPLOY_WORKFLOW)["concurrency"]
    assert concurrency["group"] == "pages"
    assert concurrency["cancel-in-progress"] is False


def test_deploy_workflow_grants_each_job_only_what_it_needs():
    workflow = _load(DEPLOY_WORKFLOW)
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["notify"]["permissions"] == {"contents": "write"}  # the ledger branch, nothing else


def test_deploy_workflow_publishes_the_built_site_after_the_build():
    jobs = _load(DEPLOY_WORKFLOW)["jobs"]
    build_steps = jobs["build"]["steps"]
    assert "balise build --site-dir site" in [s.get("run", "") for s in build_steps]
    upload = [
        s for s in build_steps if s.get("uses", "").startswith("actions/upload-pages-artifact@")
    ]
    assert upload and upload[0]["with"]["path"] == "site"
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert "steps.deployment.outputs.page_url" in deploy["environment"]["url"]
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])


def test_pre_commit_hook_runs_balise_check_on_incident_changes():
    (hook,) = _load(PRE_COMMIT_HOOKS)
    assert hook["id"] == "balise-check"
    assert hook["entry"] == "balise check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("incidents/2026-11-20-api-errors.md")
    assert files.search("mkdocs.yml")
    assert not files.search("README.md")


def test_actionlint_reports_no_error():
    actionlint = _find_tool("actionlint")
    if actionlint is None:
        pytest.skip("actionlint is not on PATH")
    result = _run(
        [actionlint, "-no-color", *(str(p.relative_to(REPO_ROOT)) for p in _workflow_files())],
        cwd=REPO_ROOT,
    )
    assert result.returncode == 0, (
        f"actionlint exited {result.returncode}\n{result.stdout}\n{result.stderr}"
    )


def test_check_workflow_flags_files_that_need_a_maintainers_review():
    steps = _load(CHECK_WORKFLOW)["jobs"]["check"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 2  # the merge commit and the base it is compared with
    assert "balise changes --base HEAD^1" in [step.get("run", "") for step in steps]


def test_no_workflow_interpolates_an_expression_into_a_shell_script():
    for path in _workflow_files():
        for job in _load(path)["jobs"].values():
            for step in job.get("steps") or []:
                assert "${{" not in step.get("run", ""), f"{path.name}: {step.get('name')}"


def test_deploy_workflow_announces_only_after_a_successful_deploy():
    notify = _load(DEPLOY_WORKFLOW)["jobs"]["notify"]
    assert notify["needs"] == ["build", "deploy"]
    assert "if" not in notify  # the default: only when both succeeded
    assert [s.get("run") for s in notify["steps"]][-1] == "balise notify"


def test_deploy_workflow_never_runs_two_senders_at_once():
    notify = _load(DEPLOY_WORKFLOW)["jobs"]["notify"]
    assert notify["concurrency"] == {"group": "notify", "cancel-in-progress": False}


def test_notification_secrets_reach_only_the_step_that_sends():
    workflow = _load(DEPLOY_WORKFLOW)
    holders = []
    for name, job in workflow["jobs"].items():
        for step in job.get("steps") or []:
            if "secrets." in str(step):
                holders.append((name, step.get("name")))
    assert holders == [("notify", "Announce new incidents and updates")]
    assert workflow["jobs"]["notify"]["environment"]["name"] == "notifications"


def test_the_announcements_use_the_builds_moment():
    jobs = _load(DEPLOY_WORKFLOW)["jobs"]
    assert jobs["build"]["outputs"]["epoch"] == "${{ steps.clock.outputs.epoch }}"
    build_step = next(s for s in jobs["build"]["steps"] if s.get("run") == "balise build --site-dir site")
    assert build_step["env"]["SOURCE_DATE_EPOCH"] == "${{ steps.clock.outputs.epoch }}"
    announce = jobs["notify"]["steps"][-1]
    assert announce["env"]["SOURCE_DATE_EPOCH"] == "${{ needs.build.outputs.epoch }}"


def test_alert_workflow_runs_on_dispatch_and_by_hand_with_a_pasted_payload():
    triggers = _triggers(_load(ALERT_WORKFLOW))
    assert set(triggers) == {"repository_dispatch", "workflow_dispatch"}
    assert triggers["repository_dispatch"]["types"] == ["alert"]
    assert triggers["workflow_dispatch"]["inputs"]["payload"]["required"] is True


def test_alert_workflow_auto_publishes_only_when_its_schedule_is_turned_on():
    workflow = _load(ALERT_WORKFLOW)
    assert "schedule" not in _triggers(workflow)  # off by default: the schedule is commented out
    assert workflow["jobs"]["publish"]["if"] == "github.event_name == 'schedule'"
    assert workflow["jobs"]["draft"]["if"] == "github.event_name != 'schedule'"
    assert '#   - cron: "*/5 * * * *"' in ALERT_WORKFLOW.read_text(encoding="utf-8")


def test_alert_workflow_grants_each_job_only_what_it_needs():
    workflow = _load(ALERT_WORKFLOW)
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert jobs["draft"]["permissions"] == {"contents": "write", "pull-requests": "write", "statuses": "write"}
    assert jobs["publish"]["permissions"] == {"contents": "write", "pull-requests": "write", "statuses": "read"}


def test_alert_workflow_runs_one_payload_of_a_group_at_a_time_in_order():
    concurrency = _load(ALERT_WORKFLOW)["concurrency"]
    for key in ("client_payload.groupKey", "client_payload.monitor.id", "client_payload.key"):
        assert key in concurrency["group"]
    assert concurrency["cancel-in-progress"] is False


def test_alert_workflow_reads_the_payload_from_the_event_file_as_data():
    steps = _load(ALERT_WORKFLOW)["jobs"]["draft"]["steps"]
    save = next(step for step in steps if step.get("name") == "Save the payload")
    assert "env" not in save and '"$GITHUB_EVENT_PATH"' in save["run"]
    assert steps[-1]["run"] == 'balise alert "$RUNNER_TEMP/payload.json" --pull-request'


def test_alert_tokens_reach_only_the_steps_that_call_github():
    holders = []
    for name, job in _load(ALERT_WORKFLOW)["jobs"].items():
        for step in job.get("steps") or []:
            if "secrets." in str(step):
                holders.append((name, step["run"].split(" ")[:2]))
                assert set(step["env"]) >= {"GITHUB_TOKEN", "BALISE_GITHUB_TOKEN"}
    assert holders == [("draft", ["balise", "alert"]), ("publish", ["balise", "alert"])]
