"""requirements.txt and environment.yml pin the same packages at the same versions."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = (ROOT / "requirements.txt").read_text().splitlines()
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==(\S+)$")


def pins(lines: list[str]) -> dict[str, str]:
    found = {}
    for line in lines:
        match = PIN.match(line.split("#")[0].strip().removeprefix("- ").strip())
        if match:
            found[match[1].lower().replace("_", "-")] = match[2]
    return found


def test_every_requirement_is_pinned_exactly():
    lines = [line.split("#")[0].strip() for line in REQUIREMENTS]
    lines = [line for line in lines if line]
    assert lines and all(PIN.match(line) for line in lines), lines


def test_torch_is_the_cpu_wheel_on_this_machine():
    assert pins(REQUIREMENTS)["torch"] == "2.13.0"


def test_environment_yml_matches_requirements():
    environment = (ROOT / "environment.yml").read_text()
    assert "python=3.11" in environment
    assert pins(environment.splitlines()) == pins(REQUIREMENTS)
