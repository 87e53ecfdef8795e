"""The one path from validated configuration to the whole, final plan of a stack.

``plan_stack`` checks what holds across values, plans addresses and links, and gives every site a frozen
``SitePlan``: its names, cloud, region, tags, protection, and the network, security and interconnect specs
with every rule, route and shared gateway it needs. Components receive these and never call back here.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from inferline.catalog import builtin_gpu_types, gpu_models, merge_gpu_types, reference_throughput
from inferline.clouds import CATALOG, CloudName
from inferline.config.loader import config_problems, parse_config, read_stack_file
from inferline.config.network import PROTECTED_ENVIRONMENTS
from inferline.config.profiles import ProfileTargets, resolve_profile
from inferline.config.serving import catalog_rows
from inferline.config.site import SiteConfig, SiteRole
from inferline.config.stack import StackConfig
from inferline.errors import ConfigError
from inferline.planning.addresses import AddressPlan, Layout, SiteRequest, plan_addresses
from inferline.planning.artifacts import ArtifactsSpec, artifacts_spec
from inferline.planning.bootstrap import NodeBootPlan
from inferline.planning.capacity import CapacityPlan, SiteInput, plan_capacity
from inferline.planning.interconnect import SiteInterconnectSpec, site_interconnect
from inferline.planning.load_balancer import plan_load_balancer
from inferline.planning.naming import Names
from inferline.planning.network import NetworkSpec
from inferline.planning.nodes import plan_node_boots
from inferline.planning.security import SecuritySpec, security_spec
from inferline.planning.serving import LoadBalancerSpec, PoolRole, PoolSpec
from inferline.planning.topology import TopologyPlan, plan_topology
from inferline.planning.transit import TransitNetworkPlan, plan_transit_networks


@dataclass(frozen=True)
class SitePlan:
    """Everything one site builds, final: nothing is decided after this."""

    names: Names
    cloud: CloudName
    region: str
    role: SiteRole
    tags: Mapping[str, str]
    protect: bool
    network: NetworkSpec
    security: SecuritySpec
    interconnect: SiteInterconnectSpec
    #: The serving capabilities (None / empty until the stack configures serving; see planning/serving.py).
    load_balancer: LoadBalancerSpec | None = None
    #: GPU pools by role, never by position.
    pools: Mapping[PoolRole, PoolSpec] = field(default_factory=lambda: MappingProxyType({}))
    #: How the pools' nodes boot (server image, VM image, server limits); None without pools.
    boot: NodeBootPlan | None = None

    @property
    def name(self) -> str:
        return self.names.site

    @property
    def artifacts(self) -> ArtifactsSpec | None:
        """The site's image repository, model bucket, token secret and node identity: planned with its pools."""
        if not self.pools:
            return None
        return artifacts_spec(self.names, self.cloud, self.region, self.tags, self.protect)


@dataclass(frozen=True)
class StackPlan:
    """A validated, planned stack. ``sites`` is keyed and ordered by site name, never by position."""

    stack: str
    config: StackConfig
    targets: ProfileTargets
    addresses: AddressPlan
    topology: TopologyPlan = field(default_factory=TopologyPlan)
    sites: Mapping[str, SitePlan] = field(default_factory=dict)
    # Per cloud that has one (Alibaba Cloud's CEN), the transit network its sites share; built before the sites.
    transit_networks: Mapping[CloudName, TransitNetworkPlan] = field(default_factory=dict)
    #: How every site's pools were sized (None when the stack configures no serving).
    capacity: CapacityPlan | None = None

    def nat_strategy(self, site: SiteConfig) -> str:
        return self.config.nat_strategy(site)


def plan_stack(config: StackConfig, stack: str, stack_dir: Path | None = None) -> StackPlan:
    """Plan every site and link of ``config``; raise ``ConfigError`` with every problem found.

    ``stack_dir`` is the stack file's directory, against which a relative ``serving.gpu_catalog`` path is read.
    """
    problems = config_problems(config)
    targets, profile_problems = resolve_profile(config.profile)
    addresses = None
    if not problems:  # the plan is keyed by site name: it means nothing while names clash
        try:
            addresses = plan_addresses(layout(config), site_requests(config))
        except ConfigError as error:
            problems += error.problems
    problems += profile_problems
    topology = None
    if addresses is not None and not problems:
        try:
            topology = plan_topology(
                config.interconnect, config.sites, addresses, config.generates_links(), require_backup=config.environment in PROTECTED_ENVIRONMENTS
            )
        except ConfigError as error:
            problems += error.problems
    capacity = None
    if targets is not None and config.serving is not None and not problems:
        try:
            capacity = plan_serving(config, targets, stack_dir)
        except ConfigError as error:
            problems += error.problems
    boots: dict[str, NodeBootPlan] = {}
    if capacity is not None and targets is not None:
        boots, boot_problems = plan_node_boots(config, capacity, targets.dynamic_batching)
        problems += boot_problems
    # A load balancer fronts the GPU pools: a stack that serves nothing gets none, and so needs neither the
    # second zone an AWS or Alibaba ALB spans nor an edge subnet in every zone.
    load_balancers: dict[str, LoadBalancerSpec] = {}
    if targets is not None and config.serving is not None:
        for index, site in enumerate(config.sites):
            try:
                load_balancers[site.name] = plan_load_balancer(site.cloud, targets, config.security, f"sites[{index}]", len(site.zones))
            except ConfigError as error:
                problems += error.problems
    if problems or addresses is None or topology is None:
        raise ConfigError(problems)
    assert targets is not None  # resolve_profile returns targets whenever it reports no problem
    sites = {site.name: _site_plan(stack, config, addresses, topology, site, load_balancers.get(site.name), capacity, boots.get(site.name)) for site in sorted(config.sites, key=lambda s: s.name)}
    transit_networks = plan_transit_networks(
        topology, stack=stack, protect=config.environment in PROTECTED_ENVIRONMENTS, tags=stack_tags(stack, config)
    )
    return StackPlan(
        stack=stack,
        config=config,
        targets=targets,
        addresses=addresses,
        topology=topology,
        sites=MappingProxyType(sites),
        transit_networks=transit_networks,
        capacity=capacity,
    )


def plan_serving(config: StackConfig, targets: ProfileTargets, stack_dir: Path | None) -> CapacityPlan:
    """Size every site's pools from the serving settings, the profile and the catalog with the user's rows."""
    serving = config.serving
    assert serving is not None
    sites = [
        SiteInput(name=site.name, path=f"sites[{index}]", cloud=site.cloud, region=site.region, role=site.role, zones=tuple(site.zones))
        for index, site in enumerate(config.sites)
    ]
    gpu_types = merge_gpu_types(builtin_gpu_types(), catalog_rows(serving, stack_dir))
    return plan_capacity(serving, targets, sites, gpu_types, gpu_models(), reference_throughput())


def validate(raw: Mapping[str, Any], stack: str, secret_keys: Collection[str] = (), stack_dir: Path | None = None) -> StackPlan:
    """The `inferline:` values (namespace stripped) of one stack, checked and planned."""
    return plan_stack(parse_config(raw, secret_keys), stack, stack_dir)


def load_stack_file(path: Path, stack: str) -> StackPlan:
    values, secret_keys = read_stack_file(path)
    return validate(values, stack, secret_keys, path.parent)


def layout(config: StackConfig) -> Layout:
    network = config.network
    return Layout(
        supernet=network.supernet,
        site_prefix=network.site_prefix,
        private_prefix=network.private_subnet_prefix,
        edge_prefix=network.edge_subnet_prefix,
    )


def site_requests(config: StackConfig) -> list[SiteRequest]:
    return [
        SiteRequest(name=site.name, path=f"sites[{index}]", facts=CATALOG[site.cloud], zones=tuple(site.zones), cidr=site.cidr, slot=site.slot)
        for index, site in enumerate(config.sites)
    ]


def site_tags(stack: str, config: StackConfig, site: SiteConfig) -> dict[str, str]:
    return {
        "inferline-stack": stack,
        "inferline-environment": config.environment,
        "inferline-site": site.name,
        **config.tags,
        **site.tags,
    }


def stack_tags(stack: str, config: StackConfig) -> dict[str, str]:
    """Tags of what no one site owns (a stack-wide transit network)."""
    return {"inferline-stack": stack, "inferline-environment": config.environment, **config.tags}


def _site_plan(
    stack: str,
    config: StackConfig,
    addresses: AddressPlan,
    topology: TopologyPlan,
    site: SiteConfig,
    load_balancer: LoadBalancerSpec | None,
    capacity: CapacityPlan | None = None,
    boot: NodeBootPlan | None = None,
) -> SitePlan:
    names = Names(stack=stack, site=site.name)
    tags = site_tags(stack, config, site)
    protect = config.environment in PROTECTED_ENVIRONMENTS
    site_addresses = addresses.sites[site.name]
    network = NetworkSpec(
        names=names,
        cloud=site.cloud,
        region=site.region,
        cidr=site_addresses.cidr,
        zones=site_addresses.zones,
        nat=config.nat_strategy(site),
        flow_logs=config.network.flow_logs,
        tags=tags,
        load_balancer=load_balancer is not None,
    )
    return SitePlan(
        names=names,
        cloud=site.cloud,
        region=site.region,
        role=site.role,
        tags=MappingProxyType(tags),
        protect=protect,
        network=network,
        security=security_spec(network, config.security, config.environment, topology.connected_cidrs(site.name)),
        interconnect=site_interconnect(topology, site.name, site.cloud, protect),
        load_balancer=load_balancer,
        pools=MappingProxyType({role: pool.pool for role, pool in capacity.sites[site.name].pools.items()} if capacity is not None else {}),
        boot=boot,
    )


__all__ = ["SitePlan", "StackPlan", "load_stack_file", "plan_serving", "plan_stack", "validate"]
