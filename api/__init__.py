"""The archive's public API: /api/ documents it, /api/v1/ answers in JSON (README, "API")."""
