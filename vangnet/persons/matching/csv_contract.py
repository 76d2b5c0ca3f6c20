"""The CSV contract of ``match_bench`` / ``match_dedup`` (issue 3), in one place:
the commands read it and the bench generators write it. Plain Python, no Django,
so bench scripts can import it without settings."""

REGISTRY_HEADER = [
    "record_id",
    "given_names",
    "surname_prefix",
    "surname",
    "sex",
    "date_of_birth",
    "bsn",
    "street",
    "house_number",
    "postcode",
    "city",
    "phone",
]
QUERY_HEADER = [
    "query_id",
    "given_names",
    "surname_prefix",
    "surname",
    "sex",
    "date_of_birth",
    "approx_age",
    "bsn",
    "street",
    "house_number",
    "postcode",
    "city",
    "phone",
    "place_description",
]
