"""Reference data for the simulated catalog: categories and the words titles are made of.

Price ranges, cost ratios and seasonality amplitudes are plausible values for a mid-size
private-label seller, not measurements. Referral rates follow Amazon US's published schedule
in spirit (15 % for most categories) without its tiers.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Category:
    code: str  # the SKU segment, e.g. KITCH
    name: str
    price_usd: tuple[float, float]
    cogs_ratio: tuple[float, float]  # COGS as a share of the list price
    referral_rate: float
    weight_lb: tuple[float, float]
    q4_uplift: float  # extra demand at the December peak (0.6 = +60 %)
    summer_uplift: float
    summer_peak_doy: int  # day of year of the summer bump's centre
    b2b_share: float  # share of orders placed by business buyers
    cpc_usd: float  # typical cost per click
    return_base: float  # returns not caused by defects (unwanted, wrong item...)
    nouns: tuple[str, ...]
    adjectives: tuple[str, ...]


CATEGORIES: tuple[Category, ...] = (
    Category(
        "KITCH", "Kitchen & Dining", (9, 45), (0.22, 0.38), 0.15, (0.3, 3.5),
        0.6, 0.0, 180, 0.03, 0.85, 0.03,
        ("Garlic Press", "Spice Rack", "Knife Sharpener", "Cutting Board Set", "Salad Spinner",
         "Measuring Cups", "Pour Over Coffee Stand", "Silicone Spatula Set", "Oil Sprayer",
         "Herb Scissors"),
        ("Stainless Steel", "Bamboo", "Non-Slip", "Dishwasher Safe", "Professional"),
    ),
    Category(
        "HOME", "Home & Kitchen", (12, 60), (0.20, 0.35), 0.15, (0.5, 8.0),
        0.35, 0.1, 190, 0.04, 0.95, 0.04,
        ("Closet Organizer", "Shower Caddy", "Blackout Curtain", "Throw Pillow Cover",
         "Drawer Divider", "Under Bed Storage Bag", "Door Draft Stopper", "Laundry Hamper",
         "Wall Shelf", "Shoe Rack"),
        ("Foldable", "Heavy Duty", "Rustproof", "Space Saving", "Modern"),
    ),
    Category(
        "PET", "Pet Supplies", (8, 40), (0.25, 0.40), 0.15, (0.3, 12.0),
        0.2, 0.15, 185, 0.02, 0.75, 0.03,
        ("Dog Poop Bags", "Cat Scratcher", "Slow Feeder Bowl", "Dog Harness", "Pet Hair Remover",
         "Cat Water Fountain", "Dog Chew Toy", "Pet Grooming Glove", "Litter Mat", "Dog Leash"),
        ("Durable", "Leak-Proof", "Adjustable", "Reflective", "Washable"),
    ),
    Category(
        "SPORT", "Sports & Outdoors", (10, 70), (0.22, 0.38), 0.15, (0.3, 10.0),
        0.25, 0.7, 172, 0.03, 0.90, 0.05,
        ("Resistance Bands", "Yoga Mat", "Jump Rope", "Water Bottle", "Camping Lantern",
         "Cooling Towel", "Foam Roller", "Hiking Daypack", "Ab Roller", "Bike Phone Mount"),
        ("Lightweight", "Insulated", "Anti-Slip", "Portable", "Waterproof"),
    ),
    Category(
        "BEAUTY", "Beauty & Personal Care", (7, 35), (0.20, 0.32), 0.15, (0.1, 1.5),
        0.45, 0.1, 160, 0.01, 1.10, 0.04,
        ("Makeup Brush Set", "Hair Scrunchies", "Jade Roller", "Nail Drill", "Shower Cap",
         "Hair Clips", "Makeup Organizer", "Eyelash Curler", "Facial Steamer", "Hair Towel Wrap"),
        ("Gentle", "Travel Size", "Professional", "Vegan", "Satin"),
    ),
    Category(
        "ELEC", "Electronics Accessories", (8, 50), (0.25, 0.40), 0.15, (0.1, 2.0),
        0.8, 0.0, 180, 0.06, 1.05, 0.05,
        ("USB C Cable", "Phone Stand", "Wireless Charger", "Cable Organizer", "Laptop Sleeve",
         "Screen Cleaner Kit", "Power Strip", "Webcam Cover", "Tablet Holder", "Car Charger"),
        ("Fast Charging", "Braided", "Adjustable", "Slim", "Magnetic"),
    ),
    Category(
        "TOYS", "Toys & Games", (10, 50), (0.22, 0.38), 0.15, (0.3, 5.0),
        1.6, 0.05, 180, 0.01, 0.80, 0.04,
        ("Building Blocks Set", "Bubble Machine", "Puzzle Game", "Kids Art Easel", "Magnetic Tiles",
         "Play Tent", "Card Game", "Toy Car Set", "Sensory Fidget Pack", "Water Gun"),
        ("Educational", "Colorful", "STEM", "Family", "Classic"),
    ),
    Category(
        "OFFICE", "Office Products", (6, 40), (0.25, 0.40), 0.15, (0.2, 4.0),
        0.15, 0.3, 228, 0.12, 0.70, 0.03,
        ("Desk Organizer", "Gel Pens", "Monitor Stand", "Sticky Notes", "Paper Shredder",
         "File Folders", "Label Maker Tape", "Whiteboard", "Mouse Pad", "Document Tray"),
        ("Ergonomic", "Refillable", "Assorted", "Compact", "Premium"),
    ),
)  # fmt: skip

#: Colour variants (SKU suffix, display name) for colour families.
COLOURS: tuple[tuple[str, str], ...] = (
    ("BK", "Black"),
    ("WH", "White"),
    ("BL", "Blue"),
    ("RD", "Red"),
    ("GR", "Green"),
    ("GY", "Grey"),
    ("PK", "Pink"),
)

#: Size variants (SKU suffix, display name) for size families.
SIZES: tuple[tuple[str, str], ...] = (
    ("S", "Small"),
    ("M", "Medium"),
    ("L", "Large"),
    ("XL", "X-Large"),
)

#: Title endings that make titles look like real listings (features after a comma).
FEATURES: tuple[str, ...] = (
    "Easy to Clean",
    "Gift Idea",
    "2 Pack",
    "BPA Free",
    "for Home and Travel",
    "Upgraded Version",
    "Set of 3",
    "Long Lasting",
)

#: Extra demand per marketplace relative to the US, for multi-marketplace runs.
MARKET_SCALE: dict[str, float] = {
    "US": 1.0, "CA": 0.12, "MX": 0.05, "UK": 0.25, "DE": 0.30, "FR": 0.12, "IT": 0.10,
    "ES": 0.10, "JP": 0.15, "AU": 0.06,
}  # fmt: skip

#: Units of local currency per US dollar, rounded (prices are set per market, not converted daily).
FX_PER_USD: dict[str, float] = {
    "USD": 1.0, "CAD": 1.36, "MXN": 17.0, "GBP": 0.80, "EUR": 0.92, "JPY": 150.0, "AUD": 1.5,
    "INR": 83.0, "SEK": 10.5, "PLN": 4.0, "BRL": 5.0, "SGD": 1.35, "AED": 3.67, "SAR": 3.75,
    "TRY": 32.0, "EGP": 48.0, "ZAR": 18.5,
}  # fmt: skip
