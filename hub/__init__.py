"""The reference provincial hub: remote vault, dossier intake and status (FastAPI).

See ``docs/hub-protocol.md`` for the contract the counter and the hub share.
"""

PROTOCOL_VERSION = 1
