"""inferline's policy pack (Pulumi CrossGuard).

Rules are pure functions in ``policies.rules``; ``policies.pack`` adapts them to pulumi-policy, and
``policies/__main__.py`` builds the pack (it starts a server, so nothing else imports it). The offline
preview evaluates the same rules over its record.
"""
