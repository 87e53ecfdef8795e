"""Configuration as the running Pulumi program sees it (`pulumi up`, or the offline preview)."""

from __future__ import annotations

import json
from typing import Any

import pulumi
import pulumi.runtime.config as runtime_config

from inferline.config.loader import NAMESPACE, parse_config
from inferline.config.stack import StackConfig
from inferline.errors import ConfigError


def inferline_values() -> dict[str, Any]:
    """Every `inferline:` key the engine passed, unknown ones included so that typos are reported.

    The SDK has no public way to list config keys; these are the two places it reads them from
    (explicit config, then the PULUMI_CONFIG environment bag).
    """
    keys = {key for key in (*runtime_config.CONFIG.get(), *runtime_config.get_config_env()) if key.startswith(f"{NAMESPACE}:")}
    config = pulumi.Config(NAMESPACE)
    values: dict[str, Any] = {}
    for full_key in sorted(keys):
        key = full_key.split(":", 1)[1]
        raw = config.get(key)
        if raw is None:
            continue
        try:
            values[key] = json.loads(raw)  # structured values and numbers arrive as JSON text
        except json.JSONDecodeError:
            values[key] = raw
    return values


def program_config() -> StackConfig:
    """This stack's configuration, checked for shape; on problems stop the program with all of them, no traceback."""
    values = inferline_values()
    secret_keys = [key for key in values if runtime_config.is_config_secret(f"{NAMESPACE}:{key}")]
    try:
        return parse_config(values, secret_keys)
    except ConfigError as error:
        raise pulumi.RunError(error.render()) from None
