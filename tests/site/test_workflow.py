"""The CI workflow (.github/workflows/site.yml): valid, least privilege, and
running the project's own commands, which run here too."""

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import ROOT, Site

WORKFLOW = ROOT / ".github/workflows/site.yml"
BIN = Path(sys.executable).parent  # the venv running this suite
VENV = Path(sys.prefix)
COPY_IGNORE = shutil.ignore_patterns(
    ".venv", ".git", "output", "output.*", "output-*", "node_modules", ".cache", "__pycache__"
)
MAIN_ONLY = "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'"


def check_workflow(path):
    return subprocess.run(
        [BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def workflow():
    # YAML 1.2 (ruamel's default): the key `on` stays the string "on".
    return YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))


def run_steps(job):
    return [step["run"] for step in job["steps"] if "run" in step]


def step_env(step):
    """A step's env, with `${{ vars.NAME || 'default' }}` as the default (no variables here)."""
    env = {}
    for name, value in step.get("env", {}).items():
        value = str(value)
        default = re.fullmatch(r"\$\{\{\s*vars\.\w+\s*\|\|\s*'([^']*)'\s*\}\}", value)
        if default:
            value = default.group(1)
        assert "${{" not in value, f"{name}: cannot evaluate {value} outside GitHub Actions"
        env[name] = value
    return env


def test_the_workflow_matches_githubs_schema():
    result = check_workflow(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_fails_on_a_broken_workflow(tmp_path):
    broken = tmp_path / "site.yml"
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "runs-on:" in text
    broken.write_text(text.replace("runs-on:", "runs_on:"), encoding="utf-8")

    result = check_workflow(broken)

    assert result.returncode != 0
    assert "'runs-on' is a required property" in result.stdout


def test_triggers(workflow):
    on = workflow["on"]
    assert on["push"]["branches"] == ["main"]
    assert "pull_request" in on
    assert "workflow_dispatch" in on
    crons = [entry["cron"] for entry in on["schedule"]]
    assert len(crons) == 1 and len(crons[0].split()) == 5
    minute, hour, day, month, weekday = crons[0].split()
    assert (day, month, weekday) == ("*", "*", "*"), "the schedule runs every day"


def test_least_privilege(workflow):
    assert workflow["permissions"] == {"contents": "read"}
    for name, job in workflow["jobs"].items():
        granted = job.get("permissions", {})
        if name == "deploy":
            assert granted == {"pages": "write", "id-token": "write"}
        else:
            assert "write" not in granted.values(), f"{name} may write"
            assert granted != "write-all"


def test_deploys_never_overlap_and_skip_pull_requests(workflow):
    deploy = workflow["jobs"]["deploy"]
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert deploy["needs"] == "build"
    assert deploy["if"] == MAIN_ONLY
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


CODE = "steps.path.outputs.path == 'code'"
CONTENT = "steps.path.outputs.path == 'content'"


def test_build_job_runs_the_project_commands(workflow):
    build = workflow["jobs"]["build"]
    assert build["container"].startswith("python:3.11-bookworm")
    assert run_steps(build) == ["make ci-path", "make test", "make site", "make check-site"]
    paths = {step["run"]: step.get("if") for step in build["steps"] if "run" in step}
    assert paths == {
        "make ci-path": None,
        "make test": CODE,
        "make site": CODE,
        "make check-site": CONTENT,
    }
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(
        r"^check-site:.*\n\t\$\(BIN\)/invoke check-site --publish --changed$", makefile, re.M
    )
    uploads = {step["uses"].split("@")[0]: step for step in build["steps"] if "uses" in step}
    assert uploads["actions/upload-artifact"]["if"] == "github.event_name == 'pull_request'"
    assert uploads["actions/upload-pages-artifact"]["if"] == MAIN_ONLY
    for step in (uploads["actions/upload-artifact"], uploads["actions/upload-pages-artifact"]):
        assert step["with"]["path"] == "output/"


def test_actions_are_pinned_to_a_commit_with_their_version_beside_it(workflow):
    """A tag can be moved to other code; a commit cannot. The comment says
    which release the commit is, for the reader and for updates."""
    uses = re.findall(r"uses: (\S+)(.*)", WORKFLOW.read_text(encoding="utf-8"))
    assert len(uses) == sum(
        "uses" in step for job in workflow["jobs"].values() for step in job["steps"]
    )
    for action, comment in uses:
        assert re.fullmatch(r"actions/[\w-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r" # v\d+\.\d+\.\d+", comment), f"{action}: {comment!r}"


def test_checkout_leaves_no_token_behind(workflow):
    """Nothing after the checkout pushes: the job's token stays out of .git/config."""
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


def test_the_workflow_commands_run_here_in_the_same_order(workflow, tmp_path):
    """The workflow cannot run here, so this runs the same commands, in the same order."""
    steps = [
        step for step in workflow["jobs"]["build"]["steps"] if step.get("if") == CODE
    ]  # the code path; the content path's `invoke check-site` is tests/tools/test_site_gates.py's
    # The first, `make test`, is the README's test command, the one .ci/run
    # runs: it is the command running this suite right now.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert steps[0]["run"] in re.findall(r"```sh\n(.*?)\n```", readme)
    assert steps[0]["run"] in (ROOT / ".ci/run").read_text().splitlines()
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^test:.*\n\t\$\(BIN\)/invoke test$", makefile, re.M)
    assert "-m pytest" in (ROOT / "tasks.py").read_text()

    # The later steps run in a copy of the project, with this venv.
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=COPY_IGNORE)
    for step in steps[1:]:
        command = shlex.split(step["run"])
        assert command[0] == "make", step["run"]
        env = {**os.environ, **step_env(step)}
        result = subprocess.run(
            ["make", "-C", str(project), *command[1:], f"VENV={VENV}"],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, f"{step['run']}:\n{result.stdout}\n{result.stderr}"

    siteurl = step_env(steps[-1])["SITEURL"]
    site = Site(project / "output")
    assert site.file("/").is_file()
    assert site.soup("/").select_one('link[rel="canonical"]')["href"] == siteurl + "/"
    for lang in ("ar", "en", "fr"):
        canonical = site.soup(f"/{lang}/").select_one('link[rel="canonical"]')["href"]
        assert canonical == f"{siteurl}/{lang}/"


def test_the_path_is_content_only_when_every_change_is_under_content(tmp_path):
    """`make ci-path` in a git repository: content/ alone, or anything else."""
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=COPY_IGNORE)

    def git(*args):
        command = ["git", "-C", str(project), "-c", "user.name=T", "-c", "user.email=t@example.org"]
        return subprocess.run([*command, *args], check=True, capture_output=True, text=True)

    def path(before):
        output = tmp_path / "github-output"
        output.unlink(missing_ok=True)
        env = {**os.environ, "BEFORE": before, "GITHUB_OUTPUT": str(output)}
        result = subprocess.run(
            ["make", "-C", str(project), "ci-path", f"VENV={VENV}"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return output.read_text()

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-qm", "Everything")
    first = git("rev-parse", "HEAD").stdout.strip()
    story = project / "content/articles/2020/aicto-and-huawei-strengthen-their-cooperation.en.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nA correction.\n", encoding="utf-8")
    git("commit", "-qam", "A correction")

    assert path(first) == "path=content\n"
    (project / "theme/static/css/newsroom.css").write_text("/* changed */\n", encoding="utf-8")
    git("commit", "-qam", "A theme change")
    assert path(first) == "path=code\n"
    assert path("0" * 40) == "path=code\n"  # a new branch: nothing to compare with
    assert path("f" * 40) == "path=code\n"  # a commit this history does not have
    assert path("") == "path=code\n"  # a scheduled run
