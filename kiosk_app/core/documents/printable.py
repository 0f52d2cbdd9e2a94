"""What the print flow prints: the PDF and what it is, never whose it is."""

from __future__ import annotations

from dataclasses import dataclass, field

from contract.wire import FetchedProof
from devices.a4.render import A4Document


@dataclass(frozen=True)
class Printable:
    """A rendered document ready for the A4 printer.

    ``kind`` is the audit's vocabulary (``contract.events.PrintKind``), ``subkind`` the licence
    or proof kind; ``pdf`` is personal (it lives in the flow, inside the session, only).
    """

    kind: str
    pdf: bytes = field(repr=False)
    pages: int
    subkind: str = ""
    unmasked: bool = False  # a licence copy with the holder's data in full
    case_id: str | None = None
    proof_number: str | None = None
    preview: A4Document | None = field(default=None, repr=False, compare=False)


def from_document(
    doc: A4Document,
    kind: str,
    *,
    subkind: str = "",
    unmasked: bool = False,
    case_id: str | None = None,
) -> Printable:
    rendered = doc.pdf()
    return Printable(kind, rendered.pdf, rendered.pages, subkind, unmasked, case_id, None, doc)


def from_proof(proof: FetchedProof) -> Printable:
    """A proof prints as it came (its verification QR is the service's): no re-rendering."""
    issued = proof.issued
    return Printable("proof", proof.pdf, issued.pages, issued.kind, proof_number=issued.number)
