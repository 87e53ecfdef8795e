"""The rules as pulumi-policy policies (CrossGuard), enforced with `pulumi preview --policy-pack policies`."""

from __future__ import annotations

from pulumi_policy import (
    EnforcementLevel,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
)

from policies.rules import (
    FLOW_LOGS_ON_EVERY_VPC,
    SUBNET_NO_PUBLIC_IP,
    ResourceView,
    check_flow_logs_on_every_vpc,
    check_subnet_no_public_ip,
)


def _view(resource: PolicyResource) -> ResourceView:
    return ResourceView(
        urn=resource.urn,
        type=resource.resource_type,
        props=resource.props,
        property_dependencies={key: tuple(dep.urn for dep in deps) for key, deps in resource.property_dependencies.items()},
    )


def _validate_subnet(args: ResourceValidationArgs, report_violation: ReportViolation) -> None:
    finding = check_subnet_no_public_ip(ResourceView(urn=args.urn, type=args.resource_type, props=args.props))
    if finding is not None:
        report_violation(finding.message, None)


def _validate_flow_logs(args: StackValidationArgs, report_violation: ReportViolation) -> None:
    for finding in check_flow_logs_on_every_vpc(_view(resource) for resource in args.resources):
        report_violation(finding.message, finding.urn)


POLICIES = [
    ResourceValidationPolicy(
        name=SUBNET_NO_PUBLIC_IP.name,
        description=SUBNET_NO_PUBLIC_IP.description,
        enforcement_level=EnforcementLevel.MANDATORY,
        validate=_validate_subnet,
    ),
    StackValidationPolicy(
        name=FLOW_LOGS_ON_EVERY_VPC.name,
        description=FLOW_LOGS_ON_EVERY_VPC.description,
        enforcement_level=EnforcementLevel.MANDATORY,
        validate=_validate_flow_logs,
    ),
]
