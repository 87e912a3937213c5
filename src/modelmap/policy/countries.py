"""Country groups the shipped presets and scenarios share.

The People's Republic of China is written as three ISO 3166-1 codes because the knowledge base records a
publisher's country as its headquarters, and some sit in Hong Kong (SenseTime, HKUST labs). US rules that
speak of China count those regions in: 15 CFR 791.4 names "the People's Republic of China, including the
Hong Kong Special Administrative Region and Macau Special Administrative Region" as a foreign adversary
(https://www.ecfr.gov/current/title-15/subtitle-A/part-791/subpart-A/section-791.4, read through its
Wikipedia summary https://www.wikiwand.com/en/articles/Foreign_adversaries, as of 2026-12-03). A company that
wants mainland China only writes its own rule (`'CN' in origins`).

The countries of concern follow the same section's list of governments: China (as above), Cuba, Iran, North
Korea and Russia. The section's sixth entry is a person (Venezuela's Maduro regime), not a country, so no
country code stands for it here.
"""

from __future__ import annotations

#: mainland China, Hong Kong and Macau
PRC = ("CN", "HK", "MO")
#: 15 CFR 791.4's foreign-adversary governments, as country codes
COUNTRIES_OF_CONCERN = (*PRC, "CU", "IR", "KP", "RU")

