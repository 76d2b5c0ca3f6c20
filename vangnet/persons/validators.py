# The same function objects under their old path: migrations and callers name them here.
from vangnet.core.identity import is_valid_bsn as is_valid_bsn
from vangnet.core.validators import validate_bsn as validate_bsn
