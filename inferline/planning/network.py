"""What one site's private network consists of, decided before any resource is declared."""

from __future__ import annotations

from dataclasses import dataclass

from inferline.clouds import CloudName
from inferline.config.network import FlowLogSettings, NatStrategy
from inferline.planning.addresses import ZonePlan
from inferline.planning.naming import Names


@dataclass(frozen=True)
class NetworkSpec:
    """Everything a cloud adapter needs to build one site's network; cloud-neutral and final."""

    names: Names
    cloud: CloudName
    region: str
    cidr: str
    zones: tuple[ZonePlan, ...]
    nat: NatStrategy
    flow_logs: FlowLogSettings
    tags: dict[str, str]
    #: Whether the site has an internet-facing load balancer, which needs an edge subnet in every zone.
    load_balancer: bool = False

    @property
    def flow_log_group(self) -> str:
        """The name of the site's flow-log group where the cloud lets us choose it freely (CloudWatch Logs):
        planned once, because the site key's policy names the group before the group exists."""
        return f"/inferline/{self.names.stack}/{self.names.site}/vpc-flow-logs"

    @property
    def nat_zones(self) -> tuple[str, ...]:
        """Zones that host a NAT gateway: none, the first zone, or every zone."""
        if self.nat == "none":
            return ()
        if self.nat == "single":
            return (self.zones[0].zone,)
        return tuple(zone.zone for zone in self.zones)

    @property
    def edge_zones(self) -> tuple[ZonePlan, ...]:
        """Zones that need an edge subnet: every zone under a load balancer, else where a NAT gateway sits."""
        if self.load_balancer:
            return self.zones
        hosts = set(self.nat_zones)
        return tuple(zone for zone in self.zones if zone.zone in hosts)

    def nat_zone_for(self, zone: str) -> str | None:
        """The zone whose NAT gateway carries ``zone``'s egress, or None without NAT."""
        nat_zones = self.nat_zones
        if not nat_zones:
            return None
        return zone if zone in nat_zones else nat_zones[0]
