"""``qa serve``: a local page for editors and an HTTP API for a CMS, over the same engine.

``service`` checks documents (engine built once per process), ``app`` is the Starlette
application (page, API, limits), ``server`` binds the socket and runs uvicorn. Nothing here is
imported by ``qa check``.
"""
