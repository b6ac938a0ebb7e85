// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace pharmdesk::ocr {

/// What kind of name a header field holds.
enum class NameKind { Person, Institution };

/// Whether `name` starts with one of the common Korean surnames: the hundred or so one-syllable
/// surnames each borne by some 10,000 people or more (census 2015; together over 99.5 % of the
/// population) and the two-syllable ones 남궁, 황보, 제갈, 선우, 독고, 사공, 서문. A rare surname is a legitimate name that simply is not confirmed by the
/// machine: the pharmacist checks it.
bool startsWithCommonSurname(const QString& name);

/// Whether every syllable of `name` after its surname is one of the 256 or so syllables common in
/// Korean given names. A misread vowel tends to give a syllable names rarely use (을 for 율,
/// 회 for 희, 술 for 솔: measured where two models agreed on such a misreading); a real but rare
/// syllable is simply left for the pharmacist to confirm.
bool hasCommonGivenName(const QString& name);

/// Whether a second, independent reading of the region around a name confirms `value`, the
/// page read's name. Pure; any thread.
///
/// `secondRead` is what another recognition model read in the name's box widened on both sides,
/// so that a syllable the first read lost (under a seal, at a cell edge) would show there: the
/// name must appear in it as a whole run of syllables, with no syllable glued to either end
/// ("황연희" or "황 연희" read again does not confirm "연희"). Spaces inside the second read are
/// ignored (letter-spaced names: "김 시 남").
///
/// Beyond agreement, only names that cannot be a fragment are confirmed:
/// - Person: 3 to 5 syllables (a two-syllable name is what a lost syllable leaves behind: "이미"
///   for "이미숙"), starting with a common surname (startsWithCommonSurname()), with a common
///   given name (hasCommonGivenName()).
/// - Institution: 4 or more syllables ending in what an institution is (의원, 병원, 한의원,
///   치과의원, 치과병원, 보건소, 보건지소, 보건진료소, 의료원); "열린내과" without its 의원 is not confirmed.
bool secondReadConfirmsName(const QString& value, const QString& secondRead, NameKind kind);

} // namespace pharmdesk::ocr
