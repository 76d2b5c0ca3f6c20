"""Form posts for the intake tests."""


def staff_post(**overrides) -> dict:
    """A complete, valid post of the staff form. ``None`` removes a key."""
    data = {
        "channel": "telefoon",
        "received_at": "2025-03-04T09:15",
        "gemeente": "",
        "melder_type": "buurtbewoner",
        "melder_name": "Anja Buurvrouw",
        "melder_phone": "06 12345678",
        "melder_email": "anja@example.org",
        "melder_relation": "Bovenbuurvrouw",
        "melder_wants_feedback": "on",
        "given_names": "Johannes Petrus",
        "tussenvoegsel": "van der",
        "surname": "Meulenbroek",
        "sex": "M",
        "date_of_birth": "1961-07-14",
        "estimated_age": "",
        "bsn": "",
        "street": "Kerkstraat",
        "house_number": "12b",
        "postcode": "1234 AB",
        "city": "Noordstad",
        "place_description": "",
        "categories": ["psychisch", "verwaarlozing-woning"],
        "description": "Meneer komt al weken de deur niet uit, de brievenbus puilt uit en het stinkt in het trappenhuis.",
        "urgency_indicators": ["geen_voedsel"],
    }
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def partner_post(**overrides) -> dict:
    data = {
        "melder_phone": "0900 8844",
        "melder_relation": "Wijkagent",
        "given_names": "",
        "tussenvoegsel": "",
        "surname": "",
        "sex": "M",
        "date_of_birth": "",
        "estimated_age": "40",
        "bsn": "",
        "street": "",
        "house_number": "",
        "postcode": "",
        "city": "",
        "place_description": "Man, ~40, slaapt bij het station onder de fietsenstalling",
        "categories": ["dakloosheid", "psychisch"],
        "description": "Verward, praat tegen zichzelf, heeft al dagen niet gegeten volgens omstanders.",
        "urgency_indicators": [],
    }
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data
