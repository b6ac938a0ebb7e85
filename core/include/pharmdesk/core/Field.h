// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QRect>

#include <optional>

namespace pharmdesk::core {

/// One recognised value with what recognition knows about it.
///
/// A field that was never read has no value; it is never filled with a guess. `confidence` is
/// calibrated to 0..1 (probability the value is right), `box` is where it was read, in pixels of the
/// original source image (null when unknown, e.g. entered by hand).
template<typename T>
struct Field
{
    std::optional<T> value;
    double confidence = 0.0;
    QRect box;

    bool hasValue() const { return value.has_value(); }
    const T& operator*() const { return *value; }
    const T* operator->() const { return &*value; }
    T valueOr(const T& fallback) const { return value.value_or(fallback); }

    static Field certain(T v)
    {
        Field f;
        f.value = std::move(v);
        f.confidence = 1.0;
        return f;
    }
    static Field read(T v, double confidence, QRect box = {})
    {
        Field f;
        f.value = std::move(v);
        f.confidence = confidence;
        f.box = box;
        return f;
    }
};

} // namespace pharmdesk::core
