// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

/// Normalisation of Korean drug names, shared by the cache builder, the matcher and search.
/// Pure functions of their arguments: safe to call from any thread.
namespace pharmdesk::drugdb::names {

/// What to do with the text inside brackets of an item name.
enum class BracketContent {
    Keep,  ///< "타이레놀정500밀리그람(아세트아미노펜)" → "타이레놀정500mg아세트아미노펜"
    Drop,  ///< "타이레놀정500밀리그람(아세트아미노펜)" → "타이레놀정500mg"
};

/// The matching form of a name: NFKC, unit spellings unified (밀리그램/밀리그람/MG/㎎ → mg,
/// 마이크로그램/μg → mcg, 그램 → g, 밀리리터/mL → ml), OCR look-alikes next to digits fixed
/// ("5OO" → "500"), Latin lower-cased, noise groups removed ("(수출용)", "(수출명:…)", "(내복)",
/// "(외용)"), then only letters, digits, '%' and '.' or '/' between digits kept (no spaces, brackets
/// or punctuation). Hangul stays precomposed; callers decompose to jamo as they need.
QString normalize(const QString& name, BracketContent brackets = BracketContent::Keep);

/// normalize() with brackets kept and dropped, in one pass.
void normalizeBoth(const QString& name, QString* withBrackets, QString* withoutBrackets);

/// The numbers of a normalised name in order, joined by '|' ("텔미스크정80/5mg" → "80|5"); empty
/// when it has none. Two names of the same product strength have equal strings.
QString strengthKey(const QString& normalized);

/// The main ingredients from the trailing bracket group of an item name, as written:
/// "타이레놀정500밀리그람(아세트아미노펜)" → "아세트아미노펜"; empty when there is none (export
/// names and "(수출용)" are not ingredients).
QString ingredientsOf(const QString& itemName);

/// The dosage-form word of an item name (정, 캡슐, 연질캡슐, 시럽, 주사액, 크림, ...), found at the
/// end of the name once brackets and the strength are removed; empty when none is recognised.
QString formOf(const QString& itemName);

/// Known company prefixes of product names ("한미", "유한", "종근당", ...), longest first. A name
/// that starts with one also matches without it (at a small cost).
const QStringList& companyPrefixes();

/// True when `text` consists only of Hangul compatibility consonants (ㄱ..ㅎ): an initials query.
bool isInitialsQuery(const QString& text);

} // namespace pharmdesk::drugdb::names
