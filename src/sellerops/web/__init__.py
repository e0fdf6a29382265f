"""web: the FastAPI app (pages with Jinja2 + htmx, JSON API under /api/v1, static assets)"""
