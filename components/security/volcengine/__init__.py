"""Volcano Engine's audit trail as a Pulumi dynamic provider over the official Python SDK.

pulumi-volcengine 0.0.47 has no Cloud Trail resource. ``trail`` fills that gap; its import path is recorded in
stack state: never move or rename the module or its classes.
"""
