"""Person matching: "is this person already known?".

- ``names``: Dutch name normalisation (tussenvoegsels, ij/y, diacritics, nicknames, phonetics).
- ``features``: a record turned into comparable features and blocking keys.
- ``scoring``: pairwise comparison with reasons a worker can read.
- ``index``: the store's blocking keys kept in step with persons; bulk import.
- ``search``: the store-backed search the triage screen and the benchmark call.
- ``signals``: the key upkeep on save, connected in ``PersonsConfig.ready()``.
"""
