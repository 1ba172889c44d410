"""The web app: JSON API and the analyst's map page (``rasid.web.app.create_app``, ``rasid serve``)."""
