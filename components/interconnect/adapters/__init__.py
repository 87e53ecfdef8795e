"""One interconnect adapter per cloud; the registry is components.interconnect.registry."""
