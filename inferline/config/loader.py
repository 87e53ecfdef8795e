"""Read and validate a stack's configuration, from a stack file or from the running Pulumi program.

Shape first (pydantic, every problem at once), then what holds across values without planning (unique
names, certificates per site, key rotation per cloud). The address plan and the links are planning's.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from inferline.clouds.capabilities import FIXED_KEY_ROTATION_DAYS
from inferline.config.stack import StackConfig
from inferline.errors import ConfigError, Problem, format_location

NAMESPACE = "inferline"
#: Key prefix of a stack file's encrypted values (`pulumi config set --secret`).
SECURE_KEY = "secure"


def parse_config(raw: Mapping[str, Any], secret_keys: Collection[str] = ()) -> StackConfig:
    """The `inferline:` values (namespace already stripped) of one stack, checked for shape.

    ``secret_keys`` are the keys set with `pulumi config set --secret`. No inferline setting is a secret
    today, so an encrypted value is refused rather than used (a ciphertext would otherwise become, say, a tag).
    What holds across values (the address plan, the links) is checked by planning
    (``inferline.planning.stack.plan_stack``), which also reports ``config_problems``.
    """
    secret_problems = [
        Problem(key, "is encrypted (`pulumi config set --secret`), but this setting is not secret: set it in plain text")
        for key in sorted(secret_keys)
        if key in raw
    ]
    if secret_problems:
        raise ConfigError(secret_problems)
    environment = raw.get("environment")
    context = {"environment": environment if isinstance(environment, str) else None}
    try:
        return StackConfig.model_validate(dict(raw), context=context)
    except ValidationError as error:
        raise ConfigError([_problem_from_pydantic(item) for item in _most_specific(error.errors())]) from None


def config_problems(config: StackConfig) -> list[Problem]:
    """What must hold across a shape-valid configuration before it can be planned."""
    return _duplicate_site_names(config) + _certificate_problems(config) + _key_rotation_problems(config)


def read_stack_file(path: Path) -> tuple[dict[str, Any], list[str]]:
    """The `inferline:` values of a `Pulumi.<stack>.yaml` file and the keys that are secrets.

    Encrypted values cannot be decrypted offline; they are kept as opaque secret markers.
    """
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as error:
        raise ConfigError([Problem("", f"cannot read {path}: {error.strerror}")]) from None
    except yaml.YAMLError as error:
        raise ConfigError([Problem("", f"{path} is not valid YAML: {error}")]) from None
    if not isinstance(document, dict):
        raise ConfigError([Problem("", f"{path} must be a mapping with a `config:` section")])
    section = document.get("config") or {}
    if not isinstance(section, dict):
        raise ConfigError([Problem("config", "must be a mapping of `namespace:key` to values")])
    values: dict[str, Any] = {}
    secret_keys: list[str] = []
    for key, value in section.items():
        namespace, _, name = str(key).partition(":")
        if namespace != NAMESPACE or not name:
            continue  # other namespaces (aws:region, …) belong to providers
        if isinstance(value, dict) and set(value) == {SECURE_KEY}:
            secret_keys.append(name)
        values[name] = value
    return values, secret_keys


def _duplicate_site_names(config: StackConfig) -> list[Problem]:
    first_seen: dict[str, int] = {}
    problems = []
    for index, site in enumerate(config.sites):
        if site.name in first_seen:
            problems.append(Problem(f"sites[{index}].name", f"'{site.name}' is already the name of sites[{first_seen[site.name]}]"))
        else:
            first_seen[site.name] = index
    return problems


def _key_rotation_problems(config: StackConfig) -> list[Problem]:
    days = config.security.kms.rotation_days
    problems = []
    for cloud, (fixed, why) in FIXED_KEY_ROTATION_DAYS.items():
        sites = [site.name for site in config.sites if site.cloud == cloud]
        if sites and days != fixed:
            problems.append(Problem("security.kms.rotation_days", f"must be {fixed} with {cloud} sites ({', '.join(sites)}): {why}"))
    return problems


def _certificate_problems(config: StackConfig) -> list[Problem]:
    tls = config.security.tls
    names = {site.name for site in config.sites}
    problems = [
        Problem(f"security.tls.certificates.{name}", f"'{name}' is not a site of this stack")
        for name in sorted(set(tls.certificates) - names)
    ]
    if tls.mode == "certificates":
        problems += [
            Problem("security.tls.certificates", f"mode 'certificates' needs a certificate for site '{name}'")
            for name in sorted(names - set(tls.certificates))
        ]
    return problems


def _most_specific(items: list[Any]) -> list[Any]:
    """Drop a union's "not a string" branch where another branch of the same field says what is wrong with the
    object given (`serving.model` is a catalog name or an inline description)."""
    def field(item: Any) -> tuple[Any, ...]:
        return tuple(item["loc"][:-1])

    return [
        item for item in items
        if not (item["type"] == "string_type" and item["loc"][-1] == "str"
                and any(other is not item and tuple(other["loc"][: len(field(item))]) == field(item) for other in items))
    ]


def _problem_from_pydantic(item: Mapping[str, Any]) -> Problem:
    location = tuple(item["loc"])
    message = str(item["msg"])
    if item["type"] == "extra_forbidden":
        message = "is not a known setting (check its spelling)"
    elif item["type"] == "missing":
        message = "is required"
    elif message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    # Literal and union errors name the type tag in the location ("str", "function-after[...]"); drop it.
    location = tuple(part for part in location if not (isinstance(part, str) and ("[" in part or part in {"str", "int", "bool", "float", "none"})))
    return Problem(format_location(location), message)
