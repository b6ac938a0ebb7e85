// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/gen/DrugPool.h"
#include "pharmdesk/gen/SyntheticPrescription.h"

#include <cstdint>

namespace pharmdesk::gen {

/// Draws plausible, entirely invented prescriptions: random Korean names, fake clinics with 8-digit
/// 요양기관기호, RRNs with a real birth date and sex digit 1-4, 1-8 drug lines from the pool with
/// doses, frequencies, durations and usage wording a pharmacy sees every day.
///
/// Deterministic: the same seed and pool give the same prescription. The pool must outlive the synth.
class PrescriptionSynth
{
public:
    explicit PrescriptionSynth(const DrugPool& pool);

    /// `layout` only shapes wording that differs between printers (institution kind, department).
    SyntheticPrescription generate(std::uint64_t seed, Layout layout) const;

    /// Insurance kinds in the order of the statutory checkbox row.
    static const QStringList& insuranceKinds();

private:
    const DrugPool& m_pool;
};

} // namespace pharmdesk::gen
