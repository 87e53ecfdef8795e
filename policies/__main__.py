"""Entry point Pulumi runs for `--policy-pack policies`. Building the pack starts its server; import nothing from here."""

from pulumi_policy import PolicyPack

from inferline.policies.pack import policies

PolicyPack(name="inferline-guardrails", policies=policies())
