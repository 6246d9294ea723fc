"""Reading a policy file into a validated `Policy`, with errors a person can act on."""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from tollgate.config.policy import Policy

DEFAULT_POLICY_NAME = "<embedded default policy>"


class PolicyError(Exception):
    """The policy file cannot be used; the message names the file, the key and the problem."""


def default_policy_text() -> str:
    return resources.files("tollgate.config").joinpath("default_policy.yaml").read_text("utf-8")


def load_policy(path: str | Path | None = None) -> Policy:
    """Load and validate the policy at `path`, or the embedded default when None."""
    if path is None:
        return parse_policy(default_policy_text(), DEFAULT_POLICY_NAME)
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise PolicyError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"{path}: cannot be read ({exc.__class__.__name__})") from None
    return parse_policy(text, str(path))


def parse_policy(text: str, source: str) -> Policy:
    try:
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" at line {where.line + 1}" if where is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise PolicyError(f"{source}: not valid YAML{line}: {problem}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise PolicyError(f"{source}: the top level must be a mapping of keys such as vendors:")
    try:
        policy = Policy.model_validate(data)
    except ValidationError as exc:
        raise PolicyError(_describe(source, exc)) from None
    if policy.version is None:
        # Without a stated version, the content names it: any change, a new version.
        digest = hashlib.sha256(policy.model_dump_json().encode()).hexdigest()[:12]
        policy = policy.model_copy(update={"version": f"sha256:{digest}"})
    return policy


def _describe(source: str, exc: ValidationError) -> str:
    lines = [f"{source}: {exc.error_count()} problem(s)"]
    for error in exc.errors(include_url=False, include_input=False):
        key = ".".join(str(part) for part in error["loc"]) or "(top level)"
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = "unknown key (check the spelling against the documented policy keys)"
        lines.append(f"  {key}: {message}")
    return "\n".join(lines)
