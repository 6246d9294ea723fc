"""Changing a policy file in place, keeping its comments and layout."""

from __future__ import annotations

import io
import os
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from tollgate.config.loader import PolicyError, parse_policy


def add_user(path: str | Path, name: str, team: str | None, key_sha256: str) -> None:
    """Append a user to the policy at `path`; the file changes only if the result is valid."""
    path = Path(path)
    yaml = YAML()  # round-trip: comments and key order survive
    try:
        document = yaml.load(path.read_text("utf-8")) or CommentedMap()
    except FileNotFoundError:
        raise PolicyError(f"{path}: no such file") from None
    except Exception as exc:  # noqa: BLE001 - any YAML error: report, change nothing
        raise PolicyError(f"{path}: not valid YAML ({exc.__class__.__name__})") from None
    if not isinstance(document, dict):
        raise PolicyError(f"{path}: the top level must be a mapping of keys such as vendors:")
    users = document.setdefault("users", CommentedSeq())
    if not isinstance(users, list):
        raise PolicyError(f"{path}: users must be a list")
    if any(isinstance(u, dict) and u.get("name") == name for u in users):
        raise PolicyError(f"{path}: users: there is already a user called {name!r}")
    entry = CommentedMap(name=name)
    if team:
        entry["team"] = team
    entry["key_sha256"] = key_sha256
    users.append(entry)
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    parse_policy(buffer.getvalue(), str(path))  # raises PolicyError, leaving the file untouched
    staging = path.with_name(path.name + ".tmp")
    staging.write_text(buffer.getvalue(), "utf-8")
    os.replace(staging, path)
