"""Huawei Cloud VPN and Direct Connect as Pulumi dynamic providers over Huawei's official Python SDKs.

pulumi-huaweicloud 0.0.12 has no VPN and no Direct Connect resources. These providers fill that gap. Their
import paths are recorded in stack state: never move or rename these modules or classes. ``vpn`` and ``dc`` define
the resources and their providers; ``base`` holds what the providers share (calls, waits, create clean-up, CRUD
and diff scaffolding) and ``credentials`` the environment credentials.
"""
