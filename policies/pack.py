"""The rules as pulumi-policy policies (CrossGuard), enforced with `pulumi preview --policy-pack policies`."""

from __future__ import annotations

from collections.abc import Callable

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

from inferline.policies.rules import Finding, ResourceView, Rule
from inferline.policies.rules.network import (
    FLOW_LOGS_ON_EVERY_VPC,
    SUBNET_NO_PUBLIC_IP,
    check_flow_logs_on_every_vpc,
    check_subnet_no_public_ip,
)
from inferline.policies.rules.security import (
    KMS_KEY_ROTATION,
    NO_PUBLIC_INGRESS,
    TLS13_LISTENERS,
    check_key_rotation,
    check_public_ingress,
    check_tls13_listener,
)

#: Ports a security group may open to the internet unless the pack's config says otherwise: the stack's default
#: listener ports (``inferline:security.listener_ports``; a test keeps the two equal). Policies read only the
#: recorded resources and cloud facts, never the stack's configuration.
DEFAULT_ALLOWED_PUBLIC_PORTS = (443,)

_PUBLIC_PORTS_KEY = "allowedPublicPorts"


def _view(resource: PolicyResource) -> ResourceView:
    return ResourceView(
        urn=resource.urn,
        type=resource.resource_type,
        props=resource.props,
        property_dependencies={key: tuple(dep.urn for dep in deps) for key, deps in resource.property_dependencies.items()},
    )


def _report(finding: Finding | None, report_violation: ReportViolation) -> None:
    # "unknown" is reported too, worded "could not be checked": a preview must not pass it silently.
    if finding is not None:
        report_violation(finding.message, None)


def _resource_policy(
    rule: Rule, check: Callable[[ResourceValidationArgs, ResourceView], Finding | None], schema: PolicyConfigSchema | None = None
) -> ResourceValidationPolicy:
    def validate(args: ResourceValidationArgs, report_violation: ReportViolation) -> None:
        _report(check(args, ResourceView(urn=args.urn, type=args.resource_type, props=args.props)), report_violation)

    return ResourceValidationPolicy(
        name=rule.name, description=rule.description, enforcement_level=EnforcementLevel.MANDATORY, validate=validate, config_schema=schema
    )


def _validate_flow_logs(args: StackValidationArgs, report_violation: ReportViolation) -> None:
    for finding in check_flow_logs_on_every_vpc(_view(resource) for resource in args.resources):
        report_violation(finding.message, finding.urn)


def _public_ingress(args: ResourceValidationArgs, view: ResourceView) -> Finding | None:
    ports = (args.get_config() or {}).get(_PUBLIC_PORTS_KEY, list(DEFAULT_ALLOWED_PUBLIC_PORTS))
    return check_public_ingress(view, tuple(ports))


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
    StackValidationPolicy(
        name=FLOW_LOGS_ON_EVERY_VPC.name,
        description=FLOW_LOGS_ON_EVERY_VPC.description,
        enforcement_level=EnforcementLevel.MANDATORY,
        validate=_validate_flow_logs,
    ),
]
