"""The units an amount is written in: currencies ("$", "S$", "euros", "Hong Kong dollars") and
measures ("50 hectares", "1.3 megapixel", "200 metres").

A currency is named by its ISO 4217 code (`currency_of`); a measure by its unit in the singular,
spelled out (`measure_unit`: "km" is kilometre, "bpd" barrel per day). Floors, storeys and
percentiles are measured but are no statistics: `measure_unit` names none for them.
"""

from __future__ import annotations

import re

#: a currency sign or code just before an amount: "$", "S$", "£", "USD ", "Rs."
MONEY_BEFORE = re.compile(
    r"(?:\b(?:US|S|HK|A|C|NZ|NT)\$|[$€£¥₹₽]|\b(?:USD|EUR|GBP|RMB|CNY|JPY|INR|SGD|Rs\.?|RM))\s*$"
)
_CURRENCY_SIGNS = {
    "$": "USD", "US$": "USD", "S$": "SGD", "HK$": "HKD", "A$": "AUD", "C$": "CAD", "NZ$": "NZD",
    "NT$": "TWD",
    "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB", "Rs": "INR", "Rs.": "INR",
    "RM": "MYR", "RMB": "CNY",
}  # fmt: skip
_CURRENCY_WORDS = {
    "dollar": "USD", "euro": "EUR", "pound": "GBP", "sterling": "GBP", "pence": "GBP",
    "yuan": "CNY", "renminbi": "CNY", "yen": "JPY", "rupee": "INR", "rouble": "RUB",
    "ruble": "RUB", "ringgit": "MYR", "baht": "THB", "won": "KRW", "rand": "ZAR", "lira": "TRY",
    "shekel": "ILS", "naira": "NGN", "rupiah": "IDR", "hryvnia": "UAH", "zloty": "PLN",
    "franc": "CHF", "dirham": "AED", "riyal": "SAR", "taka": "BDT", "kyat": "MMK", "dong": "VND",
    "krona": "SEK", "kronor": "SEK", "cedi": "GHS", "tenge": "KZT", "lari": "GEL", "kip": "LAK",
    "riel": "KHR", "real": "BRL", "reais": "BRL", "afghani": "AFN",
}  # fmt: skip
MONEY_AFTER = re.compile(
    r"^(?:\s*|-)(?:m\b|bn\b|k\b)?\s*(?P<country>(?-i:(?:[A-Z][a-z]+|US|HK|NT)\s+){0,2})"
    r"(?P<currency>dollars?|euros?|pounds?|sterling|yuan|yen|rupees?|roubles?|"
    r"rubles?|cents?|pence|francs?|pesos?|ringgit|baht|won|dong|rand|lira|liras|shekels?|"
    r"dinars?|riyals?|dirhams?|krona|kronor|kroner|zloty|hryvnias?|naira|shillings?|cedis?|"
    r"rupiah|ringgits?|renminbi|reais|real|kwacha|pula|lari|tenge|som|manat|afghanis?|taka|"
    r"kyat|kip|riel|yuan|bitcoins?|USD|EUR|GBP|SGD|HKD|AUD|CAD|JPY|CNY|INR)\b",
    re.IGNORECASE,
)
#: a unit of measure just after an amount: "50 hectares", "200 metres", "1.3 megapixel"
MEASURE_AFTER = re.compile(
    r"^(?:\s*|-)(?P<unit>km/h|km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|m\b|cm|mm|kg|kilograms?|"
    r"grams?|g\b|tonnes?|tons?|lbs?|litres?|liters?|gallons?|barrels?|acres?|hectares?|"
    r"square\s+(?:kilomet(?:re|er)s?|met(?:re|er)s?|miles?|feet|km)|sq\b|degrees?|°|mph|kph|"
    r"feet|foot|ft\b|inch(?:es)?|GB\b|MB\b|TB\b|MW\b|GW\b|kWh|kW|calories|mg\b|ml\b|bpd\b|"
    r"knots?|megapixels?|storeys?|stories|floors?|percentile)(?![A-Za-z])",
    re.IGNORECASE,
)
#: each unit's name in the table, spelled out and singular; None for no statistic
_UNIT_NAMES = {
    "km": "kilometre", "kilometre": "kilometre", "kilometer": "kilometre", "mile": "mile",
    "metre": "metre", "meter": "metre", "m": "metre", "cm": "centimetre", "mm": "millimetre",
    "kg": "kilogram", "kilogram": "kilogram", "gram": "gram", "g": "gram", "tonne": "tonne",
    "ton": "tonne", "lb": "pound", "lbs": "pound", "pound": "pound", "litre": "litre",
    "liter": "litre", "gallon": "gallon", "barrel": "barrel", "acre": "acre",
    "hectare": "hectare", "sq": None, "degree": "degree", "°": "degree",
    "mph": "mile per hour", "km/h": "kilometre per hour", "kph": "kilometre per hour",
    "feet": "foot", "foot": "foot", "ft": "foot", "inch": "inch", "inche": "inch",
    "gb": "gigabyte", "mb": "megabyte", "tb": "terabyte", "mw": "megawatt", "gw": "gigawatt",
    "kw": "kilowatt", "kwh": "kilowatt hour", "calorie": "calorie", "mg": "milligram",
    "ml": "millilitre", "bpd": "barrel per day", "knot": "knot", "megapixel": "megapixel",
    "storey": None, "storie": None, "floor": None, "percentile": None,
}  # fmt: skip


#: a measure that describes a thing or a place rather than reports data: "a 510-foot-long
#: wreck", "40 miles north-east of Fresno", "5,000 miles away", "1km from home"
_DESCRIPTION_AFTER = re.compile(
    r"\)?\s*(?:\([^()]{0,30}\)\s*)?(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?|"
    r"away|from|off|outside|inland|offshore|ahead|behind|apart|long|high|tall|wide|deep|"
    r"above|below|beneath|under|downhill|uphill|upstream|downstream|inland)\b",
    re.IGNORECASE,
)


def measure_unit(after: str) -> str | None:
    """The unit of measure `after` an amount opens with, spelled out and singular ("hectares"
    -> hectare, "km/h" -> kilometre per hour); None when there is none, when it is joined to a
    noun ("a 510-foot wreck") or it places or describes a thing ("40 miles north of")."""
    m = MEASURE_AFTER.match(after)
    if m is None or after.startswith("-") or _DESCRIPTION_AFTER.match(after, m.end()):
        return None
    words = m.group("unit").lower().split()
    if words[0] == "square":
        return "square " + (_UNIT_NAMES.get(_singular(words[-1])) or words[-1])
    return _UNIT_NAMES.get(words[0], _UNIT_NAMES.get(_singular(words[0])))


def _singular(unit: str) -> str:
    """ "hectares" -> "hectare", "inches" -> "inche" (the table above spells both)."""
    return unit[:-1] if unit.endswith("s") and len(unit) > 2 else unit


#: dollars by the country that names them ("Singapore dollars", "150 Hong Kong dollars")
_DOLLARS = {
    "singapore": "SGD", "hong kong": "HKD", "hk": "HKD", "australian": "AUD", "canadian": "CAD",
    "new zealand": "NZD", "taiwan": "TWD", "new taiwan": "TWD", "nt": "TWD", "us": "USD",
    "american": "USD", "zimbabwe": "ZWL", "namibian": "NAD", "jamaican": "JMD",
}  # fmt: skip


def currency_of(sign: str | None, word: str | None, country: str = "") -> str | None:
    """The ISO 4217 code of a currency sign ("S$", "£") or word ("euros", "Singapore
    dollars"); None when unknown."""
    named = " ".join(country.lower().split())
    if word and word.lower().startswith("dollar") and named in _DOLLARS:
        return _DOLLARS[named]
    if sign:
        code = sign.strip()
        return code if code in _CURRENCY_WORDS.values() else _CURRENCY_SIGNS.get(code)
    if word:
        w = word.lower()
        return (
            _CURRENCY_WORDS.get(w)
            or _CURRENCY_WORDS.get(w.rstrip("s"))
            or (word.upper() if word.upper() in _CURRENCY_SIGNS.values() else None)
        )
    return None
