#!/usr/bin/env python3
"""Lists the UI's resource keys (the Chinese texts) and which of them Resources/SharedResource.en.resx lacks.

    scripts/localization-keys.py            # missing keys, one per line
    scripts/localization-keys.py --all      # every key

The rules match tests/Rectification.UnitTests/LocalizationTests.cs: every C# string literal holding Chinese in
src/Rectification.Core and src/Rectification.Web (data files excepted) and every L["…"] in the views is a key.
"""
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")
LITERAL = re.compile(r'(?<![$@])"((?:[^"\\\n]|\\.)*)"')
VIEW_KEY = re.compile(r'L\["((?:[^"\\\n]|\\.)*)"')
# Files whose Chinese is data (names, numerals, default records), not interface text.
DATA_FILES = {
    "src/Rectification.Core/Text/ChineseNumerals.cs",
    "src/Rectification.Core/Text/ChineseDates.cs",
    "src/Rectification.Core/Inspections/StandardCategories.cs",
    "src/Rectification.Core/Data/DatabaseInitializer.cs",
    "src/Rectification.Core/Scoping/UserScope.cs",
    "src/Rectification.Core/Reports/ReportDocxWriter.cs",
    # E-mails are written outside any request's culture, so each template carries its Chinese and its English.
    "src/Rectification.Core/Notifications/EmailTemplates.cs",
    "src/Rectification.Core/Notifications/EmailTemplates.FollowUps.cs",
    # The report's own fixed wording (headings, opening, contact line): the Chinese document, in every UI language.
    "src/Rectification.Core/Reports/ReportWording.cs",
    "src/Rectification.Core/Ledger/LedgerColumns.cs",
    "src/Rectification.Core/Ledger/LedgerTemplate.cs",
    # The 整改档案's contents (file and folder names, the manifest, each finding's summary): a Chinese record.
    "src/Rectification.Core/Archive/ArchiveService.cs",
    "src/Rectification.Core/Archive/ArchiveSummary.cs",
    # The sample feedback document: a Chinese document in every UI language.
    "src/Rectification.Core/Ledger/Word/FeedbackSample.cs",
}
DATA_DIRS = ("src/Rectification.Core/Demo/",)


def keys():
    found = {}
    for project in ("src/Rectification.Core", "src/Rectification.Web"):
        for path in sorted((ROOT / project).rglob("*.cs")):
            rel = path.relative_to(ROOT).as_posix()
            if "/obj/" in rel or "/bin/" in rel or rel in DATA_FILES or rel.startswith(DATA_DIRS):
                continue
            for literal in LITERAL.findall(path.read_text(encoding="utf-8")):
                if CJK.search(literal):
                    found.setdefault(literal, rel)
        for path in sorted((ROOT / project).rglob("*.cshtml")):
            rel = path.relative_to(ROOT).as_posix()
            for literal in VIEW_KEY.findall(path.read_text(encoding="utf-8")):
                found.setdefault(literal, rel)
    return found


def translated():
    resx = ROOT / "src/Rectification.Web/Resources/SharedResource.en.resx"
    if not resx.exists():
        return set()
    return {d.get("name") for d in ET.parse(resx).getroot().iter("data")}


if __name__ == "__main__":
    all_keys = keys()
    have = translated()
    for key, where in all_keys.items():
        if "--all" in sys.argv or key not in have:
            print(f"{key}\t{where}")
