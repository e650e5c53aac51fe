"""Word documents of the hazard closed loop (python-docx): the assignment slip (交办单) and a major
hazard's dossier (一患一档). Each function takes a hazard the caller fetched within the user's scope
and returns the .docx bytes, or raises ValidationError when the document does not apply."""

from anjian.hazards.documents.dossier import hazard_dossier
from anjian.hazards.documents.slip import assignment_slip

__all__ = ["assignment_slip", "hazard_dossier"]
