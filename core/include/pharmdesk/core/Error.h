// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace pharmdesk::core {

/// What went wrong, broadly: lets callers decide (retry, skip the item, stop) without parsing text.
enum class ErrorCategory {
    Usage,        ///< the caller asked for something impossible (bad option, missing file)
    Input,        ///< the item itself is bad: not an image, truncated, too large, not a prescription
    Recognition,  ///< OCR engine failure (models missing, engine error)
    Database,     ///< drug cache or record store failure
    Network,      ///< MFDS or sync transport failure
    Io,           ///< reading or writing files
    Cancelled,    ///< the user or a deadline stopped the work
    Internal,     ///< a bug: an invariant did not hold
};

/// Stable lowercase name of a category ("input", "io", ...), used in JSON and logs.
QString categoryName(ErrorCategory category);

/// An error value returned by core-side code. Core code never shows dialogs; ui/ presents these.
/// `message` is one sentence a pharmacist can read; `detail` is technical context for logs. Neither
/// may contain a resident registration number in clear or a service key.
struct Error
{
    ErrorCategory category = ErrorCategory::Internal;
    QString message;
    QString detail;

    /// "message (detail)" or just the message.
    QString toString() const;
};

/// Either a value or an Error. Minimal stand-in for std::expected (C++23), which GCC 12 lacks.
template<typename T>
class Result
{
public:
    Result(T value) : m_state(std::move(value)) { }
    Result(Error error) : m_state(std::move(error)) { }

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<T>(m_state); }
    T& value() & { return std::get<T>(m_state); }
    T&& value() && { return std::get<T>(std::move(m_state)); }
    const T* operator->() const { return &std::get<T>(m_state); }
    T* operator->() { return &std::get<T>(m_state); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

/// Result of an operation that yields nothing but may fail.
struct Done
{
};
using Status = Result<Done>;

inline Error makeError(ErrorCategory category, QString message, QString detail = {})
{
    return Error { category, std::move(message), std::move(detail) };
}

} // namespace pharmdesk::core
