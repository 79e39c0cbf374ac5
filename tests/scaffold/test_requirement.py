"""The requirement `balise init` writes, from how the running Balise was installed (PEP 610's
direct_url.json): each kind of install gives a line a fresh CI runner can install.

These feed `requirement_for` the direct_url.json pip writes for each kind of install; the slow
tests in tests/packaging install Balise those ways for real.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from site_builder.cli import main
from site_builder.scaffold.requirement import Origin, RequirementError, requirement_for

VERSION = "0.1.0"
COMMIT = "4f1c0b1e9d2a6c3b8e7f5a4d3c2b1a0f9e8d7c6b"


def never_built(source: str, folder: Path) -> Path:
    raise AssertionError(f"nothing should be built here (asked for {source})")


def builds_a_wheel(built: list[str]):
    def build(source: str, folder: Path) -> Path:
        built.append(source)
        wheel = folder / f"balise-{VERSION}-py3-none-any.whl"
        wheel.write_bytes(b"PK built")
        return wheel

    return build


def test_from_an_index_the_exact_version(tmp_path):
    chosen = requirement_for(Origin(None), VERSION, never_built)
    assert (chosen.line, chosen.vendored) == (f"balise=={VERSION}", None)
    assert chosen.upgrade == "change the version on the balise line of requirements.txt"


def test_from_a_local_wheel_a_copy_in_vendor_named_from_the_projects_root(tmp_path):
    wheel = tmp_path / "dist" / f"balise-{VERSION}-py3-none-any.whl"
    wheel.parent.mkdir()
    wheel.write_bytes(b"PK the wheel")
    origin = Origin({"url": wheel.as_uri(), "archive_info": {"hashes": {"sha256": "ab" * 32}}})
    chosen = requirement_for(origin, VERSION, never_built)
    assert chosen.line == f"./vendor/{wheel.name}"
    assert chosen.vendored is not None and (chosen.vendored.path, chosen.vendored.data) == (f"vendor/{wheel.name}", b"PK the wheel")
    assert str(wheel) in chosen.how


def test_from_a_local_sdist_a_copy_in_vendor(tmp_path):
    sdist = tmp_path / f"balise-{VERSION}.tar.gz"
    sdist.write_bytes(b"\x1f\x8b sdist")
    chosen = requirement_for(Origin({"url": sdist.as_uri(), "archive_info": {}}), VERSION, never_built)
    assert chosen.line == f"./vendor/{sdist.name}"


def test_a_wheel_deleted_since_it_was_installed_is_named_with_what_to_pass_instead(tmp_path):
    gone = tmp_path / f"balise-{VERSION}-py3-none-any.whl"
    with pytest.raises(RequirementError) as refused:
        requirement_for(Origin({"url": gone.as_uri(), "archive_info": {}}), VERSION, never_built)
    assert f"Balise was installed from {gone}, which is no longer there" in str(refused.value)
    assert "--requirement" in str(refused.value)


def test_from_a_remote_archive_its_url_with_the_hash_pip_recorded():
    origin = Origin({"url": "https://wheels.acme.test/balise-0.1.0-py3-none-any.whl",
                     "archive_info": {"hashes": {"sha256": "ab" * 32}}})  # fmt: skip
    chosen = requirement_for(origin, VERSION, never_built)
    assert chosen.line == f"balise @ https://wheels.acme.test/balise-0.1.0-py3-none-any.whl#sha256={'ab' * 32}"


def test_from_git_the_exact_commit():
    origin = Origin({"url": "https://git.acme.test/tools/balise.git",
                     "vcs_info": {"vcs": "git", "commit_id": COMMIT, "requested_revision": "main"}})  # fmt: skip
    chosen = requirement_for(origin, VERSION, never_built)
    assert chosen.line == f"balise @ git+https://git.acme.test/tools/balise.git@{COMMIT}"
    assert chosen.upgrade == "change the commit at the end of the balise line of requirements.txt"


def test_from_git_in_a_sub_folder_the_sub_folder_too():
    origin = Origin({"url": "https://git.acme.test/mono.git", "subdirectory": "tools/balise",
                     "vcs_info": {"vcs": "git", "commit_id": COMMIT}})  # fmt: skip
    assert requirement_for(origin, VERSION, never_built).line == (
        f"balise @ git+https://git.acme.test/mono.git@{COMMIT}#subdirectory=tools/balise"
    )


@pytest.mark.parametrize(
    ("url", "written"),
    [
        ("https://deploy:s3cr3t@git.acme.test/balise.git", "https://git.acme.test/balise.git"),
        ("https://${GIT_TOKEN}@git.acme.test/balise.git", "https://${GIT_TOKEN}@git.acme.test/balise.git"),
        ("ssh://git@git.acme.test/balise.git", "ssh://git@git.acme.test/balise.git"),
    ],
)
def test_a_password_in_the_url_never_reaches_the_repository(url, written):
    origin = Origin({"url": url, "vcs_info": {"vcs": "git", "commit_id": COMMIT}})
    chosen = requirement_for(origin, VERSION, never_built)
    assert chosen.line == f"balise @ git+{written}@{COMMIT}"
    assert "s3cr3t" not in chosen.how


def test_from_a_clone_on_this_machine_a_wheel_of_that_commit_is_built_into_vendor(tmp_path):
    built: list[str] = []
    origin = Origin({"url": tmp_path.as_uri(), "vcs_info": {"vcs": "git", "commit_id": COMMIT}})
    chosen = requirement_for(origin, VERSION, builds_a_wheel(built))
    assert built == [f"git+{tmp_path.as_uri()}@{COMMIT}"]
    assert chosen.line == f"./vendor/balise-{VERSION}-py3-none-any.whl"
    assert chosen.vendored is not None and chosen.vendored.data == b"PK built"


@pytest.mark.parametrize("editable", [True, False], ids=["editable", "folder"])
def test_from_a_checkout_a_wheel_of_it_is_built_into_vendor(tmp_path, editable):
    built: list[str] = []
    origin = Origin({"url": tmp_path.as_uri(), "dir_info": {"editable": editable}})
    chosen = requirement_for(origin, VERSION, builds_a_wheel(built))
    assert built == [str(tmp_path)]
    assert chosen.line == f"./vendor/balise-{VERSION}-py3-none-any.whl"
    assert ("an editable checkout" if editable else "a source folder") in chosen.how


def test_a_checkout_that_cannot_be_built_is_refused_with_the_requirement_to_pass(tmp_path):
    def fails(source: str, folder: Path) -> Path:
        raise RequirementError("ERROR: Could not find a version that satisfies the requirement setuptools>=69")

    origin = Origin({"url": tmp_path.as_uri(), "dir_info": {"editable": True}})
    with pytest.raises(RequirementError) as refused:
        requirement_for(origin, VERSION, fails)
    message = str(refused.value)
    assert "setuptools>=69" in message
    assert f"python -m pip wheel --no-deps -w dist {tmp_path}" in message
    assert f"balise init --requirement dist/balise-{VERSION}-py3-none-any.whl" in message


# -- what `init` does with it --------------------------------------------------------------


@pytest.fixture
def installed_from(monkeypatch):
    def install(direct_url: dict | None) -> None:
        monkeypatch.setattr("site_builder.commands.init.installed_origin", lambda: Origin(direct_url))

    return install


def test_init_says_which_way_it_chose_and_vendors_the_wheel(tmp_path, installed_from, monkeypatch):
    monkeypatch.chdir(tmp_path)
    wheel = tmp_path / f"balise-{VERSION}-py3-none-any.whl"
    wheel.write_bytes(b"PK")
    installed_from({"url": wheel.as_uri(), "archive_info": {}})
    result = CliRunner().invoke(main, ["init", "status"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"balise init: requirements.txt installs Balise from vendor/{wheel.name}, a copy of the archive" in result.stderr
    assert f"status/vendor/{wheel.name}" in result.stdout.splitlines()
    gitignore = (tmp_path / "status" / ".gitignore").read_text(encoding="utf-8")
    assert "!/vendor/\n!/vendor/**\n" in gitignore
    readme = (tmp_path / "status" / "README.md").read_text(encoding="utf-8")
    assert "One step: put the new wheel in vendor/ in place of the old one" in readme


def test_init_with_the_archive_gone_writes_nothing_and_says_why(tmp_path, installed_from, monkeypatch):
    monkeypatch.chdir(tmp_path)
    installed_from({"url": (tmp_path / "gone.whl").as_uri(), "archive_info": {}})
    result = CliRunner().invoke(main, ["init", "status"], catch_exceptions=False)
    assert result.exit_code == 1
    assert "balise init: refused, nothing was written: Balise was installed from" in result.stderr
    assert "which is no longer there" in result.stderr
    assert not (tmp_path / "status").exists()


def test_requirement_overrides_what_was_detected(tmp_path, installed_from, monkeypatch):
    monkeypatch.chdir(tmp_path)
    installed_from({"url": (tmp_path / "gone.whl").as_uri(), "archive_info": {}})
    result = CliRunner().invoke(main, ["init", "status", "--requirement", "balise==0.1.0"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "status" / "vendor").exists()
    assert "!/vendor/" not in (tmp_path / "status" / ".gitignore").read_text(encoding="utf-8")


def test_the_vendored_wheel_is_committed_even_where_a_global_gitignore_leaves_wheels_out(tmp_path, installed_from,
                                                                                          monkeypatch):  # fmt: skip
    wheel = tmp_path / f"balise-{VERSION}-py3-none-any.whl"
    wheel.write_bytes(b"PK")
    installed_from({"url": wheel.as_uri(), "archive_info": {}})
    excludes = tmp_path / "global-ignore"
    excludes.write_text("*.whl\nvendor/\n", encoding="utf-8")
    project = tmp_path / "status"
    assert CliRunner().invoke(main, ["init", str(project)], catch_exceptions=False).exit_code == 0
    git = ["git", "-c", f"core.excludesFile={excludes}"]
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    staged = subprocess.run([*git, "diff", "--cached", "--name-only"], cwd=project, capture_output=True, text=True,
                            check=True).stdout.split()  # fmt: skip
    assert f"vendor/{wheel.name}" in staged
