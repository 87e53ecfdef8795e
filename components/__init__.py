"""Cloud-neutral Pulumi components and their per-cloud adapters."""
