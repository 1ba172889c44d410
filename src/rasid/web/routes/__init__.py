"""One APIRouter per resource: incidents, events, documents, exports."""
