"""Site: one region of one cloud, owning every capability it has (network, security, its load balancer, the
artifacts its GPU nodes boot from, its interconnect end, its GPU pools; later the managed platform and
observability).

The site receives its final plan (``inferline.planning.stack.SitePlan``) and its cloud's adapters from the one
registry (``components.registry``); it decides nothing itself. Its capabilities were top-level components
before sites existed: each carries an alias to that old parent, so stacks created then keep every URN.
"""

from __future__ import annotations

import pulumi

from inferline.components.artifacts import SiteArtifacts
from inferline.components.interconnect.adapters.base import SiteContext, TransitHub
from inferline.components.interconnect.component import SiteInterconnect
from inferline.components.loadbalancer import LoadBalancerSite, SiteLoadBalancer
from inferline.components.network import PrivateNetwork
from inferline.components.pool import GpuPool
from inferline.components.pool.site import node_boots, site_pools
from inferline.components.providers import site_provider
from inferline.components.registry import CloudAdapters, adapters
from inferline.components.security import PrivateCertificateAuthority, SiteSecurity, site_certificate
from inferline.planning.serving import PoolRole
from inferline.planning.stack import SitePlan

#: Type token of the component; part of every child's URN. Never change it without an alias.
SITE_TYPE = "inferline:site:Site"


def moved_under(parent: pulumi.Resource) -> pulumi.ResourceOptions:
    """Options of a capability component that used to sit at the stack's root: its URN (and through Pulumi's
    alias inheritance, its children's) is aliased to the old one."""
    return pulumi.ResourceOptions(parent=parent, aliases=[pulumi.Alias(parent=pulumi.ROOT_STACK_RESOURCE)])


def load_balancer_site(plan: SitePlan) -> LoadBalancerSite:
    """What the site's load balancer takes from the rest of its plan."""
    zones = tuple(zone.zone for zone in plan.network.zones)
    return LoadBalancerSite(plan.names, plan.region, zones, plan.tags, plan.protect, plan.security.tls.domain)


class Site(pulumi.ComponentResource):
    """A site's capabilities, named after the site, all through one explicit provider for its region."""

    def __init__(
        self,
        plan: SitePlan,
        *,
        certificate_authority: PrivateCertificateAuthority | None,
        random_provider: pulumi.ProviderResource | None,
        transit: TransitHub | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(SITE_TYPE, plan.name, None, opts)
        self.plan = plan
        self.adapters: CloudAdapters = adapters(plan.cloud)
        # At the stack's root, as before sites existed: a provider's URN is part of every resource's state.
        self.provider = site_provider(plan.name, plan.cloud, plan.region)
        # The key first: the network's flow-log store is encrypted with it, and the rest of the security
        # baseline (groups, audit trail) needs the network. Declaration order is not part of any URN.
        self.security = SiteSecurity(plan.security, self.adapters.security, self.provider, moved_under(self))
        self.network = PrivateNetwork(plan.network, self.adapters.network, self.security.encryption, self.provider, moved_under(self))
        self.security.build(self.network.outputs, site_certificate(certificate_authority, plan.security))
        #: What GPU nodes boot from (repository, model bucket, token secret, node identity): only with pools.
        self.artifacts = (
            SiteArtifacts(
                plan.artifacts, self.adapters.artifacts, self.security.outputs.encryption, self.network.outputs, self.provider,
                pulumi.ResourceOptions(parent=self),
            )
            if plan.artifacts is not None
            else None
        )
        #: The inference entry, in the edge subnets: planned for every site (active and standby) of a serving stack.
        self.load_balancer = (
            SiteLoadBalancer(
                plan.load_balancer,
                load_balancer_site(plan),
                self.adapters.load_balancer,
                self.network.outputs,
                self.security.outputs,
                self.provider,
                pulumi.ResourceOptions(parent=self),
            )
            if plan.load_balancer is not None
            else None
        )
        #: The site as links see it (peering, transit, tunnels are built over it by the stack).
        #: ``transit``: its region's hub, when the site is a member of its cloud's stack-wide transit network.
        self.context = SiteContext(plan.network, self.network.outputs, plan.interconnect.asn, plan.interconnect.protect, transit)
        spec = plan.interconnect
        self.interconnect = (
            SiteInterconnect(self.context, spec, self.adapters.interconnect, self.provider, random_provider, moved_under(self))
            if spec.lines or spec.vpn_gateway_mbps or transit is not None
            else None
        )
        #: GPU pools by role, after the load balancer they register with and the artifacts their nodes boot from.
        self.pools: dict[PoolRole, GpuPool] = site_pools(
            plan,
            self.adapters.pool,
            self.network.outputs,
            self.security.outputs,
            self.load_balancer.outputs if self.load_balancer is not None else None,
            node_boots(plan, self.artifacts.outputs) if self.artifacts is not None else {},
            self.provider,
            self,
        )
        self.register_outputs(self.outputs())

    def outputs(self) -> dict[str, object]:
        network, security = self.network.outputs, self.security.outputs
        return {
            "cloud": self.plan.cloud,
            "region": self.plan.region,
            "cidr": self.plan.network.cidr,
            "nat": self.plan.network.nat,
            "vpcId": network.vpc_id,
            "privateSubnetIds": network.private_subnet_ids,
            "kmsKeyId": security.encryption.key_id,
            "gpuSecurityGroupId": security.gpu_security_group_id,
            "certificateId": security.certificate_id,
            "auditTrailId": security.audit_trail_id,
            "loadBalancerAddress": self.load_balancer.outputs.address if self.load_balancer is not None else None,
            **({"artifacts": _artifacts_outputs(self.artifacts)} if self.artifacts is not None else {}),
            **({"gpuScalingGroupIds": {role: pool.outputs.scaling_group_id for role, pool in self.pools.items()}} if self.pools else {}),
        }


def _artifacts_outputs(artifacts: SiteArtifacts) -> dict[str, object]:
    """Where the operator pushes the image and weights and puts the token (README, Node bootstrap)."""
    outputs = artifacts.outputs
    return {
        "registryHost": outputs.registry_host,
        "repository": outputs.repository,
        "registryId": outputs.registry_id,
        "bucket": outputs.bucket,
        "secretRef": outputs.secret_ref,
        "nodeIdentity": outputs.node_identity,
    }
