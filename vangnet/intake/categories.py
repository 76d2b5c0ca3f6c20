"""The standard concern categories (seeded by migration 0002_concern_categories).

Functioneel beheer may add or switch off categories; these codes are the ones
every installation starts with, documented in the API schema."""

STANDARD_CATEGORY_CODES = (
    "psychisch",
    "verslaving",
    "verwaarlozing-zelf",
    "verwaarlozing-woning",
    "vervuiling-hoarding",
    "overlast",
    "sociaal-isolement",
    "schulden",
    "huisuitzetting",
    "dementie",
    "lvb",
    "agressie-gevaar",
    "dakloosheid",
    "lichamelijk",
    "anders",
)
