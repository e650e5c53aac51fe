# (URL prefix under /api/, viewset, basename): registered by anjian.api_urls
ROUTES: list = []
