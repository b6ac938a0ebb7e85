// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pharmdesk/ui/RecognitionService.h"

#include <QList>
#include <atomic>
#include <functional>
#include <memory>

namespace pharmdesk::ui {

/// A RecognitionService over several services (each with its own worker and reader): every job
/// goes to the member with the fewest jobs outstanding. Members are created on first need, so an
/// idle pool costs nothing. Same thread rules as RecognitionService.
class RecognitionPool final : public RecognitionService
{
public:
    using Factory = std::function<std::shared_ptr<RecognitionService>()>;

    RecognitionPool(int size, Factory factory);
    ~RecognitionPool() override;

    int size() const { return int(m_members.size()); }
    using RecognitionService::recognise;
    QFuture<core::ImportResult> recognise(const QString& imagePath, int page, const core::CancelToken& cancel) override;

private:
    struct Member
    {
        std::shared_ptr<RecognitionService> service;
        std::shared_ptr<std::atomic_int> outstanding = std::make_shared<std::atomic_int>(0);
    };
    QList<Member> m_members;
    Factory m_factory;
};

} // namespace pharmdesk::ui
