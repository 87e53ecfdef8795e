"""inferline's Pulumi program: validate the stack's configuration, build every site, export outputs."""

from __future__ import annotations

import pulumi

from components.network import PrivateNetwork
from components.providers import site_provider
from inferline.config.program import load_stack_plan
from inferline.planning.network import network_specs

plan = load_stack_plan()

sites: dict[str, dict[str, object]] = {}
for spec in network_specs(plan):
    provider = site_provider(spec.names.site, spec.cloud, spec.region)
    network = PrivateNetwork(spec, provider)
    sites[spec.names.site] = {
        "cloud": spec.cloud,
        "region": spec.region,
        "cidr": spec.cidr,
        "nat": spec.nat,
        "vpcId": network.outputs.vpc_id,
        "privateSubnetIds": network.outputs.private_subnet_ids,
    }

pulumi.export("environment", plan.config.environment)
pulumi.export("profile", plan.targets.model_dump())
pulumi.export("sites", sites)
