"""Human-readable and JSON forms of an offline preview."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import asdict
from pathlib import Path
from typing import Any

from inferline.clouds.capabilities import Feature, unsupported_reason
from inferline.planning.capacity import overflow_enabled
from inferline.planning.stack import StackPlan
from inferline.policies.rules import Finding, ResourceView, evaluate
from inferline.policies.rules.sizing import DEFAULT_MIN_ZONES
from inferline.preview.capacity import capacity_document, render_capacity
from inferline.preview.record import ResourceRecord
from inferline.preview.runner import ProgramRun
from inferline.preview.topology import render_links

COMPONENT_PACKAGE = "inferline"


def cloud_counts(resources: list[ResourceRecord]) -> dict[str, int]:
    """Cloud resources per cloud (providers and components are not cloud resources)."""
    counts = Counter(r.cloud for r in resources if r.custom and not r.type.startswith("pulumi:providers:"))
    return dict(sorted(counts.items()))


def render_tree(run: ProgramRun, plan: StackPlan) -> str:
    children: dict[str | None, list[ResourceRecord]] = defaultdict(list)
    known = {record.urn for record in run.resources}
    for record in run.resources:
        # Top-level resources are children of the stack, which is not recorded.
        children[record.parent if record.parent in known else None].append(record)
    for siblings in children.values():
        siblings.sort(key=lambda r: (r.type, r.name))
    sites = {site.name: site for site in plan.config.sites}
    lines = [
        f"Offline preview of stack '{run.stack}' (project {run.project}, environment {plan.config.environment}, "
        f"profile {plan.config.profile.name}): {len(run.resources)} resources, nothing contacted"
    ]
    roots = children[None]
    components = [r for r in roots if r.type.startswith(f"{COMPONENT_PACKAGE}:")]
    providers = [r for r in roots if r.type.startswith("pulumi:providers:")]
    others = [r for r in roots if r not in components and r not in providers]
    for site_name in sorted(sites):
        site = sites[site_name]
        addresses = plan.addresses.sites[site.name]
        lines.append(f"site {site.name}  [{site.cloud} {site.region}, {site.role}, {addresses.cidr}, nat {plan.nat_strategy(site)}]")
        for component in (c for c in components if c.name == site.name):
            lines.append(f"  {component.type}")
            lines += _subtree(component.urn, children, prefix="    ")
    for component in (c for c in components if c.name not in sites):
        lines.append(f"{component.name}  {component.type}")
        lines += _subtree(component.urn, children, prefix="  ")
    if others:
        lines.append("(stack)")
        lines += [f"  {r.type}  {r.name}" for r in others]
    lines.append("providers")
    lines += [f"  {r.type}  {r.name}  region={r.inputs.get('region', '?')}" for r in providers]
    lines.append("")
    lines.append(render_links(plan))
    lines.append("")
    lines.append(render_capacity(plan))
    lines.append("")
    lines.append(render_unsupported(plan))
    lines.append("")
    lines.append(render_policies(policy_results(run, plan)))
    lines.append("")
    lines.append(render_counts(run))
    return "\n".join(lines)


def _subtree(urn: str, children: dict[str | None, list[ResourceRecord]], prefix: str) -> list[str]:
    lines = []
    for record in children.get(urn, []):
        lines.append(f"{prefix}{record.type}  {record.name}")
        lines += _subtree(record.urn, children, prefix + "  ")
    return lines


def policy_results(run: ProgramRun, plan: StackPlan) -> dict[str, list[Finding]]:
    """The policy pack's rules over the record (inputs stand in for the outputs a real engine would pass)."""
    return evaluate(
        (
            ResourceView(
                urn=record.urn,
                type=record.type,
                props=record.inputs,
                property_dependencies={key: tuple(urns) for key, urns in record.property_dependencies.items()},
            )
            for record in run.resources
        ),
        public_ports=tuple(plan.config.security.listener_ports),
        # pool-multi-zone holds in prod only; capacity-headroom uses the stack profile's headroom.
        min_zones=DEFAULT_MIN_ZONES if plan.config.environment == "prod" else 1,
        headroom=plan.targets.capacity_headroom,
    )


def unsupported_features(plan: StackPlan) -> list[tuple[str, str, str]]:
    """(site, feature, reason) for each capability a site's cloud cannot provide and the stack asks for."""
    baseline: list[Feature] = ["audit-trail"] if plan.config.security.audit.enabled else []
    if plan.config.network.flow_logs.enabled:
        baseline.append("flow-log-encryption")

    def wanted(name: str) -> list[Feature]:
        # A site with GPU pools gets artifacts, whose serving-token secret some SDKs cannot create empty.
        site_plan = plan.sites.get(name)
        return baseline + (["secret-container"] if site_plan is not None and site_plan.artifacts is not None else [])

    return [
        (site.name, feature, reason)
        for site in sorted(plan.config.sites, key=lambda site: site.name)
        for feature in [*wanted(site.name), *pool_features(plan, site.name)]
        if (reason := unsupported_reason(site.cloud, feature)) is not None
    ]


def pool_features(plan: StackPlan, site: str) -> list[Feature]:
    """What a site's planned GPU pools ask of its cloud."""
    pools = plan.sites[site].pools if site in plan.sites else {}
    if not pools:
        return []
    wanted: list[Feature] = ["pool-request-scaling", "pool-lb-health-replacement", "pool-disk-encryption", "pool-node-identity"]
    if any(pool.warm_nodes > 0 for pool in pools.values()):
        wanted.append("pool-warm-capacity")
    serving = plan.config.serving
    if serving is not None and plan.sites[site].role == "active" and overflow_enabled(serving, plan.targets):
        wanted.append("pool-overflow-alarm")
    return wanted


def render_unsupported(plan: StackPlan) -> str:
    rows = unsupported_features(plan)
    if not rows:
        return "unsupported: none"
    return "\n".join(["unsupported (not built, with the reason)"] + [f"  {site}: {feature}: {reason}" for site, feature, reason in rows])


def render_policies(results: dict[str, list[Finding]]) -> str:
    lines = ["policies"]
    for rule, findings in results.items():
        violations = [f for f in findings if f.outcome == "violation"]
        unknown = [f for f in findings if f.outcome == "unknown"]
        verdict = "pass" if not findings else f"{len(violations)} violations, {len(unknown)} could not be checked"
        lines.append(f"  {rule}: {verdict}")
        lines += [f"    {finding.outcome}: {finding.urn}: {finding.message}" for finding in findings]
    return "\n".join(lines)


def render_counts(run: ProgramRun) -> str:
    counts = cloud_counts(run.resources)
    width = max([len("cloud"), *map(len, counts)])
    lines = [f"{'cloud':<{width}}  resources", f"{'-' * width}  ---------"]
    lines += [f"{cloud:<{width}}  {count:>9}" for cloud, count in counts.items()]
    lines.append(f"{'total':<{width}}  {sum(counts.values()):>9}")
    return "\n".join(lines)


def preview_document(run: ProgramRun, plan: StackPlan) -> dict[str, Any]:
    return {
        "project": run.project,
        "stack": run.stack,
        "environment": plan.config.environment,
        "profile": plan.targets.model_dump(),
        "addressPlan": {
            name: {"cidr": site.cidr, "source": site.source, "slot": site.slot,
                   "zones": [{"zone": z.zone, "private": z.private_cidr, "edge": z.edge_cidr} for z in site.zones]}
            for name, site in plan.addresses.sites.items()
        },
        "countsByCloud": cloud_counts(run.resources),
        "policies": {rule: [asdict(f) for f in findings] for rule, findings in policy_results(run, plan).items()},
        "links": [
            {"id": link.id, "kind": link.kind, "from": link.a.name, "to": link.b.name, "bandwidthMbps": link.bandwidth_mbps,
             "role": link.role, "generated": link.generated, "bgpCidr": link.bgp.cidr if link.bgp else None, "vlan": link.vlan}
            for link in plan.topology.links
        ],
        "capacity": capacity_document(plan),
        "unsupported": [{"site": site, "feature": feature, "reason": reason} for site, feature, reason in unsupported_features(plan)],
        "resources": [record.to_json() for record in run.resources],
        "outputs": run.outputs,
    }


def write_json(path: Path, document: dict[str, Any]) -> None:
    path.write_text(json.dumps(document, indent=2, sort_keys=False) + "\n", encoding="utf-8")
