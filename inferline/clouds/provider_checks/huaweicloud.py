"""What the huaweicloud provider's own check refuses in the values inferline sets (see the package docstring).

Read from terraform-provider-huaweicloud v1.73.3 to v1.73.9, where every row below reads the same. The installed
SDK (0.0.12, untagged in pulumi-huaweicloud) declares inputs first added in v1.73.7 (LTS stream ``is_favorite``)
and none added in v1.74.0 (subnet ``dhcp_domain_name``), though the repository's newest ``provider/go.mod`` still
pins v1.73.3. Those releases validate few values in their schemas (most names, enums and ranges are left to the
cloud's API); an input they do not validate has no row. ``ExactlyOneOf`` counts the key that carries it among
the listed ones (pulumi/terraform-plugin-sdk ``helper/schema/schema.go`` validateExactlyOneAttribute); its
"not together with" half is a ``ConflictsWith`` row where the input is known at preview, and its "one is set"
half an ``AtLeastOneOf`` row (the SNAT rule's EIP, the ELB pool's owner).
A ``MaxItems`` of a list whose items hold ids known only after apply (as_group ``lbaas_listeners`` 6 and
``networks`` 5, as_configuration ``instance_config`` 1) has no row: a row is only kept where a shipped stack
gives it a fully known value (tests/clouds/test_provider_checks.py); the shipped lists hold 1, 2 and 1 items.
"""

from __future__ import annotations

from inferline.clouds.provider_checks import AtLeastOneOf, Cidr, ConflictsWith, IpAddress, Items, Matches, OneOf, Table

_TF = "terraform-provider-huaweicloud v1.73.3-v1.73.9: services/"

RULES: Table = {
    # Dedicated ELB load balancer: at least one zone; a new EIP's settings never with an existing EIP or bandwidth.
    "huaweicloud:DedicatedElb/loadbalancer:Loadbalancer": {
        "availabilityZones": (Items(1, None, f"{_TF}elb/resource_huaweicloud_elb_loadbalancer.go availability_zone MinItems 1"),),
        "iptype": (ConflictsWith(("ipv4EipId",), f"{_TF}elb/resource_huaweicloud_elb_loadbalancer.go iptype ConflictsWith ipv4_eip_id"),),
        "bandwidthChargeMode": (
            ConflictsWith(
                ("ipv4EipId", "bandwidthId"),
                f"{_TF}elb/resource_huaweicloud_elb_loadbalancer.go bandwidth_charge_mode ConflictsWith ipv4_eip_id, bandwidth_id",
            ),
        ),
        "sharetype": (ConflictsWith(("ipv4EipId",), f"{_TF}elb/resource_huaweicloud_elb_loadbalancer.go sharetype ConflictsWith ipv4_eip_id"),),
        "bandwidthSize": (
            ConflictsWith(
                ("ipv4EipId", "bandwidthId"),
                f"{_TF}elb/resource_huaweicloud_elb_loadbalancer.go bandwidth_size ConflictsWith ipv4_eip_id, bandwidth_id",
            ),
        ),
    },
    # IAM agency: a service or a domain is delegated, not both.
    "huaweicloud:Iam/agency:Agency": {
        "delegatedServiceName": (
            ConflictsWith(
                ("delegatedDomainName",),
                f"{_TF}iam/resource_huaweicloud_identity_agency.go delegated_domain_name ExactlyOneOf delegated_service_name",
            ),
        ),
    },
    # SNAT rule: VPC (0) or Direct Connect (1) source (its EIP and subnet conflicts are between ids, unknown at preview).
    "huaweicloud:Nat/snatRule:SnatRule": {
        "floatingIpId": (AtLeastOneOf(("floatingIpId", "globalEipId"), f"{_TF}nat/resource_huaweicloud_nat_snat_rule.go floating_ip_id ExactlyOneOf global_eip_id"),),
        "sourceType": (OneOf((0, 1), f"{_TF}nat/resource_huaweicloud_nat_snat_rule.go source_type IntInSlice(SourceTypeVpc, SourceTypeDc)"),),
    },
    # SWR repository: a fixed list of categories.
    "huaweicloud:Swr/repository:Repository": {
        "category": (
            OneOf(
                ("app_server", "linux", "framework_app", "database", "lang", "other", "windows", "arm"),
                f"{_TF}swr/resource_huaweicloud_swr_repository.go category StringInSlice",
            ),
        ),
    },
    # EIP: one public IP block and one bandwidth block; dedicated (PER) or shared (WHOLE) bandwidth, exact case.
    "huaweicloud:Vpc/eip:Eip": {
        "publicip": (Items(None, 1, f"{_TF}eip/resource_huaweicloud_vpc_eip.go publicip MaxItems 1"),),
        "bandwidth": (Items(None, 1, f"{_TF}eip/resource_huaweicloud_vpc_eip.go bandwidth MaxItems 1"),),
        "bandwidth.shareType": (
            OneOf(("PER", "WHOLE"), f"{_TF}eip/resource_huaweicloud_vpc_eip.go share_type StringInSlice(BandwidthTypeDedicated, BandwidthTypeShared)"),
        ),
    },
    # VPC flow log: resource and traffic kinds, any case.
    "huaweicloud:Vpc/flowLog:FlowLog": {
        "resourceType": (
            OneOf(("port", "network", "vpc"), f"{_TF}vpc/resource_huaweicloud_vpc_flow_log.go resource_type StringInSlice(ignoreCase)", ignore_case=True),
        ),
        "trafficType": (
            OneOf(("all", "accept", "reject"), f"{_TF}vpc/resource_huaweicloud_vpc_flow_log.go traffic_type StringInSlice(ignoreCase)", ignore_case=True),
        ),
    },
    # VPC route: utils.ValidateCIDR parses the value and wants it back as the network (no host bits).
    "huaweicloud:Vpc/route:Route": {
        "destination": (Cidr(f"{_TF}vpc/resource_huaweicloud_vpc_route.go destination utils.ValidateCIDR"),),
    },
    # Security group rule: enums; protocol is validation.Any(a name, a number 0-255) as one Go-anchored pattern;
    # ports and action never with the legacy port range.
    "huaweicloud:Vpc/secgroupRule:SecgroupRule": {
        "direction": (
            OneOf(("ingress", "egress"), f"{_TF}vpc/resource_huaweicloud_networking_secgroup_rule.go direction StringInSlice(ignoreCase)", ignore_case=True),
        ),
        "ethertype": (
            OneOf(("IPv4", "IPv6"), f"{_TF}vpc/resource_huaweicloud_networking_secgroup_rule.go ethertype StringInSlice(ignoreCase)", ignore_case=True),
        ),
        "protocol": (
            Matches(
                r"\A(?:tcp|udp|icmp|icmpv6)\Z|\A(?:[0-1]?[0-9]?[0-9]|2[0-4][0-9]|25[0-5])\Z",
                f"{_TF}vpc/resource_huaweicloud_networking_secgroup_rule.go protocol Any(StringInSlice, StringMatch 0-255)",
            ),
        ),
        "ports": (
            ConflictsWith(
                ("portRangeMin", "portRangeMax"),
                f"{_TF}vpc/resource_huaweicloud_networking_secgroup_rule.go ports ConflictsWith port_range_min, port_range_max",
            ),
        ),
        "remoteIpPrefix": (Cidr(f"{_TF}vpc/resource_huaweicloud_networking_secgroup_rule.go remote_ip_prefix utils.ValidateCIDR"),),
        "action": (
            OneOf(("allow", "deny"), f"{_TF}vpc/resource_huaweicloud_networking_secgroup_rule.go action StringInSlice"),
            ConflictsWith(
                ("portRangeMin", "portRangeMax"),
                f"{_TF}vpc/resource_huaweicloud_networking_secgroup_rule.go action ConflictsWith port_range_min, port_range_max",
            ),
        ),
    },
    # Subnet: network CIDR; utils.ValidateIP wants an address in its canonical spelling (IPv4 or IPv6).
    "huaweicloud:Vpc/subnet:Subnet": {
        "cidr": (Cidr(f"{_TF}vpc/resource_huaweicloud_vpc_subnet.go cidr utils.ValidateCIDR"),),
        "gatewayIp": (IpAddress(f"{_TF}vpc/resource_huaweicloud_vpc_subnet.go gateway_ip utils.ValidateIP"),),
    },
    # VPC: network CIDR.
    "huaweicloud:Vpc/vpc:Vpc": {
        "cidr": (Cidr(f"{_TF}vpc/resource_huaweicloud_vpc.go cidr utils.ValidateCIDR"),),
    },
    "huaweicloud:DedicatedElb/pool:Pool": {
        "listenerId": (AtLeastOneOf(("loadbalancerId", "listenerId", "type"), f"{_TF}elb/resource_huaweicloud_elb_pool.go listener_id AtLeastOneOf"),),
    },
}

__all__ = ["RULES"]
