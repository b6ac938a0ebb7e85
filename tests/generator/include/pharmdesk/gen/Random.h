// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>

#include <cmath>
#include <cstdint>
#include <utility>

namespace pharmdesk::gen {

/// A small, portable pseudo-random source for the generator.
///
/// Deliberately not std::uniform_*_distribution (their output differs between standard libraries):
/// the same seed must give the same prescription, image and truth on every build. Not thread-safe;
/// give each worker its own instance (derive seeds with derive()).
class Random
{
public:
    explicit Random(std::uint64_t seed) : m_state(seed) {}

    /// SplitMix64 step: a well-mixed 64-bit value.
    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }

    /// Integer in [lo, hi], both inclusive.
    int range(int lo, int hi)
    {
        if (hi <= lo)
            return lo;
        const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
        return lo + static_cast<int>(next() % span);
    }

    /// Real in [0, 1).
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

    /// Real in [lo, hi).
    double uniform(double lo, double hi) { return lo + (hi - lo) * unit(); }

    /// True with probability p.
    bool chance(double p) { return unit() < p; }

    /// Normal variate (Box-Muller), mean 0, standard deviation 1.
    double normal()
    {
        const double u1 = 1.0 - unit();
        const double u2 = unit();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }

    template<typename T>
    T pick(const QList<T>& list)
    {
        return list.at(range(0, static_cast<int>(list.size()) - 1));
    }

    /// Picks from (value, weight) pairs; weights need not sum to 1.
    template<typename T>
    T weighted(const QList<std::pair<T, double>>& list)
    {
        double total = 0;
        for (const auto& e : list)
            total += e.second;
        double r = unit() * total;
        for (const auto& e : list) {
            if (r < e.second)
                return e.first;
            r -= e.second;
        }
        return list.last().first;
    }

    /// An independent seed for sub-task `stream` of `seed` (e.g. prescription #i of a run).
    static std::uint64_t derive(std::uint64_t seed, std::uint64_t stream)
    {
        Random r(seed ^ (stream * 0xD1B54A32D192ED03ULL + 0x8CB92BA72F3D8DD7ULL));
        r.next();
        return r.next();
    }

private:
    std::uint64_t m_state;
};

} // namespace pharmdesk::gen
