"""PrivateNetwork: one site's VPC, subnets, NAT egress, routes and flow logs, on any of the five clouds."""

from __future__ import annotations

import pulumi

from inferline.components.encryption import EncryptionContext
from inferline.components.network.adapters import NetworkAdapter, NetworkOutputs
from inferline.planning.network import NetworkSpec

#: Type token of the component; part of every child's URN. Never change it without an alias.
PRIVATE_NETWORK_TYPE = "inferline:network:PrivateNetwork"


class PrivateNetwork(pulumi.ComponentResource):
    """A site's private network. Named after the site; children are named ``{site}-{role}[-{zone}]``."""

    outputs: NetworkOutputs

    def __init__(
        self,
        spec: NetworkSpec,
        adapter: NetworkAdapter,
        encryption: EncryptionContext,
        provider: pulumi.ProviderResource,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """``encryption``: the site's key (``SiteSecurity.encryption``), which the flow-log store takes."""
        super().__init__(PRIVATE_NETWORK_TYPE, spec.names.site, None, opts)
        child = pulumi.ResourceOptions(parent=self, provider=provider)
        self.outputs = adapter.build(spec, encryption, child)
        self.vpc_id = self.outputs.vpc_id
        self.register_outputs(
            {
                "vpcId": self.outputs.vpc_id,
                "cidr": spec.cidr,
                "privateSubnetIds": self.outputs.private_subnet_ids,
                "edgeSubnetIds": self.outputs.edge_subnet_ids,
                "natGatewayIds": self.outputs.nat_gateway_ids,
            }
        )
