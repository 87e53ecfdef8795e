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
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    Policy,
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
from inferline.policies.rules.ingress import DEFAULT_ALLOWED_PUBLIC_PORTS, NO_PUBLIC_INGRESS, check_public_ingress
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

_PUBLIC_PORTS_KEY = "allowedPublicPorts"
#: pool-multi-zone: the fewest zones a GPU scaling group spans. Production is the default; a dev or staging
#: stack's policy config sets 1, which makes the rule not applicable there.
_MIN_ZONES_KEY = "minZones"
#: capacity-headroom: the spare fraction above the desired size (the stack profile's ``capacity_headroom``).
_HEADROOM_KEY = "headroom"


def plain_props(value: Any) -> Any:
    """pulumi-policy's unknown-checking proxy as plain dicts and lists, every unknown sentinel as ``<computed>``,
    every whole number as an int."""
    if isinstance(value, _DictProxy | _ListProxy):
        value = value["__target"]
    if _is_unknown(value):
        return COMPUTED
    if isinstance(value, float) and value.is_integer():
        # The engine sends every number as a protobuf double (json_format.MessageToDict gives 30.0 for 30): back to
        # the integer the program set, as the preview record does, so a rule sees the same value on both paths.
        return int(value)
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


def _report(findings: Iterable[Finding], report_violation: ReportViolation) -> None:
    # "unknown" is reported too, worded "could not be checked": a preview must not pass it silently. The URN is the
    # finding's resource; pulumi-policy's ReportViolation docs: for a resource policy "the urn of the resource being
    # validated is always used", which is the same one.
    for finding in findings:
        report_violation(finding.message, finding.urn)


def _level(rule: Rule) -> EnforcementLevel:
    return EnforcementLevel.ADVISORY if rule.advisory else EnforcementLevel.MANDATORY


def _validate_resource(
    check: Callable[[ResourceValidationArgs, ResourceView], Finding | None], args: ResourceValidationArgs, report_violation: ReportViolation
) -> None:
    finding = check(args, ResourceView(urn=args.urn, type=args.resource_type, props=plain_props(args.props)))
    _report([finding] if finding is not None else [], report_violation)


def _resource_policy(
    rule: Rule, check: Callable[[ResourceValidationArgs, ResourceView], Finding | None], schema: PolicyConfigSchema | None = None
) -> ResourceValidationPolicy:
    # The validation is a module function bound here, not a closure, so what it does runs at check time.
    validate = functools.partial(_validate_resource, check)
    return ResourceValidationPolicy(name=rule.name, description=rule.description, enforcement_level=_level(rule), validate=validate, config_schema=schema)


def _validate_flow_logs(args: StackValidationArgs, report_violation: ReportViolation) -> None:
    _report(check_flow_logs_on_every_vpc(_view(resource) for resource in args.resources), report_violation)


def _public_ingress(args: ResourceValidationArgs, view: ResourceView) -> Finding | None:
    ports = (args.get_config() or {}).get(_PUBLIC_PORTS_KEY, list(DEFAULT_ALLOWED_PUBLIC_PORTS))
    return check_public_ingress(view, tuple(ports))


def _multi_zone(args: ResourceValidationArgs, view: ResourceView) -> Finding | None:
    return check_pool_multi_zone(view, int((args.get_config() or {}).get(_MIN_ZONES_KEY, DEFAULT_MIN_ZONES)))


def _headroom(args: ResourceValidationArgs, view: ResourceView) -> Finding | None:
    return check_capacity_headroom(view, float((args.get_config() or {}).get(_HEADROOM_KEY, DEFAULT_HEADROOM)))


def _subnet_no_public_ip(_: ResourceValidationArgs, view: ResourceView) -> Finding | None:
    return check_subnet_no_public_ip(view)


def _key_rotation(_: ResourceValidationArgs, view: ResourceView) -> Finding | None:
    return check_key_rotation(view)


def _tls13_listener(_: ResourceValidationArgs, view: ResourceView) -> Finding | None:
    return check_tls13_listener(view)


def _trail_logging(_: ResourceValidationArgs, view: ResourceView) -> Finding | None:
    return check_trail_logging(view)


def _gpu_nodes_private(_: ResourceValidationArgs, view: ResourceView) -> Finding | None:
    return check_gpu_nodes_private(view)


def _gpu_disk_encrypted(_: ResourceValidationArgs, view: ResourceView) -> Finding | None:
    return check_gpu_disk_encrypted(view)


def _health_check_interval(_: ResourceValidationArgs, view: ResourceView) -> Finding | None:
    return check_health_check_interval(view)


def policies() -> list[Policy]:
    """The pack's policies, one per rule. Built by a call, not at import, so that building them runs where tests
    (and mutation testing) reach it; ``policies/__main__.py`` calls it to build the pack."""
    public_ports = PolicyConfigSchema(
        properties={_PUBLIC_PORTS_KEY: {"type": "array", "items": {"type": "integer"}, "default": list(DEFAULT_ALLOWED_PUBLIC_PORTS)}}
    )
    min_zones = PolicyConfigSchema(properties={_MIN_ZONES_KEY: {"type": "integer", "minimum": 1, "default": DEFAULT_MIN_ZONES}})
    headroom = PolicyConfigSchema(properties={_HEADROOM_KEY: {"type": "number", "minimum": 0, "default": DEFAULT_HEADROOM}})
    return [
        _resource_policy(SUBNET_NO_PUBLIC_IP, _subnet_no_public_ip),
        _resource_policy(KMS_KEY_ROTATION, _key_rotation),
        _resource_policy(NO_PUBLIC_INGRESS, _public_ingress, public_ports),
        _resource_policy(TLS13_LISTENERS, _tls13_listener),
        _resource_policy(AUDIT_TRAIL_LOGGING, _trail_logging),
        _resource_policy(GPU_NODES_PRIVATE, _gpu_nodes_private),
        _resource_policy(GPU_DISK_ENCRYPTED, _gpu_disk_encrypted),
        _resource_policy(POOL_MULTI_ZONE, _multi_zone, min_zones),
        _resource_policy(CAPACITY_HEADROOM, _headroom, headroom),
        _resource_policy(HEALTH_CHECK_INTERVAL, _health_check_interval),
        StackValidationPolicy(
            name=FLOW_LOGS_ON_EVERY_VPC.name,
            description=FLOW_LOGS_ON_EVERY_VPC.description,
            enforcement_level=_level(FLOW_LOGS_ON_EVERY_VPC),
            validate=_validate_flow_logs,
        ),
    ]


#: The policies built once at import, for a pack of your own: ``PolicyPack(name=..., policies=POLICIES)``.
POLICIES = policies()
