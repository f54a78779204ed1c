"""`qfix serve`: qfix as an HTTP service (extra ``serve``: Starlette and uvicorn).

- ``qfix.serve.api``: the own JSON API's request parsing and answers (pure);
- ``qfix.serve.lt``: LanguageTool's ``/v2/check`` answers built from a repair (pure);
- ``qfix.serve.app``: the Starlette application (``create_app``), limits and auth;
- ``qfix.serve.openapi``: the OpenAPI description served at ``/openapi.json``.

Only ``app`` imports Starlette; the other modules are usable without the extra.
"""
