"""HTTP plumbing every service shares: problems, limits, correlation ids, metrics, health.

``noncoop_shared.web.app.create_app`` assembles them. Nothing is re-exported here, so importing
one module (``web.problems`` from ``auth``) never drags in the others.
"""
