"""Entity mention candidates per document, one module per candidate source, combined in `merge`.

`extract_mentions` finds candidates in a batch of (doc_id, body) pairs; `zhnews.aliases.resolve_entities`
then merges them corpus-wide into entities. Offsets are character offsets into the body.
"""

from zhnews.entities.base import TYPES, Candidate, name_key, rules_fingerprint
from zhnews.entities.merge import extract_document, extract_mentions

__all__ = ["TYPES", "Candidate", "extract_document", "extract_mentions", "name_key", "rules_fingerprint"]
