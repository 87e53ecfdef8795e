"""The stack builder: a planned stack's sites, then what joins them, then its exports.

``build_stack`` is what ``stacks/__main__.py`` runs and what a user's own program can call with a plan of its
own (``inferline.planning.stack.plan_stack``). Stack-wide things are built over the sites' outputs: links now;
front doors and DNS later.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pulumi
import pulumi_random as random

from inferline.components.interconnect.component import SameCloudLink, VpnEnd, VpnLink
from inferline.components.interconnect.transit import TransitNetwork
from inferline.components.security import PrivateCertificateAuthority
from inferline.components.site import Site
from inferline.config.program import program_config
from inferline.errors import ConfigError
from inferline.planning.stack import StackPlan, plan_stack
from inferline.project import find_project

#: Link kinds whose ends need generated keys (IPsec pre-shared keys, BGP MD5 keys).
KEYED_LINKS = frozenset({"dedicated", "vpn"})


@dataclass
class BuiltStack:
    plan: StackPlan
    sites: dict[str, Site]
    certificate_authority: PrivateCertificateAuthority | None


def plan_program() -> StackPlan:
    """This Pulumi program's stack, validated and planned; on problems the program stops with all of them
    and no traceback, before anything is declared."""
    config = program_config()
    try:
        return plan_stack(config, pulumi.get_stack(), _stack_dir())
    except ConfigError as error:
        raise pulumi.RunError(error.render()) from None


def _stack_dir() -> Path | None:
    """Where the stack files are (a relative `serving.gpu_catalog` path is read from there): `pulumi` runs the
    program in its project, so the nearest Pulumi.yaml at or above the working directory names it."""
    try:
        return find_project(Path.cwd()).stack_config_dir
    except ConfigError:
        return None


def build_stack(plan: StackPlan) -> BuiltStack:
    links = plan.topology.links
    certificate_authority = (
        PrivateCertificateAuthority(f"{plan.stack}-ca", organization="inferline") if plan.config.security.tls.mode == "private-ca" else None
    )
    # Keys come from pulumi-random, with its own explicit provider.
    random_provider = random.Provider("random") if any(link.kind in KEYED_LINKS for link in links) else None
    # What a cloud's sites share (Alibaba Cloud's CEN) first, planned and named for the stack, never by a site.
    transit_networks = {cloud: TransitNetwork(network_plan) for cloud, network_plan in plan.transit_networks.items()}
    sites = {
        name: Site(
            site_plan,
            certificate_authority=certificate_authority,
            random_provider=random_provider,
            transit=network.hub(name) if (network := transit_networks.get(site_plan.cloud)) is not None else None,
        )
        for name, site_plan in plan.sites.items()
    }
    for link in links:
        if link.kind in ("peering", "transit"):
            a, b = sites[link.a.name], sites[link.b.name]
            SameCloudLink(link, (a.context, a.provider), (b.context, b.provider), a.adapters.interconnect)
        elif link.kind == "vpn":
            assert random_provider is not None
            ends = {
                name: VpnEnd(site.context, site.interconnect, site.adapters.interconnect, site.provider)
                for name in (link.a.name, link.b.name)
                if (site := sites.get(name)) is not None and site.interconnect is not None
            }
            VpnLink(link, ends, _hub_address(plan, link.a.name) or _hub_address(plan, link.b.name), random_provider)
    return BuiltStack(plan, sites, certificate_authority)


def export(stack: BuiltStack) -> None:
    plan = stack.plan
    pulumi.export("environment", plan.config.environment)
    pulumi.export("profile", plan.targets.model_dump())
    pulumi.export("sites", {name: site.outputs() for name, site in stack.sites.items()})
    if stack.certificate_authority is not None:
        pulumi.export("caCertificatePem", stack.certificate_authority.certificate_pem)


def _hub_address(plan: StackPlan, name: str) -> str | None:
    return next((hub.public_ip for hub in plan.config.interconnect.hubs if hub.name == name), None)
