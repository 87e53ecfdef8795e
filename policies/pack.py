"""The rules as pulumi-policy policies (CrossGuard), enforced with `pulumi preview --policy-pack policies`.

Unknown values on the real CrossGuard path. pulumi-policy hands a policy ``args.props`` wrapped by
``pulumi_policy.proxy.unknown_checking_proxy``: a value the engine does not know yet (a computed output during
``pulumi preview``) stays in the props as one of the proxy's sentinel strings (``UNKNOWN_STRING_VALUE`` and its
boolean, number, array, object, asset and archive siblings), and *reading* it through the proxy raises
``UnknownValueError``. The analyzer catches that error and turns it into an ADVISORY diagnostic ("can't run policy
... during preview"), whatever the policy's enforcement level: left alone, a mandatory policy that meets an unknown
silently passes the preview. Secrets arrive already unwrapped (the plaintext), so they need nothing here.

This adapter therefore never reads the proxy the way a policy would: ``plain_props`` unwraps it without touching
the sentinels' guard and replaces every sentinel by ``<computed>``, the marker the rules treat as "could not be
checked". A rule that could not check a value returns an "unknown" finding, which a mandatory policy reports as a
violation (worded "could not be checked"), exactly as the offline preview fails it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    PolicyConfigSchema,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
)
from pulumi_policy.proxy import _DictProxy, _is_unknown, _ListProxy

from inferline.policies.rules import Finding, ResourceView, Rule
from inferline.policies.rules.audit import AUDIT_TRAIL_LOGGING, check_trail_logging
from inferline.policies.rules.base import COMPUTED
from inferline.policies.rules.health import HEALTH_CHECK_INTERVAL, check_health_check_interval
from inferline.policies.rules.ingress import NO_PUBLIC_INGRESS, check_public_ingress
from inferline.policies.rules.keys import KMS_KEY_ROTATION, check_key_rotation
from inferline.policies.rules.network import (
    FLOW_LOGS_ON_EVERY_VPC,
    SUBNET_NO_PUBLIC_IP,
    check_flow_logs_on_every_vpc,
    check_subnet_no_public_ip,
)
from inferline.policies.rules.pools import (
    GPU_DISK_ENCRYPTED,
    GPU_NODES_PRIVATE,
    check_gpu_disk_encrypted,
    check_gpu_nodes_private,
)
from inferline.policies.rules.sizing import (
    CAPACITY_HEADROOM,
    DEFAULT_HEADROOM,
    DEFAULT_MIN_ZONES,
    POOL_MULTI_ZONE,
    check_capacity_headroom,
    check_pool_multi_zone,
)
from inferline.policies.rules.tls import TLS13_LISTENERS, check_tls13_listener

#: Ports a security group may open to the internet unless the pack's config says otherwise: the stack's default
#: listener ports (``inferline:security.listener_ports``; a test keeps the two equal). Policies read only the
#: recorded resources and cloud facts, never the stack's configuration.
DEFAULT_ALLOWED_PUBLIC_PORTS = (443,)

_PUBLIC_PORTS_KEY = "allowedPublicPorts"
#: pool-multi-zone: the fewest zones a GPU scaling group spans. Production is the default; a dev or staging
#: stack's policy config sets 1, which makes the rule not applicable there.
_MIN_ZONES_KEY = "minZones"
#: capacity-headroom: the spare fraction above the desired size (the stack profile's ``capacity_headroom``).
_HEADROOM_KEY = "headroom"


def plain_props(value: Any) -> Any:
    """pulumi-policy's unknown-checking proxy as plain dicts and lists, every unknown sentinel as ``<computed>``."""
    if isinstance(value, _DictProxy | _ListProxy):
        value = value["__target"]
    if _is_unknown(value):
        return COMPUTED
    if isinstance(value, Mapping):
        return {key: plain_props(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain_props(item) for item in value]
    return value


def _view(resource: PolicyResource) -> ResourceView:
    return ResourceView(
        urn=resource.urn,
        type=resource.resource_type,
        props=plain_props(resource.props),
        property_dependencies={key: tuple(dep.urn for dep in deps) for key, deps in resource.property_dependencies.items()},
    )


def _report(finding: Finding | None, report_violation: ReportViolation) -> None:
    # "unknown" is reported too, worded "could not be checked": a preview must not pass it silently.
    if finding is not None:
        report_violation(finding.message, None)


def _level(rule: Rule) -> EnforcementLevel:
    return EnforcementLevel.ADVISORY if rule.advisory else EnforcementLevel.MANDATORY


def _validate_resource(
    check: Callable[[ResourceValidationArgs, ResourceView], Finding | None], args: ResourceValidationArgs, report_violation: ReportViolation
) -> None:
    _report(check(args, ResourceView(urn=args.urn, type=args.resource_type, props=plain_props(args.props))), report_violation)


def _resource_policy(
    rule: Rule, check: Callable[[ResourceValidationArgs, ResourceView], Finding | None], schema: PolicyConfigSchema | None = None
) -> ResourceValidationPolicy:
    # The validation is a module function bound here, not a closure: what it does runs at check time, where tests
    # (and mutation testing) reach it, rather than when the pack is built at import.
    validate = functools.partial(_validate_resource, check)
    return ResourceValidationPolicy(name=rule.name, description=rule.description, enforcement_level=_level(rule), validate=validate, config_schema=schema)


def _validate_flow_logs(args: StackValidationArgs, report_violation: ReportViolation) -> None:
    for finding in check_flow_logs_on_every_vpc(_view(resource) for resource in args.resources):
        report_violation(finding.message, finding.urn)


def _public_ingress(args: ResourceValidationArgs, view: ResourceView) -> Finding | None:
    ports = (args.get_config() or {}).get(_PUBLIC_PORTS_KEY, list(DEFAULT_ALLOWED_PUBLIC_PORTS))
    return check_public_ingress(view, tuple(ports))


def _multi_zone(args: ResourceValidationArgs, view: ResourceView) -> Finding | None:
    return check_pool_multi_zone(view, int((args.get_config() or {}).get(_MIN_ZONES_KEY, DEFAULT_MIN_ZONES)))


def _headroom(args: ResourceValidationArgs, view: ResourceView) -> Finding | None:
    return check_capacity_headroom(view, float((args.get_config() or {}).get(_HEADROOM_KEY, DEFAULT_HEADROOM)))


POLICIES = [
    _resource_policy(SUBNET_NO_PUBLIC_IP, lambda _, view: check_subnet_no_public_ip(view)),
    _resource_policy(KMS_KEY_ROTATION, lambda _, view: check_key_rotation(view)),
    _resource_policy(
        NO_PUBLIC_INGRESS,
        _public_ingress,
        PolicyConfigSchema(
            properties={_PUBLIC_PORTS_KEY: {"type": "array", "items": {"type": "integer"}, "default": list(DEFAULT_ALLOWED_PUBLIC_PORTS)}}
        ),
    ),
    _resource_policy(TLS13_LISTENERS, lambda _, view: check_tls13_listener(view)),
    _resource_policy(AUDIT_TRAIL_LOGGING, lambda _, view: check_trail_logging(view)),
    _resource_policy(GPU_NODES_PRIVATE, lambda _, view: check_gpu_nodes_private(view)),
    _resource_policy(GPU_DISK_ENCRYPTED, lambda _, view: check_gpu_disk_encrypted(view)),
    _resource_policy(
        POOL_MULTI_ZONE, _multi_zone, PolicyConfigSchema(properties={_MIN_ZONES_KEY: {"type": "integer", "minimum": 1, "default": DEFAULT_MIN_ZONES}})
    ),
    _resource_policy(
        CAPACITY_HEADROOM, _headroom, PolicyConfigSchema(properties={_HEADROOM_KEY: {"type": "number", "minimum": 0, "default": DEFAULT_HEADROOM}})
    ),
    _resource_policy(HEALTH_CHECK_INTERVAL, lambda _, view: check_health_check_interval(view)),
    StackValidationPolicy(
        name=FLOW_LOGS_ON_EVERY_VPC.name,
        description=FLOW_LOGS_ON_EVERY_VPC.description,
        enforcement_level=_level(FLOW_LOGS_ON_EVERY_VPC),
        validate=_validate_flow_logs,
    ),
]
