"""Pure planning logic: no Pulumi imports, deterministic, table- and property-tested."""
