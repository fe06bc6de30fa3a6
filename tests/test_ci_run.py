""".ci/run installs system packages only when it runs as CI, and never calls sudo unasked."""

import os
import re
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / ".ci" / "run"


def install_or_explain(tmp_path: Path, uid: int, ci: str | None, sudo_ok: bool = True):
    """Run .ci/run's install_or_explain for a missing command, with apt-get, sudo and id
    replaced by fakes that log their calls; returns (calls, stderr)."""
    function = re.search(r"^install_or_explain\(\) \{.*?^\}", SCRIPT.read_text(),
                         re.S | re.M).group(0)
    fakes = tmp_path / "bin"
    fakes.mkdir(parents=True)
    log = tmp_path / "calls"
    for name, body in {"apt-get": f'echo "apt-get $*" >> {log}',
                       "sudo": f'echo "sudo $*" >> {log}; exit {0 if sudo_ok else 1}',
                       "id": f"echo {uid}"}.items():
        (fakes / name).write_text(f"#!/bin/sh\n{body}\n")
        (fakes / name).chmod(0o755)
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env["PATH"] = f"{fakes}:{env['PATH']}"
    if ci is not None:
        env["CI"] = ci
    result = subprocess.run(["bash", "-c", f"{function}\ninstall_or_explain no-such-cmd pkg"],
                            env=env, capture_output=True, text=True, check=True)
    return (log.read_text().splitlines() if log.exists() else []), result.stderr


@pytest.mark.parametrize("uid", [0, 1000])
def test_outside_ci_nothing_is_installed_and_the_command_is_printed(tmp_path, uid):
    calls, stderr = install_or_explain(tmp_path, uid, ci=None)
    assert calls == []
    assert "sudo apt-get install --no-install-recommends pkg" in stderr


def test_in_ci_as_root_apt_get_installs(tmp_path):
    calls, _ = install_or_explain(tmp_path, 0, ci="true")
    assert calls[-1].startswith("apt-get install") and calls[-1].endswith("pkg")
    assert not any(call.startswith("sudo") for call in calls)


def test_in_ci_sudo_is_used_only_without_a_password(tmp_path):
    calls, _ = install_or_explain(tmp_path, 1000, ci="true")
    assert calls[0] == "sudo -n true" and calls[-1].startswith("sudo")
    calls, stderr = install_or_explain(tmp_path / "asks", 1000, ci="true", sudo_ok=False)
    assert calls == ["sudo -n true"] and "Install it with" in stderr
