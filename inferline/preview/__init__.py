"""Offline preview: the real Pulumi program under Pulumi's mock runtime, every resource recorded."""
